import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGLISH_INTAKE, englishIntake, mentorRegistration } from './helpers/intakeScript';
import { activePair, answerCheckin, approveMentors, coordinator, logMeeting, setGoals } from './helpers/pairScript';
import { DAY_MS, programmeWith, TestKit } from './helpers/testKit';

const MARK = 'Mq4Yv';
const OTHER = 'Pk9Rt';
/** The mentee end survey answered in words and numbers; the last answer is free text. */
const MENTEE_END = ['1', 'Partly', 'Permanent', 'Part-time', '4', '4', '4', '4', '4', '4', '4', '5', 'Yes', '9', '/skip', 'More meetings'];

describe('consent and the data rights in the chat', () => {
  let kit: TestKit;
  afterEach(() => kit.close());

  it('keeps nothing of a person who says no to the consent, not even that they wrote', async () => {
    kit = await new TestKit().open();
    const coco = await coordinator(kit);
    const before = kit.rows('select id from participants');
    const starts: [string, string[]][] = [
      [`olena-${MARK}`, englishIntake('Olena').slice(0, 4)],
      [`kari-${MARK}`, mentorRegistration('Kari', 'Civil engineer', 'Woman').slice(0, 4)],
    ];
    for (const [name, start] of starts) {
      const person = kit.person(name);
      for (const line of start) await person.say(line);
      expect(person.lastText()).toContain('Do you agree?');
      await person.press('No');
      expect(person.lastText()).toContain('We did not save your answers.');
    }
    expect(kit.rows('select id from participants')).toEqual(before);
    for (const table of ['channel_identities', 'consents', 'flow_states']) {
      expect(kit.rows(`select count(*) as n from ${table} where participant_id not in (select id from participants where role = 'coordinator')`)).toEqual([{ n: 0 }]);
    }
    // Not even their chat ids, in the database file or its write-ahead log.
    expect([kit.dbPath, `${kit.dbPath}-wal`].filter((f) => existsSync(f)).some((f) => readFileSync(f).includes(MARK))).toBe(false);
    // Writing again is a new beginning; the coordinator goes on as before.
    const again = kit.person(`olena-${MARK}`);
    await again.say('hello');
    expect(again.lastText()).toContain('Choose your language.');
    await coco.say('/applications');
    expect(coco.lastText()).not.toContain('Olena');
  });

  it('asks the optional consents apart from the main one, and /privacy withdraws one at once', async () => {
    kit = await new TestKit(programmeWith({ consent: { version: '2026-01', partner: 'NAV Bergen' } })).open();
    const coco = await coordinator(kit);
    const olena = kit.person('olena');
    const script = englishIntake('Olena');
    for (const line of script.slice(0, 5)) await olena.say(line);
    expect(olena.lastText()).toContain('may we send you a short survey some months later?');
    expect(olena.last().choices.map((c) => c.label)).toEqual(['Yes', 'No, thank you']);
    await olena.say('Yes');
    expect(olena.lastText()).toContain('May we tell NAV Bergen how your mentoring goes');
    await olena.press('No, thank you');
    expect(olena.lastText()).toContain('What is your first name?');
    for (const line of script.slice(6)) await olena.say(line);
    expect(olena.lastText()).toContain('Thank you! Your application is sent.');
    expect(kit.rows('select kind, decision, channel from consents order by id')).toEqual([
      { kind: 'intake', decision: 'granted', channel: 'console' },
      { kind: 'followUp', decision: 'granted', channel: 'console' },
      { kind: 'partner', decision: 'declined', channel: 'console' },
    ]);
    const olenaId = kit.rows<{ id: number }>("select id from participants where name = 'Olena'")[0]?.id;
    await coco.say(`/view ${olenaId}`);
    expect(coco.lastText()).toContain('Tell NAV Bergen nothing: the applicant did not say yes.');

    await olena.say('/privacy');
    expect(olena.lastText()).toContain('On November 2, 2026 you agreed that the programme stores your answers (text version 2026-01).');
    expect(olena.lastText()).toContain('Surveys after the programme: yes.');
    expect(olena.lastText()).toContain('We tell NAV Bergen nothing about you.');
    expect(olena.last().choices.map((c) => c.label)).toEqual([
      'No surveys after the programme',
      'NAV Bergen may hear how it goes',
      'No programme news',
      'See my data',
      'Change my answers',
      'Delete my data',
    ]);
    await olena.press('No surveys after the programme');
    expect(olena.lastText()).toContain('Done: you said no.');
    expect(olena.lastText()).toContain('Surveys after the programme: no.');
    await olena.press('NAV Bergen may hear how it goes');
    expect(olena.lastText()).toContain('NAV Bergen may hear how your mentoring goes.');
    await coco.say(`/view ${olenaId}`);
    expect(coco.lastText()).toContain('NAV Bergen may hear how the mentoring goes: the applicant said yes.');
    expect(kit.rows('select kind, decision from consents order by id').slice(3)).toEqual([
      { kind: 'followUp', decision: 'withdrawn' },
      { kind: 'partner', decision: 'granted' },
    ]);
  });

  it('sends the follow-up survey only to a mentee who still agrees to it', async () => {
    kit = await new TestKit().open();
    const coco = await coordinator(kit);
    const first = await activePair(kit, 'Olena', 'Kari');
    const second = await activePair(kit, 'Amina', 'Lars');
    await second.mentee.say('/privacy');
    await second.mentee.press('No surveys after the programme');
    await kit.days(10);
    await coco.say(`/end ${first.pairId} jobFound share`);
    await coco.say(`/end ${second.pairId} jobFound share`);
    await kit.days(190);
    const followUps = kit.rows("select participant_id from survey_invitations where survey_id = 'mentee-followup'");
    expect(followUps).toEqual([{ participant_id: first.menteeId }]);
  });

  it('asks again for consent after the programme changed its text, before anything else', async () => {
    kit = await new TestKit().open();
    const olena = kit.person('olena');
    for (const line of ENGLISH_INTAKE) await olena.say(line);
    await kit.reopen(programmeWith({ consent: { version: '2026-09', texts: { en: { intake: 'Our new text: we keep your answers for two years.' } } } }));
    const again = kit.person('olena');

    const [intro, question] = await again.say('hello');
    expect(intro?.text).toBe('We have changed the text about how we handle your data. Please read it before we go on.');
    expect(question?.text).toContain('Our new text: we keep your answers for two years.');
    await again.press('No');
    expect(again.lastText()).toContain('If you want us to delete it, write /delete.');
    await again.say('/status');
    expect(again.lastText()).toContain('We got your application');
    await again.say('hello again');
    expect(again.lastText()).toContain('Our new text');
    await again.press('Yes, I agree');
    await again.press('Yes');
    expect(again.lastText()).toBe('Thank you. Write /help to see what you can do.');
    await again.say('hello');
    expect(again.lastText()).not.toContain('Our new text');
    await again.say('/goals');
    expect(again.lastText()).not.toContain('Our new text');
    expect(kit.rows("select kind, version, decision from consents where version = '2026-09' order by id")).toEqual([
      { kind: 'intake', version: '2026-09', decision: 'declined' },
      { kind: 'intake', version: '2026-09', decision: 'granted' },
      { kind: 'followUp', version: '2026-09', decision: 'granted' },
    ]);
  });

  it('asks a mentor again before a command that adds data, and never a coordinator', async () => {
    kit = await new TestKit().open();
    const { mentor } = await activePair(kit, 'Olena', 'Kari');
    const coco = await coordinator(kit);
    await kit.reopen(programmeWith({ consent: { version: '2026-09' } }));
    await mentor.say('/met');
    expect(mentor.lastText()).toContain('A mentee you are matched with sees your first name');
    await mentor.say('/mydata');
    expect(mentor.lastText()).toContain('All your data, as a file.');
    await coco.say('/pairs');
    expect(coco.lastText()).not.toContain('Do you agree?');
  });

  it('/delete in the middle of /profile keeps nothing of the open answers', async () => {
    kit = await new TestKit().open();
    const olena = kit.person('olena');
    for (const line of ENGLISH_INTAKE) await olena.say(line);
    await olena.say('/profile');
    await olena.say('/delete yes');
    expect(olena.lastText()).toContain('Your data is deleted.');
    expect(kit.rows('select count(*) as n from flow_states')).toEqual([{ n: 0 }]);
  });

  it('/mydata gives every answer the person gave, and nothing about their mentor', async () => {
    kit = await new TestKit().open();
    const coco = await coordinator(kit);
    const olena = kit.person('olena');
    const words = ['Bergen', 'Work as an engineer again', 'Civil engineering', 'Structural engineer', 'Calculations and drawings'];
    for (const line of englishIntake(`Olena${MARK}`)) await olena.say(words.includes(line) ? `${line} ${MARK}` : line);
    const kari = kit.person('kari');
    for (const line of mentorRegistration(`Kari${OTHER}`, `Engineer ${OTHER}`, 'Woman')) await kari.say(line);
    await approveMentors(kit);
    const id = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? 0;
    await coco.say(`/accept ${id(`Olena${MARK}`)}`);
    await coco.say(`/match ${id(`Olena${MARK}`)} ${id(`Kari${OTHER}`)}`);
    await olena.press('Yes');
    await kari.press('Yes');
    await setGoals(olena, `Engineer again ${MARK}`, `A CV ${MARK}`);
    await logMeeting(olena);
    await logMeeting(kari);
    kit.clock.advance(30 * DAY_MS);
    await kit.tick();
    await answerCheckin(olena, { met: 'Yes, once', rating: 4, note: `Going well ${MARK}` });
    await answerCheckin(kari, { met: 'Yes, once', rating: 3, note: `Private to Kari ${OTHER}` });
    await coco.say(`/end ${kit.rows<{ id: number }>('select id from pairs')[0]?.id} jobFound quiet`);
    await kit.days(1);
    await olena.press('Start the survey');
    await olena.press('Without my name');
    for (const answer of [...MENTEE_END.slice(0, -1), `More meetings ${MARK}`]) await olena.say(answer);

    const replies = await olena.say('/mydata');
    const text = replies.map((r) => r.text).join('\n');
    expect(replies[0]?.text).toContain('This is what Kompis keeps about you.');
    expect(replies[0]?.text).toContain(`• Where you live: Bergen ${MARK}`);
    expect(replies[0]?.text).toContain('Pairs: 1. Goals: 2. Meetings you told us about: 1. Check-ins you answered: 1.');
    const json = replies[1]?.text.slice(replies[1].text.indexOf('{')) ?? '';
    const data = JSON.parse(json) as {
      applications: { answers: Record<string, unknown> }[];
      checkins: { answers: Record<string, unknown> }[];
      goals: { text: string }[];
      surveyAnswers: unknown[];
    };
    expect(data.applications[0]?.answers).toMatchObject({
      name: `Olena${MARK}`,
      region: `Bergen ${MARK}`,
      goal: `Work as an engineer again ${MARK}`,
      educationField: `Civil engineering ${MARK}`,
      targetOccupation: `Structural engineer ${MARK}`,
      strengths: `Calculations and drawings ${MARK}`,
    });
    expect(data.goals.map((g) => g.text)).toEqual([`Engineer again ${MARK}`, `A CV ${MARK}`]);
    expect(data.surveyAnswers).toEqual([expect.objectContaining({ survey: 'mentee-end', anonymous: true, answers: expect.objectContaining({ better: `More meetings ${MARK}` }) })]);
    expect(data.checkins[0]?.answers).toMatchObject({ rating: '4', note: `Going well ${MARK}` });
    expect(text).not.toContain(OTHER);
    expect(text).not.toContain('Kari');
  });

  it('/profile opens the answers at their summary, and sending saves the changes', async () => {
    kit = await new TestKit().open();
    const olena = kit.person('olena');
    for (const line of ENGLISH_INTAKE) await olena.say(line);
    await olena.say('/profile');
    expect(olena.lastText()).toContain('• Where you live: Bergen');
    await olena.press('Change an answer');
    await olena.press('Where you live');
    await olena.say('Tromsø');
    await olena.press('Yes, send it');
    expect(olena.lastText()).toBe('Thank you. Your answers are saved.');
    const rows = kit.rows<{ answers: string }>('select answers from applications');
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]?.answers ?? '{}')).toMatchObject({ name: 'Olena', region: 'Tromsø', profession: 'Civil engineer' });

    const kari = kit.person('kari');
    for (const line of mentorRegistration('Kari', 'Civil engineer', 'Woman')) await kari.say(line);
    await kari.say('/profile');
    await kari.press('Change an answer');
    await kari.press('Where you live');
    await kari.say('Oslo');
    await kari.press('Yes, send it');
    const mentor = kit.rows<{ answers: string }>('select answers from mentors')[0];
    expect(JSON.parse(mentor?.answers ?? '{}')).toMatchObject({ name: 'Kari', city: 'Oslo' });
  });
});
