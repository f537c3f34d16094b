import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/evaluation/buildReport';
import { formatReport } from '../../src/evaluation/formatReport';
import { createTranslator } from '../../src/text/i18n';
import type { Text } from '../../src/text/messages';
import { englishIntake, mentorRegistration } from '../helpers/intakeScript';
import { approveMentors, coordinator } from '../helpers/pairScript';
import { type Person, programmeWith, TestKit } from '../helpers/testKit';

/** Two rounds a year: January (named 2027-1) and June (2027-2), each with a joint start. */
const programme = programmeWith({
  rounds: [
    { opens: '2027-06-01', closes: '2027-06-20', cohortStart: '2027-08-16' },
    { opens: '2027-01-04', closes: '2027-01-31', cohortStart: '2027-02-15' },
  ],
});

/** A programme that takes applicants in rounds; the clock starts on 2 November 2026, between rounds. */
describe('application rounds', () => {
  let kit: TestKit;
  let coco: Person;

  beforeEach(async () => {
    kit = await new TestKit(programme).open();
    coco = await coordinator(kit);
  });
  afterEach(() => kit.close());

  const idOf = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? Number.NaN;
  const roundMessages = () => kit.rows<{ dedupe_key: string }>("select dedupe_key from outbox where dedupe_key like 'roundOpen:%'").map((r) => r.dedupe_key);
  /** Moves the clock to 09:00 UTC of `day` and runs the scheduler once. */
  async function goTo(day: string): Promise<void> {
    kit.clock.advance(Date.parse(`${day}T09:00:00Z`) - kit.clock.now().getTime());
    await kit.tick();
  }

  async function apply(name: string): Promise<Person> {
    const person = kit.person(name.toLowerCase());
    for (const line of englishIntake(name)) await person.say(line);
    return person;
  }

  it('tells an applicant outside a round when the next opens, keeps their interest and writes to them once when it opens', async () => {
    const olena = kit.person('olena');
    await olena.say('/start');
    await olena.say('English');
    await olena.say('I want a mentor');
    expect(olena.lastText()).toBe('We take applications in rounds. The next round opens on January 4, 2027.\nDo you want a message from us when you can apply?');
    await olena.press('Yes, write to me');
    expect(olena.lastText()).toBe('Good. We will write to you on January 4, 2027, when the round opens.');
    expect(kit.rows('select id from applications')).toHaveLength(0);
    // Someone who says no is not written to.
    const amina = kit.person('amina');
    for (const line of ['/start', 'English', 'I want a mentor']) await amina.say(line);
    await amina.press('No, thank you');
    expect(amina.lastText()).toBe('All right. You can write /start again at any time.');
    // Mentors register all year, rounds or not.
    const kari = kit.person('kari');
    for (const line of mentorRegistration('Kari', 'Civil engineer', 'Woman')) await kari.say(line);
    expect(kari.lastText()).toContain('Thank you! A coordinator will now read your registration.');
    // Deleting one's data removes the wish to be told too.
    const sara = kit.person('sara');
    for (const line of ['/start', 'English', 'I want a mentor', 'Yes, write to me', '/delete yes']) await sara.say(line);
    expect(kit.rows('select count(*) as n from round_interests')).toEqual([{ n: 1 }]);

    await goTo('2027-01-03');
    expect(roundMessages()).toEqual([]);
    await kit.days(1);
    expect(olena.lastText()).toBe('You can apply for a mentor now, until January 31, 2027. Write /start to apply.');
    await kit.days(3);
    expect(roundMessages()).toEqual([`roundOpen:2027-1:${kit.rows<{ id: number }>('select participant_id as id from round_interests')[0]?.id}`]);
    expect(kit.channel.sentTo('amina').filter((m) => m.text.includes('You can apply'))).toHaveLength(0);

    // Inside the window they apply as always.
    for (const line of englishIntake('Olena')) await olena.say(line);
    expect(kit.rows('select round from applications')).toEqual([{ round: '2027-1' }]);
  });

  it('matches the applicants of one round and starts their pairs together on the cohort start, check-ins counted from it', async () => {
    await goTo('2027-01-10');
    const olena = await apply('Olena');
    const amina = await apply('Amina');
    for (const [name, job] of [
      ['Kari', 'Civil engineer'],
      ['Per', 'Structural engineer'],
    ] as const) {
      const mentor = kit.person(name.toLowerCase());
      for (const line of mentorRegistration(name, job, 'Woman')) await mentor.say(line);
    }
    await approveMentors(kit);
    await goTo('2027-01-25');
    for (const [mentee, mentor, person] of [
      ['Olena', 'Kari', olena],
      ['Amina', 'Per', amina],
    ] as const) {
      await coco.say(`/accept ${idOf(mentee)}`);
      await coco.say(`/match ${idOf(mentee)} ${idOf(mentor)}`);
      await person.press('Yes');
      await kit.person(mentor.toLowerCase()).press('Yes');
    }
    expect(kit.rows('select status, activated_at, ends_on from pairs order by id')).toEqual([
      { status: 'active', activated_at: '2027-02-14T23:00:00.000Z', ends_on: '2027-08-15' },
      { status: 'active', activated_at: '2027-02-14T23:00:00.000Z', ends_on: '2027-08-15' },
    ]);
    expect(kit.channel.sentTo('olena').some((m) => m.text.includes('All pairs of this round start together on February 15, 2027.'))).toBe(true);

    // The first check-in is a month after the common start, not after the day both said yes.
    await goTo('2027-03-10');
    expect(kit.rows('select id from checkins')).toHaveLength(0);
    await goTo('2027-03-16');
    expect(kit.rows('select id from checkins')).toHaveLength(4);
  });

  it('filters the report by round', async () => {
    await goTo('2027-01-10');
    await apply('Olena');
    await apply('Amina');
    await goTo('2027-06-02');
    await apply('Sara');
    const total = (round?: string) =>
      buildReport(kit.app.store.db, programme, round ? { round } : {}, kit.clock.now(), 'programme')
        .sections.find((s) => s.id === 'applications')
        ?.figures.find((f) => f.id === 'total')?.value;
    expect([total(), total('2027-1'), total('2027-2')]).toEqual([3, 2, 1]);
    // The exported report says which round it keeps to.
    const translator = createTranslator();
    const text = { language: 'en', translate: (x: Text) => translator.translate(x, 'en'), now: kit.clock.now() };
    const report = buildReport(kit.app.store.db, programme, { round: '2027-1' }, kit.clock.now());
    expect(formatReport(report, 'md', text)).toContain('Application round: 2027-1');
    expect(JSON.parse(formatReport(report, 'json', text))).toMatchObject({ round: '2027-1' });
  });
});

