import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGLISH_INTAKE } from '../helpers/intakeScript';
import { programmeWith, TestKit } from '../helpers/testKit';

describe('leaving and coming back', () => {
  let kit: TestKit;
  beforeEach(async () => {
    kit = await new TestKit().open();
  });
  afterEach(() => kit.close());

  it('continues at the same question with every answer kept after the database is closed and reopened', async () => {
    const amina = kit.person('amina');
    for (const line of ENGLISH_INTAKE.slice(0, 15)) await amina.say(line);
    const asked = amina.lastText();
    expect(asked).toContain('What is your highest education?');

    await kit.reopen();
    const [reply] = await amina.say('/start');
    expect(reply?.text).toContain('You are filling in your application. It is not sent yet.');
    expect(reply?.text).toContain('What is your highest education?');
    for (const line of ENGLISH_INTAKE.slice(15)) await amina.say(line);

    const [row] = kit.rows<{ answers: string }>('select answers from applications');
    expect(JSON.parse(row?.answers ?? '')).toMatchObject({
      region: 'Bergen',
      age: 29,
      goalType: 'relevantJob',
    });
  });

  it('welcomes a person back after days and asks the open question again', async () => {
    const amina = kit.person('amina');
    for (const line of ENGLISH_INTAKE.slice(0, 9)) await amina.say(line);
    kit.clock.advance(3 * 24 * 60 * 60 * 1000);
    const [reply] = await amina.say('B2');
    expect(reply?.text).toContain('Welcome back!');
    expect(reply?.text).toContain('How well do you speak Norwegian?');
    await amina.say('B2');
    expect(amina.lastText()).toContain('How old are you?');
  });

  it('resumes politely when the questions changed while the person was away', async () => {
    const amina = kit.person('amina');
    for (const line of ENGLISH_INTAKE.slice(0, 11)) await amina.say(line);
    kit.app.store.sqlite.prepare("update flow_states set state = json_set(state, '$.form.version', 0, '$.form.stepId', 'gone')").run();
    await kit.reopen(programmeWith({ eligibility: { rightToWork: true, commitmentMonths: null } }));
    const [reply] = await amina.say('yes');
    expect(reply?.text).toContain('Some questions have changed. Your answers are kept.');
    expect(reply?.text).toContain('What is your goal?');
  });

  it('starts again kindly when the stored answers cannot be read', async () => {
    const amina = kit.person('amina');
    for (const line of ENGLISH_INTAKE.slice(0, 9)) await amina.say(line);
    kit.app.store.sqlite.prepare("update flow_states set state = '{not json'").run();
    const replies = await amina.say('hello');
    expect(replies.map((r) => r.text).join('\n')).toContain('Sorry, I could not read your saved answers.');
    expect(amina.lastText()).toContain('Choose your language.');
  });

  it('checks answers changed on disk while Kompis runs, although it wrote them itself a moment before', async () => {
    const amina = kit.person('amina');
    for (const line of ENGLISH_INTAKE.slice(0, 9)) await amina.say(line);
    // Another process or a hand edit leaves valid JSON of the wrong shape.
    kit.app.store.sqlite.prepare("update flow_states set state = json_set(state, '$.form.history', 'about')").run();
    const replies = await amina.say('hello');
    expect(replies.map((r) => r.text).join('\n')).toContain('Sorry, I could not read your saved answers.');
    expect(amina.lastText()).toContain('Choose your language.');
  });
});
