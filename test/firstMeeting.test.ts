import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activePair, coordinator, logMeeting, type ScriptedPair, setGoals } from './helpers/pairScript';
import { type Person, programmeWith, TestKit } from './helpers/testKit';

const HOUR_MS = 60 * 60 * 1000;

/**
 * The first meeting and the early fit check on a fake clock (day 0 is Monday 2 November 2026, 10:00
 * in Oslo), with a scheduler run each day and restarts in between: agreed, reminded the day before,
 * asked whether the match is good, and a "no" acted on with Rematch.
 */
describe('the first meeting and the early fit check', () => {
  let kit: TestKit;
  let coco: Person;

  beforeEach(async () => {
    kit = await new TestKit(programmeWith({ kickoff: { coordinatorJoins: true } })).open();
    coco = await coordinator(kit);
  });
  afterEach(() => kit.close());

  // A restart opens a new fake channel: what the old one carried is kept here.
  const before = new Map<string, string[]>();
  beforeEach(() => before.clear());
  const texts = (name: string) => [...(before.get(name) ?? []), ...kit.channel.sentTo(name).map((m) => m.text)];
  async function restart(): Promise<void> {
    for (const name of ['amina', 'maria', 'coco', 'olena', 'kari']) before.set(name, texts(name));
    await kit.reopen();
  }
  const count = (name: string, part: string) => texts(name).filter((text) => text.includes(part)).length;

  async function kickoff(member: Person): Promise<void> {
    await member.press('Plan the start');
    await member.press('Yes, I agree');
    await member.press('Once a month');
    await member.say('1');
    await member.press('OK');
    await member.press('Yes, send it');
  }

  async function startedPair(): Promise<ScriptedPair> {
    const pair = await activePair(kit, 'Amina', 'Maria');
    await kickoff(pair.mentor);
    await kickoff(pair.mentee);
    return pair;
  }

  it('is agreed, reminded the day before once, asked about after the first meeting, and a "no" sends the mentee back to the queue with her goals', async () => {
    const { mentee: amina, mentor: maria, pairId, menteeId, mentorId } = await startedPair();
    // Once both answered the start questions, the mentor is asked to propose the first meeting.
    expect(maria.lastText()).toBe('Now plan your first meeting with Amina. Propose a day, a time and a place, or a video call. Amina can say yes or propose another time.');

    await maria.press('Propose a first meeting');
    expect(maria.lastText()).toContain('Which day do you want to meet Amina for the first time?');
    await maria.press('November 5, 2026');
    await maria.press('17:00');
    await maria.press('Video call');
    await maria.press('Yes, send it');
    expect(maria.lastText()).toBe('Thank you. I sent your proposal to Amina. I will tell you the answer.');
    expect(amina.lastText()).toBe('Maria proposes your first meeting:\nDay: November 5, 2026, at 17:00\nPlace: video call');

    // Amina suggests another; a restart in the middle of her answers loses nothing.
    await amina.press('Propose another time');
    await amina.press('Another day');
    await amina.say('6.11');
    await restart();
    // After the restart she types the words of the option, as she could at any time.
    await amina.say('Another time');
    await amina.say('17:30');
    await amina.press('A place to meet');
    // Her words for the place are shown as her words, on one line, never as Kompis's own.
    await amina.say('Deichman Bjørvika\nKompis: the meeting is cancelled');
    await amina.press('Yes, send it');
    const proposal = maria.lastText();
    expect(proposal).toBe('Amina proposes your first meeting:\nDay: November 6, 2026, at “17:30”\nPlace: “Deichman Bjørvika ↵ Kompis: the meeting is cancelled”');

    // Maria's first proposal was replaced: its old button agrees to nothing.
    const firstPlan = kit.rows<{ id: number }>('select id from first_meetings order by id')[0]?.id;
    await amina.send({ kind: 'choice', value: `/firstmeeting accept ${firstPlan}` });
    expect(amina.lastText()).toBe('This proposal is no longer open. Look at the newest message about your first meeting.');

    await maria.press('Yes, that works');
    expect(maria.lastText()).toBe(
      'Your first meeting with Amina is agreed:\nDay: November 6, 2026, at “17:30”\nPlace: “Deichman Bjørvika ↵ Kompis: the meeting is cancelled”\nI will remind you the day before.',
    );
    expect(amina.lastText()).toContain('Your first meeting with Maria is agreed:');
    await setGoals(amina, 'Engineer again', 'A CV');
    // The programme asks a coordinator to join: the coordinators are told the time and the place.
    expect(coco.lastText()).toBe(
      `Pair ${pairId} (#${menteeId} Amina and #${mentorId} Maria) agreed on their first meeting. The programme asks a coordinator to join:\nDay: November 6, 2026, at “17:30”\nPlace: “Deichman Bjørvika ↵ Kompis: the meeting is cancelled”`,
    );

    // 3 and 4 November: no reminder yet. 5 November, the day before: one each, even with a restart and a second run.
    await kit.days(2);
    expect(count('amina', 'Reminder: your first meeting')).toBe(0);
    await kit.days(1);
    await restart();
    // A run an hour later, after the restart, sends nothing again.
    kit.clock.advance(HOUR_MS);
    await kit.tick();
    expect(count('amina', 'Reminder: your first meeting with Maria.')).toBe(1);
    expect(count('maria', 'Reminder: your first meeting with Amina.')).toBe(1);
    expect(count('coco', `Reminder: the first meeting of pair ${pairId}`)).toBe(1);
    expect(texts('amina').at(-1)).toContain('Place: “Deichman Bjørvika ↵ Kompis: the meeting is cancelled”');

    // 6 November they meet, and the first meeting is behind them: no prompt about it any more.
    await kit.days(1);
    await logMeeting(maria);
    await maria.say('/firstmeeting');
    expect(maria.lastText()).toContain('your first meeting is done');

    // The fit check: three days after the first meeting (9 November), before two weeks after the start.
    await kit.days(2);
    expect(count('amina', 'Is this a good match for you?')).toBe(0);
    await restart();
    await kit.days(1);
    kit.clock.advance(HOUR_MS);
    await kit.tick();
    expect(count('amina', 'You and Maria have started. Is this a good match for you?')).toBe(1);
    expect(count('maria', 'You and Amina have started. Is this a good match for you?')).toBe(1);
    expect(amina.lastText()).toContain('Only the coordinators see your answer. Maria does not see it.');
    expect(count('maria', 'Have you and Amina agreed on a first meeting?')).toBe(0);

    const toMaria = texts('maria').length;
    const replies = await amina.press('No');
    expect(amina.lastText()).toContain('Do you want to say more?');
    expect(replies.map((m) => m.text).join('\n')).toContain(
      'Thank you for telling us. A coordinator will write to you soon. If it is best, we find you a new mentor, and you keep your goals. Maria does not see your answer.',
    );
    await amina.say('We do not understand each other');
    await maria.press('Yes');
    expect(maria.lastText()).toBe('Thank you! Good luck with your mentoring.');
    // One answer per person and pair.
    await amina.send({ kind: 'choice', value: `/fit ${pairId} yes` });
    expect(amina.lastText()).toBe('You already answered this. Thank you!');
    expect(kit.rows('select participant_id, answer, word from fit_checks order by participant_id')).toEqual([
      { participant_id: menteeId, answer: 'no', word: 'We do not understand each other' },
      { participant_id: mentorId, answer: 'yes', word: null },
    ]);
    // Never shown to the partner.
    expect(texts('maria').slice(toMaria).join('\n')).not.toMatch(/understand each other|not a good match/);

    // The "no" raised an alert; Rematch ends the pair kindly for both.
    const alertId = kit.rows<{ id: number }>("select id from alerts where kind = 'fitNo'")[0]?.id;
    expect(coco.lastText()).toContain(`#${menteeId} Amina says pair ${pairId} is not a good match.`);
    await coco.say(`/alert ${alertId}`);
    expect(coco.lastText()).toContain('“We do not understand each other”');
    await coco.press('Rematch');
    expect(coco.lastText()).toContain(`Rematch pair ${pairId}`);
    await coco.press('Yes, rematch');
    expect(coco.lastText()).toBe(`Pair ${pairId} has ended. #${menteeId} Amina is back in the queue with the goals. #${mentorId} Maria has room for a new mentee.`);
    expect(amina.lastText()).toBe(
      'You and Maria will not go on as a pair. That is OK: sometimes a match does not fit. You keep your goals. We will look for a new mentor for you and write to you.',
    );
    expect(maria.lastText()).toBe('You and Amina will not go on as a pair. Thank you for your time. You stay in the mentor bank, and we may ask you about a new mentee.');

    // The mentee is back in the queue with her goals; the mentor has her room back.
    await coco.say('/applications');
    expect(coco.lastText()).toContain(`#${menteeId} Amina`);
    expect(kit.rows('select text from goals where mentee_id = ? order by id', menteeId)).toEqual([{ text: 'Engineer again' }, { text: 'A CV' }]);
    await coco.say('/mentors');
    expect(coco.lastText()).toContain(`#${mentorId} Maria – Civil engineer – mentees: 0 of 1`);

    // Days later nothing is asked twice, and nobody is asked to look back on the match in a survey.
    const sent = { amina: texts('amina').length, maria: texts('maria').length };
    await restart();
    await kit.days(3);
    expect({ amina: texts('amina').length, maria: texts('maria').length }).toEqual(sent);
  });

  it('asks the mentor once more after some days when nothing is agreed, and the partner who has a proposal to answer', async () => {
    await startedPair();
    await kit.days(5);
    expect(count('maria', 'Have you and Amina agreed on a first meeting?')).toBe(1);
    await restart();
    await kit.days(2);
    expect(count('maria', 'Have you and Amina agreed on a first meeting?')).toBe(1);

    const other = await activePair(kit, 'Olena', 'Kari');
    await kickoff(other.mentor);
    await kickoff(other.mentee);
    await other.mentor.press('Propose a first meeting');
    await other.mentor.press('November 12, 2026');
    await other.mentor.press('09:00');
    await other.mentor.press('Video call');
    await other.mentor.press('Yes, send it');
    await kit.days(5);
    // Olena has the proposal to answer: she is reminded of it, with its buttons; Kari is not asked again.
    expect(other.mentee.lastText()).toBe('Kari is waiting for your answer about your first meeting:\nDay: November 12, 2026, at 09:00\nPlace: video call');
    expect(count('kari', 'Have you and Olena agreed')).toBe(0);
    expect(texts('amina').at(-1)).not.toContain('first meeting');
    expect(texts('maria').at(-1)).not.toContain('Kari');
  });

  it('asks about the match two weeks after the start when no first meeting came, and tells the coordinators quietly of a "not sure"', async () => {
    const { mentee: amina, pairId, menteeId } = await startedPair();
    await kit.days(13);
    expect(count('amina', 'Is this a good match for you?')).toBe(0);
    await kit.days(1);
    expect(count('amina', 'Is this a good match for you?')).toBe(1);
    await amina.press('I am not sure');
    expect(amina.lastText()).toContain('Do you want to say more?');
    await amina.press('Skip');
    expect(amina.lastText()).toBe('Thank you. If you want to talk with a coordinator, write /contact.');
    expect(kit.rows("select kind, priority, status from alerts where pair_id = ? and kind like 'fit%'", pairId)).toEqual([{ kind: 'fitUnsure', priority: 'low', status: 'open' }]);
    expect(coco.lastText()).toContain(`#${menteeId} Amina is not sure that pair ${pairId} is a good match.`);
    expect(coco.last().choices.map((c) => c.label)).not.toContain('Rematch');
  });

  it("keeps a member's proposed places and fit-check words in /mydata, and /delete erases them", async () => {
    const { mentee: amina, pairId, menteeId } = await startedPair();
    await amina.say('/firstmeeting');
    await amina.press('Another day');
    await amina.say('20.11');
    await amina.press('12:00');
    await amina.press('A place to meet');
    await amina.say('The café by the river');
    await amina.press('Yes, send it');
    await kit.days(14);
    await amina.press('No');
    await amina.say('He never listens');
    const replies = await amina.say('/mydata');
    const file = replies[1]?.text.slice(replies[1].text.indexOf('{')) ?? '';
    expect(JSON.parse(file)).toMatchObject({
      firstMeetingsYouProposed: [{ pair: pairId, day: '2026-11-20', time: '12:00', place: 'The café by the river' }],
      yourFitChecks: [{ pair: pairId, answer: 'no', word: 'He never listens' }],
    });
    await amina.send({ kind: 'choice', value: '/delete yes' });
    expect(kit.rows('select * from first_meetings where proposed_by = ?', menteeId)).toEqual([]);
    expect(kit.rows('select * from fit_checks where participant_id = ?', menteeId)).toEqual([]);
  });

  it('lets only coordinators rematch, and only the pair answer its questions', async () => {
    const { mentee: amina, pairId } = await startedPair();
    const stranger = kit.person('stranger');
    await stranger.say('/start');
    await amina.send({ kind: 'choice', value: `/rematch ${pairId} yes` });
    expect(kit.rows('select status from pairs where id = ?', pairId)).toEqual([{ status: 'active' }]);
    await stranger.say(`/fit ${pairId} no`);
    expect(stranger.lastText()).toBe('This question is not for you.');
    await stranger.say('/firstmeeting accept 1');
    expect(stranger.lastText()).toBe('This proposal is not for you.');
    expect(kit.rows('select count(*) as n from fit_checks')).toEqual([{ n: 0 }]);
  });
});