/** A programme file's rounds and companies are checked when it is read, each problem named. */
describe('rounds and companies in the settings', () => {
  it('names overlapping rounds, a window that closes before it opens, a day that is not a day and two companies with one code', () => {
    const problems = (changes: Record<string, unknown>) => {
      try {
        programmeWith(changes);
        return '';
      } catch (err) {
        return String(err);
      }
    };
    expect(
      problems({
        rounds: [
          { opens: '2027-01-04', closes: '2027-01-31', cohortStart: '2027-02-15' },
          { opens: '2027-01-20', closes: '2027-01-10', cohortStart: '2027-03-01' },
        ],
      }),
    ).toMatch(/rounds\.1\.closes: is before opens[\s\S]*rounds: the round opening 2027-01-20 overlaps the one opening 2027-01-04/);
    expect(problems({ rounds: [{ opens: '2027-02-30', closes: '2027-03-10', cohortStart: '2027-04-01' }] })).toContain('rounds.0.opens: must be a day such as 2027-01-15');
    expect(
      problems({
        companies: [
          { code: 'ACME', name: 'Acme AS' },
          { code: 'acme', name: 'Acme Norge' },
        ],
      }),
    ).toContain('companies: two companies have the same code');
    expect(problems({ companies: [{ code: 'AC ME', name: 'Acme AS' }] })).toContain('use letters and digits only');
  });
});

/** Rolling intake stays the default: no rounds, no question about them. */
describe('rolling intake', () => {
  it('lets an applicant apply on any day, with no round kept', async () => {
    const kit = await new TestKit().open();
    const olena = kit.person('olena');
    for (const line of englishIntake('Olena')) await olena.say(line);
    expect(kit.rows('select round from applications')).toEqual([{ round: null }]);
    await kit.close();
  });
});
