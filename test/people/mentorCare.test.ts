import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { englishIntake, mentorRegistration } from '../helpers/intakeScript';
import { activePair, coordinator } from '../helpers/pairScript';
import { DAY_MS, type Person, programmeWith, TestKit } from '../helpers/testKit';

/** Mentors as people the programme looks after: screened, able to pause, told of again, warned before erasure. */
describe('mentor care', () => {
  let kit: TestKit;
  let coco: Person;

  beforeEach(async () => {
    kit = await new TestKit(programmeWith({ screening: { mentorDeclineText: { en: 'Our partner Frivillig.no has other ways to help.' } } })).open();
    coco = await coordinator(kit);
  });
  afterEach(() => kit.close());

  const idOf = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ? order by id desc', name)[0]?.id ?? Number.NaN;
  const keys = (prefix: string) => kit.rows<{ dedupe_key: string }>('select dedupe_key from outbox where dedupe_key like ? order by id', `${prefix}%`).map((r) => r.dedupe_key);

  async function registerMentor(name: string): Promise<{ mentor: Person; id: number }> {
    const mentor = kit.person(name.toLowerCase());
    for (const line of mentorRegistration(name, 'Civil engineer', 'Woman')) await mentor.say(line);
    return { mentor, id: idOf(name) };
  }

  async function acceptedApplicant(name: string): Promise<{ applicant: Person; id: number }> {
    const applicant = kit.person(name.toLowerCase());
    for (const line of englishIntake(name)) await applicant.say(line);
    const id = idOf(name);
    await coco.say(`/accept ${id}`);
    return { applicant, id };
  }

  it('tells every coordinator of a new mentor, never suggests or matches one before approval, and suggests them once approved', async () => {
    const { id: olena } = await acceptedApplicant('Olena');
    const { mentor, id: kari } = await registerMentor('Kari');
    expect(coco.lastText()).toContain('A new mentor registered.');
    expect(coco.lastText()).toContain(`#${kari} Kari – mentor – new, not approved yet`);
    expect(coco.lastText()).toContain('Civil engineer');
    expect(coco.last().choices.map((c) => c.label)).toEqual(['Approve', 'Ask for a talk', 'Decline']);

    await coco.say(`/suggest ${olena}`);
    expect(coco.lastText()).toBe(`No mentor has room for #${olena} Olena now.`);
    await coco.say(`/match ${olena} ${kari}`);
    expect(coco.lastText()).toBe(`#${kari} Kari is not approved as a mentor yet. See /mentor ${kari} first.`);
    expect(kit.rows('select id from pairs')).toHaveLength(0);

    await coco.say(`/mentor ${kari}`);
    await coco.press('Approve');
    expect(coco.lastText()).toBe(`#${kari} Kari is approved. Kompis can suggest them for a mentee now.`);
    expect(mentor.lastText()).toContain('you are approved as a mentor');
    await coco.say(`/suggest ${olena}`);
    expect(coco.lastText()).toContain(`The best mentors for #${olena} Olena:`);
    expect(coco.lastText()).toContain(`#${kari} Kari`);
  });

  it('asks a mentor for a talk on the coordinator line, and declines kindly with the programme’s own words', async () => {
    const { mentor: kari, id: kariId } = await registerMentor('Kari');
    await coco.say(`/mentor ${kariId} talk`);
    expect(coco.lastText()).toContain(`#${kariId} Kari is asked for a talk.`);
    expect(kari.lastText()).toContain('A coordinator would like to talk with you first.');
    await kari.say('Tuesday evening suits me');
    expect(coco.lastText()).toContain('Tuesday evening suits me');

    const { mentor: per, id: perId } = await registerMentor('Per');
    await coco.say(`/mentor ${perId} decline`);
    expect(per.lastText()).toBe('Thank you for wanting to be a mentor. This time we cannot offer you a mentee.\nOur partner Frivillig.no has other ways to help.');
    await coco.say('/mentors new');
    expect(coco.lastText()).toContain(`#${kariId} Kari – Civil engineer – mentees: 0 of 1 – asked for a talk`);
    expect(coco.lastText()).not.toContain('Per');
  });

  it('shows a mentor’s profile with the pairs they mentored and how they ended, written in the audit log', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await coco.say(`/end ${pair.pairId} jobFound quiet`);
    await coco.say(`/mentor ${pair.mentorId}`);
    expect(coco.lastText()).toContain(`#${pair.mentorId} Kari – mentor – approved`);
    expect(coco.lastText()).toContain(`Pair ${pair.pairId} with #${pair.menteeId} Olena – Found a job`);
    expect(kit.rows("select 1 from audit_log where action = 'viewMentor' and subject_id = ?", pair.mentorId)).toHaveLength(1);
    await coco.say('/mentors approved');
    expect(coco.lastText()).toContain(`#${pair.mentorId} Kari`);
    await coco.say('/mentors paused');
    expect(coco.lastText()).toBe('No mentors in this list.');
    await coco.say('/mentor');
    expect(coco.lastText()).toContain("Write /mentor and a mentor's number");
  });

  it('lets a mentor pause to a day: not suggested meanwhile, then one friendly "ready?" and suggested again', async () => {
    const { mentor: kari, id: kariId } = await registerMentor('Kari');
    await coco.say(`/mentor ${kariId} approve`);
    await kari.say('/mentor');
    expect(kari.lastText()).toContain('Mentees at once, at most: 1. Mentees now: 0.');
    expect(kari.lastText()).toContain('You have no mentee yet.');
    await kari.press('At most 2 at once');
    expect(kari.lastText()).toBe('Saved. Mentees at once, at most: 2.');
    await kari.say('/mentor pause 2026-02-30');
    expect(kari.lastText()).toContain('Write the last day of the pause like this');
    await kari.say('/mentor pause 2026-11-20');
    expect(kari.lastText()).toContain('You are on pause until');
    const { id: olena } = await acceptedApplicant('Olena');
    await coco.say(`/suggest ${olena}`);
    expect(coco.lastText()).toBe(`No mentor has room for #${olena} Olena now.`);
    await coco.say('/mentors paused');
    expect(coco.lastText()).toContain(`#${kariId} Kari – Civil engineer – mentees: 0 of 0 – on pause`);

    await kit.days(17);
    expect(keys('mentorReady:')).toHaveLength(0);
    await kit.days(1);
    expect(kari.lastText()).toBe('Your pause is over. Are you ready for a new mentee?');
    await kit.days(5);
    expect(keys('mentorReady:')).toHaveLength(1);
    await kari.press('Yes, I am ready');
    expect(kit.rows('select capacity, paused_until from mentors where participant_id = ?', kariId)).toEqual([{ capacity: 2, paused_until: null }]);
    await coco.say(`/suggest ${olena}`);
    expect(coco.lastText()).toContain(`#${kariId} Kari`);
  });

  it('tells the coordinators once that a mentor who said "again" in the end survey can take a new mentee', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await coco.say(`/end ${pair.pairId} completed quiet`);
    await kit.days(1);
    await pair.mentor.press('Start the survey');
    await pair.mentor.press('With my name');
    for (const answer of ['4', '4', 'Yes', '9', '/skip', '/skip']) await pair.mentor.say(answer);
    await kit.tick();
    expect(coco.lastText()).toBe(`#${pair.mentorId} Kari wants to be a mentor again and can take a new mentee. Their pair ${pair.pairId} has ended.`);
    await kit.days(20);
    expect(keys('mentorAvailable:')).toHaveLength(1);
    await coco.say(`/mentor ${pair.mentorId}`);
    expect(coco.lastText()).toContain('would be a mentor again: yes');
  });

  it('does not report a mentor who said they would not mentor again', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await coco.say(`/end ${pair.pairId} completed quiet`);
    await kit.days(1);
    await pair.mentor.press('Start the survey');
    await pair.mentor.press('With my name');
    for (const answer of ['4', '4', 'No', '9', '/skip', '/skip']) await pair.mentor.say(answer);
    await kit.days(30);
    expect(keys('mentorAvailable:')).toHaveLength(0);
  });

  it('lets a former mentee register as a mentor, their pair as a mentee kept apart from their pairs as a mentor', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await pair.mentee.say('/mentor');
    expect(pair.mentee.lastText()).toBe('You can register as a mentor when you are not waiting for a mentor and not in a pair yourself.');
    await coco.say(`/end ${pair.pairId} jobFound quiet`);
    await kit.days(2);
    await pair.mentee.say('/mentor');
    for (const line of mentorRegistration('Olena', 'Civil engineer', 'Woman').slice(3)) await pair.mentee.say(line);
    expect(coco.lastText()).toContain(`#${pair.menteeId} Olena – mentor – new, not approved yet`);
    expect(coco.lastText()).toContain('No pairs as a mentor yet.');
    expect(kit.rows('select mentee_id from pairs where id = ?', pair.pairId)).toEqual([{ mentee_id: pair.menteeId }]);
  });

  it('warns once a month before the retention period erases someone; "keep" moves the day, no answer erases', async () => {
    const { mentor: kari, id: kariId } = await registerMentor('Kari');
    const { id: perId } = await registerMentor('Per');
    const erased = (id: number) => kit.rows<{ erased_at: string | null }>('select erased_at from participants where id = ?', id)[0]?.erased_at !== null;
    // 23 months and a day later: a month before the 24 months run out.
    kit.clock.advance(700 * DAY_MS);
    await kit.tick();
    expect(keys('retentionWarning:')).toHaveLength(0);
    kit.clock.advance(2 * DAY_MS);
    await kit.tick();
    await kit.tick();
    expect(keys('retentionWarning:')).toHaveLength(2);
    expect(kari.lastText()).toContain('We have not heard from you for a long time.');
    expect(erased(perId)).toBe(false);
    expect(kari.last().choices.map((c) => c.label)).toEqual(['Keep my data', 'Delete it now']);
    await kari.press('Keep my data');
    expect(kari.lastText()).toBe('Thank you. We keep your data.');
    await kit.days(35);
    // Per's messages went with the rest of his data; Kari was warned once and is not warned again yet.
    expect(keys('retentionWarning:')).toEqual([expect.stringMatching(new RegExp(`^retentionWarning:${kariId}:`))]);
    expect(erased(perId)).toBe(true);
    expect(erased(kariId)).toBe(false);
  });
});
