import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { englishIntake, mentorRegistration } from './helpers/intakeScript';
import { activePair, approveMentors, answerCheckin, coordinator, logMeeting } from './helpers/pairScript';
import { DAY_MS, type Person, TestKit } from './helpers/testKit';

/**
 * What a coordinator sees in the lists of a running programme, and that the number they type opens
 * the thing they saw that number beside. Day 0 is Monday 2 November 2026.
 */
describe('coordinator lists', () => {
  let kit: TestKit;
  let coco: Person;

  beforeEach(async () => {
    kit = await new TestKit().open();
    coco = await coordinator(kit);
  });
  afterEach(() => kit.close());

  const openAlert = (kind: string, pairId: number, participantId: number | null, priority = 'normal') =>
    kit.rows(
      `insert into alerts (programme_id, kind, priority, dedupe_key, pair_id, participant_id, details, status, opened_at)
       values ('demo', ?, ?, ?, ?, ?, '{"days": 37, "count": 2}', 'open', '2026-11-02T09:00:00.000Z') returning id`,
      kind,
      priority,
      `${kind}:${pairId}:${participantId}`,
      pairId,
      participantId,
    )[0] as { id: number };

  it('says kindly that a typed number is not in the list, and how to see the list again, and the list still answers', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    const alert = openAlert('inactive', pair.pairId, null);
    const amina = kit.person('amina');
    for (const line of englishIntake('Amina')) await amina.say(line);
    for (const line of mentorRegistration('Nora', 'Nurse', 'Woman')) await kit.person('nora').say(line);
    await approveMentors(kit);
    const aminaId = kit.rows<{ id: number }>("select id from participants where name = 'Amina'")[0]?.id ?? 0;

    await coco.say('/alerts');
    await coco.say(String(alert.id + 40));
    expect(coco.lastText()).toBe(`There is no number ${alert.id + 40} in this list. Write /alerts to see the list again.`);
    await coco.say(`#${alert.id}`);
    expect(coco.lastText()).toContain(`Pair ${pair.pairId}`);

    await coco.say('/applications');
    await coco.say('99');
    expect(coco.lastText()).toBe('There is no number 99 in this list. Write /applications to see the list again.');
    await coco.say(`/suggest ${aminaId}`);
    await coco.say('98');
    expect(coco.lastText()).toBe(`There is no number 98 in this list. Write /suggest ${aminaId} to see the list again.`);
  });

  it('opens the alert whose number was typed, groups repeated alerts about one person, and names a pair by its members', async () => {
    const first = await activePair(kit, 'Olena', 'Kari');
    const second = await activePair(kit, 'Amina', 'Lars');
    const quiet = openAlert('inactive', first.pairId, null);
    const late1 = openAlert('checkinsUnanswered', first.pairId, first.mentorId);
    const urgent = openAlert('contactRequest', second.pairId, second.menteeId, 'high');
    // The same mentor in both pairs, as when a busy mentor leaves the check-ins of all their pairs.
    const late2 = openAlert('checkinsUnanswered', second.pairId, first.mentorId);

    await coco.say('/alerts');
    expect(coco.lastText().split('\n')).toEqual([
      '4 open alerts:',
      `${urgent.id}. Urgent: #${second.menteeId} Amina asks you to contact them.`,
      `${quiet.id}. Pair ${first.pairId} has not met for 37 days, as far as we know. Both got a nudge. (#${first.menteeId} Olena and #${first.mentorId} Kari)`,
      `${late1.id}, ${late2.id}. #${first.mentorId} Kari did not answer the last 2 check-ins. (pairs ${first.pairId}, ${second.pairId})`,
    ]);
    // The urgent alert is shown first; typing the quiet pair's number opens that one, not the first line.
    await coco.say(String(quiet.id));
    expect(coco.lastText()).toContain(`Alert ${quiet.id}\nPair ${first.pairId} has not met`);
    await coco.say('/alerts');
    await coco.say(`#${late2.id}`);
    expect(coco.lastText()).toContain(`Alert ${late2.id}\n#${first.mentorId} Kari did not answer`);
    expect(coco.lastText()).toContain(`Pair ${second.pairId}: #${second.menteeId} Amina`);
  });

  it('writes no second list of numbers where there are no buttons, and a number nobody was shown opens nothing', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    const quiet = openAlert('inactive', pair.pairId, null);
    kit.channel.capabilities.maxButtons = 0;
    await coco.say('/alerts');
    expect(coco.lastText()).not.toMatch(/^1\. Alert/m);
    expect(coco.lastText().split('\n').at(-1)).toContain(`${quiet.id}. Pair ${pair.pairId} has not met`);
    await coco.say(String(quiet.id + 5));
    expect(coco.lastText()).not.toContain('has not met');
  });

  it('/applications shows only what waits for a coordinator, the latest first, a page at a time', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    const names = ['Amina', 'Jamal', 'Nora', 'Sara', 'Omar', 'Lina', 'Yusuf', 'Hana', 'Ali', 'Mona', 'Rami'];
    for (const name of names) {
      kit.clock.advance(60_000);
      const person = kit.person(name.toLowerCase());
      for (const line of englishIntake(name)) await person.say(line);
    }
    const id = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? 0;
    kit.clock.advance(60_000);
    await coco.say(`/invite ${id('Amina')}`);

    await coco.say('/applications');
    const text = coco.lastText();
    expect(text.split('\n')[0]).toBe('11 applications:');
    expect(text).not.toContain(`#${pair.menteeId} Olena`);
    // Amina's invitation is the latest change, then the newest applications.
    expect(text.split('\n').slice(1, 3)).toEqual([`#${id('Amina')} Amina – invited to an interview`, `#${id('Rami')} Rami – new`]);
    expect(text).toContain('Page 1 of 2. For the next page, write /applications 2');
    await coco.say('/applications 2');
    expect(coco.lastText()).toContain(`#${id('Jamal')} Jamal – new`);
    expect(coco.lastText()).toContain('Page 2 of 2.');
    // An accepted applicant without a mentor still waits for the coordinator.
    await coco.say(`/accept ${id('Jamal')}`);
    await coco.say('/applications 2');
    await coco.say('/applications');
    expect(coco.lastText()).toContain(`#${id('Jamal')} Jamal – accepted, no mentor yet`);
    await coco.say(String(id('Rami')));
    expect(coco.lastText()).toContain(`Application from #${id('Rami')} Rami – new`);
  });

  it('/pairs shows how each pair is doing, and /pairs quiet and /pairs ending find the ones to look at', async () => {
    const busy = await activePair(kit, 'Olena', 'Kari');
    const fine = await activePair(kit, 'Amina', 'Lars');
    await logMeeting(fine.mentee);
    await coco.say('/pairs');
    expect(coco.lastText()).toContain(
      `Pair ${fine.pairId}: #${fine.menteeId} Amina with #${fine.mentorId} Lars – active\n   Last sign of a meeting: November 2, 2026 · ratings: mentee –, mentor – · open alerts: 0 · ends May 2, 2027`,
    );
    await kit.days(20, async (day) => {
      if (day % 7 === 0) await logMeeting(fine.mentor);
    });
    await kit.days(10);
    await answerCheckin(fine.mentee, { met: 'Yes, two times', rating: 4 });
    await coco.say('/pairs quiet');
    expect(coco.lastText().split('\n')[0]).toBe('1 pair without a sign of a meeting for a while, the quietest first:');
    expect(coco.lastText()).toContain(`Pair ${busy.pairId}: #${busy.menteeId} Olena`);
    expect(coco.lastText()).not.toContain(`Pair ${fine.pairId}:`);
    await coco.say('/pairs');
    expect(coco.lastText()).toContain('ratings: mentee 4, mentor –');
    await coco.say(String(fine.pairId));
    expect(coco.lastText()).toContain(`Pair ${fine.pairId}: #${fine.menteeId} Amina with #${fine.mentorId} Lars – active`);

    await coco.say('/pairs ending');
    expect(coco.lastText()).toBe('No pair ends within a month.');
    kit.clock.advance(130 * DAY_MS);
    await coco.say('/pairs ending');
    expect(coco.lastText().split('\n')[0]).toBe('2 pairs end within a month:');
    await coco.say('/pairs later');
    expect(coco.lastText()).toContain('Write /pairs for the open pairs');
  });

  it('/mentors lists the bank with the room each mentor has, and /find answers with a number and a status, seen in the audit log', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    const nils = kit.person('nils');
    for (const line of mentorRegistration('Nils', 'Welder', 'Man')) await nils.say(line);
    await approveMentors(kit);
    const nilsId = kit.rows<{ id: number }>("select id from participants where name = 'Nils'")[0]?.id ?? 0;

    await coco.say('/mentors');
    expect(coco.lastText().split('\n')).toEqual([
      '2 mentors in the bank, 1 with room for a mentee:',
      `#${nilsId} Nils – Welder – mentees: 0 of 1`,
      `#${pair.mentorId} Kari – Civil engineer – mentees: 1 of 1`,
    ]);

    await coco.say('/find OLÉ');
    expect(coco.lastText()).toBe(`1 person found:\n#${pair.menteeId} Olena – in pair ${pair.pairId} (active)`);
    await coco.say('/find nil');
    expect(coco.lastText()).toContain(`#${nilsId} Nils – mentor, mentees: 0 of 1`);
    await coco.say('/find zzz');
    expect(coco.lastText()).toBe('I found nobody with that name. Try part of the first name.');
    expect(kit.rows("select subject_id from audit_log where action = 'findPerson' order by id")).toEqual([{ subject_id: pair.menteeId }, { subject_id: nilsId }]);
  });
});
