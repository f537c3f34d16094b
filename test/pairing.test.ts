import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGLISH_INTAKE, mentorRegistration } from './helpers/intakeScript';
import { approveMentors } from './helpers/pairScript';
import { type Person, programmeWith, TestKit } from './helpers/testKit';

const COORDINATOR_COMMANDS = [
  '/pair 1',
  '/pause 1',
  '/resume 1',
  '/end 1 jobFound',
  '/applications',
  '/view 1',
  '/invite 1',
  '/accept 1',
  '/waitlist 1',
  '/decline 1',
  '/suggest 1',
  '/match 1 2',
  '/pairs',
];

/** A coordinator, an applicant and two mentors on one fake channel, from application to an active pair. */
describe('screening and matching', () => {
  let kit: TestKit;
  let coco: Person;
  let olena: Person;
  let ola: Person;
  let kari: Person;
  const id = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? Number.NaN;

  beforeEach(async () => {
    kit = await new TestKit().open();
    coco = kit.person('coco');
    olena = kit.person('olena');
    ola = kit.person('ola');
    kari = kit.person('kari');
    await coco.say('/coordinator demo-coordinators');
    for (const line of mentorRegistration('Ola', 'Structural engineer', 'Man')) await ola.say(line);
    for (const line of mentorRegistration('Kari', 'Civil engineer', 'Woman')) await kari.say(line);
    await approveMentors(kit);
    for (const line of ENGLISH_INTAKE) await olena.say(line);
  });
  afterEach(() => kit.close());

  it("shows a coordinator and the proposed mentor the application in labels written for them, not in the applicant's own voice", async () => {
    await coco.say(`/view ${id('Olena')}`);
    const view = coco.lastText();
    for (const line of ['• Goal: “Work as an engineer again”', '• Kind of goal: A job in their field', '• Field: Engineering and industry', '• Lives in: “Bergen”']) {
      expect(view).toContain(line);
    }
    expect(view).not.toMatch(/• (Your|Where you|What you|Job you|Field you|When you|How you)\b| my /);

    await coco.say(`/accept ${id('Olena')}`);
    await coco.say(`/match ${id('Olena')} ${id('Kari')}`);
    expect(kari.lastText()).toContain('• Kind of goal: A job in their field');
    expect(kari.lastText()).not.toMatch(/Type of goal| my /);
  });

  it('goes from an application to an active pair, through a decline and a rematch', async () => {
    expect(coco.lastText()).toContain(`New application.\nApplication from #${id('Olena')} Olena – new`);
    expect(coco.lastText()).toContain('• Goal: “Work as an engineer again”');
    expect(kit.channel.sentTo('coco').filter((m) => m.text.includes('New application.'))).toHaveLength(1);

    await coco.press('Accept');
    expect(olena.lastText()).toContain('Good news! You are accepted in the programme.');
    await olena.say('/status');
    expect(olena.lastText()).toContain('Your application is accepted.');

    await coco.press('Suggest mentors');
    expect(coco.lastText()).toMatch(/^#\d+ (Ola|Kari) – [\d.]+ points: same field/m);
    await coco.press(`Propose #${id('Ola')} Ola`);
    expect(olena.lastText()).toContain('Good news! We have a mentor for you: Ola.');
    expect(olena.lastText()).toContain('• Profession: “Structural engineer”');
    expect(ola.lastText()).toContain('We have a mentee for you: Olena.');
    expect(ola.lastText()).not.toContain('Why you came');

    await ola.press('No, thank you');
    expect(olena.lastText()).toContain('Ola cannot be your mentor now. We will look for another mentor for you.');
    expect(coco.lastText()).toContain(`#${id('Ola')} Ola said no. The applicant is back in the queue.`);
    await ola.press('I do not have time now');
    expect(coco.lastText()).toContain('the reason was: I do not have time now');

    await coco.say(`/suggest ${id('Olena')}`);
    expect(coco.lastText()).not.toContain('Ola');
    // The number shown beside the mentor is the one to type.
    await coco.say(String(id('Kari')));
    await olena.press('Yes');
    expect(olena.lastText()).toContain('Thank you! Now we wait for Kari to answer.');
    await kari.press('Yes');
    expect(kari.lastText()).toContain('You are now a pair with Olena!');
    expect(olena.lastText()).toContain('You are now a pair with Kari! The programme ends on May 2, 2027.');
    expect(coco.lastText()).toContain('is active: both said yes.');
    // The start questions wait for her: /status offers them.
    await olena.say('/status');
    expect(olena.lastText()).toContain('You and Kari have started. Kompis has a few questions to plan the start.');

    expect(kit.rows('select status, mentee_decision, mentor_decision, decline_reason from pairs order by id')).toEqual([
      { status: 'declined', mentee_decision: null, mentor_decision: 'declined', decline_reason: 'time' },
      { status: 'active', mentee_decision: 'accepted', mentor_decision: 'accepted', decline_reason: null },
    ]);
    await coco.say('/pairs');
    expect(coco.lastText()).toContain(`Pair 2: #${id('Olena')} Olena with #${id('Kari')} Kari – active`);

    await coco.say('/pair 2');
    await coco.press('Pause');
    expect(olena.lastText()).toContain('Your coordinator has paused your mentoring for now.');
    expect(kari.lastText()).toContain('Your coordinator has paused your mentoring for now.');
    await coco.say('/pause 2');
    expect(coco.lastText()).toBe('Pair 2 is paused now, so that cannot be done.');
    await coco.say('/resume 2');
    expect(olena.lastText()).toContain('Your mentoring goes on again.');
    await coco.say('/end 2 promoted');
    expect(coco.lastText()).toContain('Write it like this: /end 3 jobFound.');
    await coco.say('/end 2 jobFound');
    expect(kit.rows('select status from pairs where id = 2')).toEqual([{ status: 'active' }]);
    await coco.press('End it and tell them the reason');
    expect(kari.lastText()).toBe(
      'Your coordinator has ended your mentoring with Olena. The reason: Found a job. Thank you for taking part!\nIf you have questions, write to your coordinator: coordinator@example.org',
    );
    expect(kit.rows('select status, end_reason from pairs where id = 2')).toEqual([{ status: 'ended', end_reason: 'jobFound' }]);
  });

  it('starts a pair with the kickoff, sets goals, and a rematched mentee keeps them', async () => {
    const olenaId = id('Olena');
    await coco.say(`/accept ${olenaId}`);
    await coco.say(`/match ${olenaId} ${id('Kari')}`);
    await olena.press('Yes');
    await kari.press('Yes');

    for (const member of [kari, olena]) {
      await member.press('Plan the start');
      // Each reads the agreement in words meant for them: the mentee is told that she decides her goals.
      if (member === kari) expect(member.lastText()).toContain('A mentor does not find the job. The mentee decides the goals.');
      else expect(member.lastText()).toContain('Your mentor does not find the job for you. You decide your goals.');
      expect(olena.lastText()).not.toMatch(/mentee/i);
      await member.press('Yes, I agree');
      await member.press('Twice a month');
      await member.say('1, 3');
      expect(member.lastText()).toContain('The programme ends on May 2, 2027.');
      await member.press('OK');
      await member.press('Yes, send it');
    }
    expect(coco.lastText()).toContain('Pair 1 has started: both answered the start questions.');
    expect(JSON.parse(kit.rows<{ k: string }>('select kickoff_mentee as k from pairs')[0]?.k ?? '')).toMatchObject({
      frequency: 'twiceMonthly',
      contact: ['chat', 'video'],
    });

    // The end goal she wrote in her application is offered, not asked for again.
    await olena.press('Set my goals');
    expect(olena.lastText()).toContain('In your application you wrote this goal: "Work as an engineer again" (A job in my field).');
    await olena.press('Yes, keep it');
    expect(olena.lastText()).toContain('What is the first step towards your goal?');
    await olena.say('A CV for the job at the bridge company');
    await olena.press('January 2027');
    await olena.press('Yes');
    await olena.say('Norwegian course B2');
    await olena.press('April 2027');
    await olena.press('No, that is all');
    await olena.press('Yes, send it');
    expect(kari.lastText()).toContain('Olena has set goals:');
    expect(kit.rows("select text, goal_type from goals where kind = 'end'")).toEqual([{ text: 'Work as an engineer again', goal_type: 'relevantJob' }]);
    expect(kari.lastText()).toContain('“A CV for the job at the bridge company” – by January 2027');

    await kari.say('/goals');
    await kari.press('Propose a goal');
    await kari.say('Visit an engineering fair');
    await kari.press('March 2027');
    expect(olena.lastText()).toContain('Kari proposes a step: "Visit an engineering fair" by March 2027.');
    await olena.press('Yes, add it');
    expect(kari.lastText()).toContain('was added to the goals');

    await olena.say('/goals');
    // Everything the mentee read from her kickoff to her goals is free of the programme's jargon.
    expect(
      kit.channel
        .sentTo('olena')
        .map((m) => m.text)
        .join('\n'),
    ).not.toMatch(/\bmentees?\b|check-?in/i);
    const cv = kit.rows<{ id: number }>("select id from goals where text like 'A CV%'")[0]?.id;
    await olena.press(`Change #${cv}`);
    await olena.say('/skip');
    await olena.press('February 2027');
    await olena.say('The job ad closes later');
    expect(kit.rows('select change, reason from goal_changes where goal_id = ? order by id', cv)).toEqual([
      { change: 'created', reason: null },
      { change: 'changed', reason: 'The job ad closes later' },
    ]);

    await coco.say('/end 1 relationship quiet');
    await coco.say(`/match ${olenaId} ${id('Ola')}`);
    await olena.press('Yes');
    await ola.press('Yes');
    await ola.say('/goals');
    expect(ola.lastText()).toContain('“A CV for the job at the bridge company” – by February 2027');
    expect(ola.lastText()).toContain('“Visit an engineering fair” – by March 2027');
  });

  it('tells the applicant at every change of their application', async () => {
    const olenaId = id('Olena');
    await kit.reopen(programmeWith({ screening: { interviewText: { en: 'Book a time: https://example.org/book' } } }));
    await coco.say(`/invite ${olenaId}`);
    expect(olena.lastText()).toBe(
      'A coordinator would like to meet you for a talk of about 45 minutes.\nBook a time: https://example.org/book\nYou can answer here: ask a question, or ask for another time. Write /done when you are finished.',
    );
    await coco.say(`/waitlist ${olenaId}`);
    expect(olena.lastText()).toContain('You are on our waiting list.');
    await coco.say(`/decline ${olenaId}`);
    expect(olena.lastText()).toContain('Other organisations may help you. Write to coordinator@example.org');
    await olena.say('/status');
    expect(olena.lastText()).toContain('We cannot offer you a place this time.');
  });

  it('keeps a typed number to the list the coordinator asked for, whatever arrives meanwhile', async () => {
    await coco.say('/applications');
    const amir = kit.person('amir');
    for (const line of ENGLISH_INTAKE) await amir.say(line.replace('Olena', 'Amir'));
    expect(coco.lastText()).toContain('New application.');
    await coco.say(String(id('Olena')));
    expect(coco.lastText()).toContain(`Application from #${id('Olena')} Olena – new`);
    expect(kit.rows('select status from applications order by id')).toEqual([{ status: 'submitted' }, { status: 'submitted' }]);
  });

  it('refuses what does not fit the state: goals without a pair, a match before acceptance, a decline of a paired mentee', async () => {
    await olena.say('/goals');
    expect(olena.lastText()).toContain('Goals are set in a mentoring pair.');
    const olenaId = id('Olena');
    await coco.say(`/match ${olenaId} ${id('Kari')}`);
    expect(coco.lastText()).toContain('Accept or waitlist');
    await coco.say(`/accept ${olenaId}`);
    await coco.say(`/match ${olenaId} ${id('Kari')}`);
    await coco.say(`/decline ${olenaId}`);
    expect(coco.lastText()).toContain('already has a mentor or a proposal');
    await olena.press('Yes');
    await olena.say('/proposal 1 reason fit');
    expect(olena.lastText()).toBe('You have already answered this proposal.');
    await coco.say('/end 1 other');
    await coco.press('Withdraw the proposal');
    expect(kari.lastText()).toContain('The proposal is withdrawn.');
    expect(kit.rows('select count(*) as n from goals')).toEqual([{ n: 0 }]);
    expect(kit.rows('select status from applications')).toEqual([{ status: 'accepted' }]);
  });

  it('does not throw away questions in progress when a command would start others', async () => {
    const newcomer = kit.person('nora');
    for (const line of ENGLISH_INTAKE.slice(0, 9)) await newcomer.say(line);
    const [reply] = await newcomer.say('/goals');
    expect(reply?.text).toContain('Goals are set in a mentoring pair.');
    await coco.say(`/accept ${id('Olena')}`);
    await coco.say(`/match ${id('Olena')} ${id('Kari')}`);
    await olena.press('Yes');
    await kari.press('Yes');
    await olena.say('/help');
    await olena.say('/language');
    await olena.say('English');
    await kari.press('Plan the start');
    await kari.press('Yes, I agree');
    const [refused] = await kari.say('/kickoff 1');
    expect(refused?.text).toContain('You are in the middle of some questions.');
    expect(refused?.text).toContain('How often do you want to meet?');
  });

  it('takes a poster link for mentors straight to the mentor registration', async () => {
    const mia = kit.person('mia');
    await mia.say('/start mentor');
    await mia.press('English');
    expect(mia.lastText()).toContain('As a mentor, you support a person who is new in Norway');
  });

  it('refuses every coordinator command from a mentee and a mentor, and changes nothing', async () => {
    const snapshot = () => ['participants', 'applications', 'mentors', 'pairs', 'consents', 'flow_states'].map((table) => kit.rows(`select * from ${table} order by 1`));
    const before = snapshot();
    for (const person of [olena, ola]) {
      for (const command of COORDINATOR_COMMANDS) {
        const [reply] = await person.say(command);
        expect(reply?.text).toBe('Only coordinators can use this command. Write /help to see what you can do.');
      }
    }
    await olena.say('/coordinator wrong-code');
    expect(olena.lastText()).toContain('That code is not right.');
    expect(snapshot()).toEqual(before);
  });
});
