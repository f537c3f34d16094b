import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activePair, answerCheckin, approveMentors, coordinator, logMeeting, type ScriptedPair } from '../helpers/pairScript';
import { englishIntake, mentorRegistration } from '../helpers/intakeScript';
import { type Person, TestKit } from '../helpers/testKit';

interface AlertRow {
  kind: string;
  priority: string;
  status: string;
  day: string;
  participant_id: number | null;
}

/**
 * Scripted pairs over six months on a fake clock (day 0 is Monday 2 November 2026, 10:00 in Oslo),
 * with a scheduler run each day: exactly which reminders, nudges and alerts go out, and when.
 */
describe('check-ins, nudges and alerts over six months', () => {
  let kit: TestKit;
  let coco: Person;

  beforeEach(async () => {
    kit = await new TestKit().open();
    coco = await coordinator(kit);
  });
  afterEach(() => kit.close());

  const alertRows = () => kit.rows<AlertRow>('select kind, priority, status, substr(opened_at, 1, 10) as day, participant_id from alerts order by id');
  /** The scheduled messages by key (replies to turns left out), with the day they were queued. */
  const scheduled = (prefix: string) =>
    kit.rows<{ dedupe_key: string }>('select dedupe_key from outbox where dedupe_key like ? order by id', `${prefix}%`).map((r) => r.dedupe_key);
  const hasCheckin = (p: Person) => p.last().choices.some((c) => c.label === 'Start the check-in');

  it('raises nothing for a pair that meets and answers, sends five check-ins and completes the pair at its end date', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await logMeeting(pair.mentee);
    await kit.days(181, async (day) => {
      if (day % 14 === 0 && day < 180) await logMeeting(day % 28 === 0 ? pair.mentor : pair.mentee);
      for (const member of [pair.mentee, pair.mentor]) {
        if (hasCheckin(member)) await answerCheckin(member, { met: 'Yes, two times', rating: 5 });
      }
    });

    expect(alertRows()).toEqual([]);
    expect(scheduled('nudge:')).toEqual([]);
    expect(scheduled('checkin-reminder:')).toEqual([]);
    const rounds = [1, 2, 3, 4, 5];
    expect(scheduled('checkin:')).toEqual(rounds.flatMap((r) => [`checkin:${pair.pairId}:${pair.menteeId}:${r}`, `checkin:${pair.pairId}:${pair.mentorId}:${r}`]));
    expect(kit.rows('select round, substr(sent_at, 1, 10) as day from checkins where participant_id = ? order by round', pair.menteeId)).toEqual([
      { round: 1, day: '2026-12-02' },
      { round: 2, day: '2027-01-02' },
      { round: 3, day: '2027-02-02' },
      { round: 4, day: '2027-03-02' },
      { round: 5, day: '2027-04-02' },
    ]);
    expect(kit.rows('select status, end_reason, substr(ended_at, 1, 10) as day from pairs')).toEqual([{ status: 'completed', end_reason: 'completed', day: '2027-05-02' }]);
    expect(kit.channel.sentTo('olena').map((m) => m.text)).toContain('Your mentoring time is over. Thank you for taking part!');
    expect(pair.mentee.lastText()).toContain('We would like to hear how it went');
    expect(coco.lastText()).toBe(`Pair ${pair.pairId} has reached its end date and is completed.`);
  });

  it('nudges a pair that stops meeting once, alerts a week later, and alerts once per member for check-ins left unanswered', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await logMeeting(pair.mentee);
    await kit.days(182);

    const members = [pair.menteeId, pair.mentorId];
    // Check-in on 2 December; the nudge waits until that check-in is a week old.
    expect(scheduled('nudge:')).toEqual(members.map((m) => `nudge:${pair.pairId}:2026-11-02:${m}`));
    expect(kit.rows('select substr(nudged_at, 1, 10) as day from pair_nudges')).toEqual([{ day: '2026-12-09' }]);
    expect(scheduled('checkin-reminder:')).toHaveLength(10);
    const alerts = alertRows();
    expect(alerts.map(({ kind, priority, status, day }) => ({ kind, priority, status, day }))).toEqual([
      { kind: 'inactive', priority: 'normal', status: 'resolved', day: '2026-12-16' },
      { kind: 'checkinsUnanswered', priority: 'normal', status: 'resolved', day: '2027-01-09' },
      { kind: 'checkinsUnanswered', priority: 'normal', status: 'resolved', day: '2027-01-09' },
    ]);
    expect(
      alerts
        .slice(1)
        .map((a) => a.participant_id)
        .sort(),
    ).toEqual([...members].sort());
    // Each alert reached the coordinator once, with the pair's context.
    const toCoco = kit.channel.sentTo('coco').filter((m) => m.text.startsWith('Alert'));
    expect(toCoco.map((m) => m.text.split('\n')[1])).toEqual([
      `Pair ${pair.pairId} has not met since November 2, 2026 (44 days), as far as we know. Both got a nudge.`,
      expect.stringMatching(/^#\d+ (Olena|Kari) did not answer the last 2 check-ins\.$/),
      expect.stringMatching(/^#\d+ (Olena|Kari) did not answer the last 2 check-ins\.$/),
    ]);
    expect(toCoco[0]?.text).toContain('Last meeting: November 2, 2026 (1 meeting logged).');
  });

  it('alerts at once when a member asks for contact, on a low rating, and when the two disagree about meeting', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await logMeeting(pair.mentor);
    await kit.days(30);
    await answerCheckin(pair.mentee, { met: 'No, not yet', rating: 2, contact: true, note: 'My mentor cancels often' });
    expect(coco.lastText()).toContain('My mentor cancels often');
    await answerCheckin(pair.mentor, { met: 'Yes, once', rating: 4 });

    expect(alertRows().map(({ kind, priority, day }) => ({ kind, priority, day }))).toEqual([
      { kind: 'contactRequest', priority: 'high', day: '2026-12-02' },
      { kind: 'lowRating', priority: 'normal', day: '2026-12-02' },
      { kind: 'disagreement', priority: 'low', day: '2026-12-02' },
    ]);
    const urgent = kit.channel.sentTo('coco').find((m) => m.text.startsWith('Urgent'));
    expect(urgent?.text).toContain('#' + pair.menteeId + ' Olena asks you to contact them.');
    expect(urgent?.text).toContain('Latest ratings (1–5): mentee 2, mentor –.');
    // The mentor never sees the mentee's answers, and the other way round.
    for (const text of kit.channel.sentTo('kari').map((m) => m.text)) expect(text).not.toContain('cancels often');
    await pair.mentor.say('/alerts');
    expect(pair.mentor.lastText()).toContain('Only coordinators can use this command.');

    await coco.say('/alerts');
    expect(coco.lastText().split('\n')).toEqual([
      '3 open alerts:',
      expect.stringMatching(/^1\. Urgent: #\d+ Olena asks you to contact them\.$/),
      expect.stringMatching(/^2\. #\d+ Olena rated the mentoring 2 of 5\.$/),
      `3. In pair ${pair.pairId}, the two members answered differently about whether they met. (#${pair.menteeId} Olena and #${pair.mentorId} Kari)`,
    ]);
  });

  it('lets a coordinator nudge, snooze and resolve; a snoozed alert comes back after a week', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await kit.days(30);
    await answerCheckin(pair.mentee, { met: 'Yes, once', rating: 1 });
    const alertId = kit.rows<{ id: number }>("select id from alerts where kind = 'lowRating'")[0]?.id;

    await coco.press('Nudge the pair');
    expect(coco.lastText()).toBe(`Both members of pair ${pair.pairId} got a friendly nudge.`);
    expect(pair.mentor.lastText()).toContain('We think you and Olena have not met for some time');
    await coco.say(`/alert nudge ${alertId}`);
    expect(coco.lastText()).toBe(`Pair ${pair.pairId} already got a nudge for this alert.`);

    await coco.say(`/alert snooze ${alertId}`);
    expect(coco.lastText()).toBe(`Alert ${alertId} is snoozed until December 9, 2026. Then it comes back.`);
    await coco.say('/alerts');
    expect(coco.lastText()).toBe('There are no open alerts. Good!');
    const before = kit.channel.sentTo('coco').length;
    await kit.days(6);
    expect(kit.channel.sentTo('coco')).toHaveLength(before);
    await kit.days(1);
    expect(coco.lastText()).toContain(`Alert ${alertId}\n#${pair.menteeId} Olena rated the mentoring 1 of 5.`);

    await coco.press('Resolved');
    expect(coco.lastText()).toBe(`Alert ${alertId} is resolved.`);
    expect(alertRows().map((a) => a.status)).toEqual(['resolved']);
  });

  it('alerts for an unreachable member, an applicant waiting six weeks, and a proposal nobody answers', async () => {
    const pair: ScriptedPair = await activePair(kit, 'Olena', 'Kari');
    await logMeeting(pair.mentee);
    const amina = kit.person('amina');
    for (const line of englishIntake('Amina')) await amina.say(line);
    const aminaId = kit.rows<{ id: number }>("select id from participants where name = 'Amina'")[0]?.id ?? 0;
    await coco.say(`/accept ${aminaId}`);
    const nils = kit.person('nils');
    for (const line of mentorRegistration('Nils', 'Welder', 'Man')) await nils.say(line);
    await approveMentors(kit);
    const jamal = kit.person('jamal');
    for (const line of englishIntake('Jamal')) await jamal.say(line);
    const jamalId = kit.rows<{ id: number }>("select id from participants where name = 'Jamal'")[0]?.id ?? 0;
    const nilsId = kit.rows<{ id: number }>("select id from participants where name = 'Nils'")[0]?.id ?? 0;
    await coco.say(`/accept ${jamalId}`);
    await coco.say(`/match ${jamalId} ${nilsId}`);
    await jamal.press('Yes');
    // Olena blocks the bot: the next message to her fails for good.
    kit.channel.failWith = (m) =>
      m.keys.includes('checkin.invite') && m.text.includes('mentoring with Kari') ? { ok: false, permanent: true, unreachable: true, error: '403' } : undefined;

    await kit.days(3);
    expect(nils.lastText()).toContain('A reminder: we proposed Jamal to you');
    expect(jamal.lastText()).not.toContain('A reminder');
    await kit.days(50);

    expect(alertRows().map(({ kind, day, participant_id }) => ({ kind, day, participant_id }))).toEqual([
      { kind: 'proposalUnanswered', day: '2026-11-09', participant_id: nilsId },
      { kind: 'unreachable', day: '2026-12-03', participant_id: pair.menteeId },
      { kind: 'waitingForMatch', day: '2026-12-14', participant_id: aminaId },
      { kind: 'inactive', day: '2026-12-16', participant_id: null },
    ]);
    expect(
      kit.channel
        .sentTo('coco')
        .map((m) => m.text.split('\n')[1])
        .filter((l) => l?.includes('accepted')),
    ).toEqual([`#${aminaId} Amina was accepted 42 days ago and still has no mentor.`]);
  });

  it("keeps one member's request for contact from hiding the other's, and closes alerts when their reason is gone", async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await kit.days(30);
    await answerCheckin(pair.mentor, { met: 'Yes, once', rating: 4, contact: true });
    await answerCheckin(pair.mentee, { met: 'Yes, once', rating: 4, contact: true });
    expect(alertRows().map((a) => [a.kind, a.participant_id])).toEqual([
      ['contactRequest', pair.mentorId],
      ['contactRequest', pair.menteeId],
    ]);
    expect(kit.channel.sentTo('coco').filter((m) => m.text.startsWith('Urgent'))).toHaveLength(2);
    // Ending the pair leaves a request for contact open: the person still waits for a call.
    await coco.say(`/end ${pair.pairId} time quiet`);
    expect(kit.rows('select status from pairs where id = ?', pair.pairId)).toEqual([{ status: 'ended' }]);
    expect(alertRows().map((a) => a.status)).toEqual(['open', 'open']);
  });

  it('closes the alerts about a proposal, a long wait and an unreachable member when that is over', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    const amina = kit.person('amina');
    for (const line of englishIntake('Amina')) await amina.say(line);
    const aminaId = kit.rows<{ id: number }>("select id from participants where name = 'Amina'")[0]?.id ?? 0;
    await coco.say(`/accept ${aminaId}`);
    kit.channel.failWith = (m) => (m.keys.includes('checkin.invite') && m.text.includes('with Kari') ? { ok: false, permanent: true, unreachable: true, error: '403' } : undefined);
    await kit.days(43);
    expect(
      alertRows()
        .filter((a) => a.status === 'open')
        .map((a) => a.kind),
    ).toEqual(['unreachable', 'waitingForMatch']);
    // After the block, nothing more is queued for Olena: no reminder, no nudge.
    expect(kit.rows("select 1 from outbox where participant_id = ? and dedupe_key not like 'turn:%' and status = 'pending'", pair.menteeId)).toEqual([]);

    kit.channel.failWith = undefined;
    await pair.mentee.say('hello again');
    const nils = kit.person('nils');
    for (const line of mentorRegistration('Nils', 'Welder', 'Man')) await nils.say(line);
    await approveMentors(kit);
    const nilsId = kit.rows<{ id: number }>("select id from participants where name = 'Nils'")[0]?.id ?? 0;
    await coco.say(`/match ${aminaId} ${nilsId}`);
    await kit.days(7);
    expect(
      alertRows()
        .filter((a) => a.status === 'open')
        .map((a) => a.kind),
    ).toEqual(['inactive', 'proposalUnanswered']);
    await nils.press('Yes');
    expect(
      alertRows()
        .filter((a) => a.status === 'open')
        .map((a) => a.kind),
    ).toEqual(['inactive', 'proposalUnanswered']);
    await amina.press('Yes');
    expect(
      alertRows()
        .filter((a) => a.status === 'open')
        .map((a) => a.kind),
    ).toEqual(['inactive']);
  });
});
