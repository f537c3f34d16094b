import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { englishIntake, mentorRegistration } from '../helpers/intakeScript';
import { activePair, approveMentors, coordinator } from '../helpers/pairScript';
import { DAY_MS, type Person, programmeWith, TestKit } from '../helpers/testKit';

/** A channel without buttons, as the console and WhatsApp are: choices come as a numbered list. */
const NO_BUTTONS = { maxButtons: 0, maxButtonLabel: 0, maxText: 100_000, canInitiate: true };

/**
 * What waits for a person's answer (a proposal, a goal step their mentor proposed, a check-in, a
 * survey) stays answerable by its number or words after any command and a restart, and /status says
 * plainly what they are asked to do.
 */
describe('an open decision', () => {
  let kit: TestKit;
  const id = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? Number.NaN;

  beforeEach(async () => {
    kit = new TestKit();
    kit.capabilities = NO_BUTTONS;
    await kit.open();
  });
  afterEach(() => kit.close());

  async function proposed(): Promise<{ amina: Person; maria: Person }> {
    const coco = await coordinator(kit);
    const amina = kit.person('amina');
    const maria = kit.person('maria');
    for (const line of englishIntake('Amina')) await amina.say(line);
    for (const line of mentorRegistration('Maria', 'Civil engineer', 'Woman')) await maria.say(line);
    await approveMentors(kit);
    await coco.say(`/accept ${id('Amina')}`);
    await coco.say(`/match ${id('Amina')} ${id('Maria')}`);
    return { amina, maria };
  }

  it('a proposal: /status says what the mentee is asked, and her typed 1 after it is her yes', async () => {
    const { amina } = await proposed();
    const [status] = await amina.say('/status');
    expect(status?.text).toContain('Kompis proposed Maria as your mentor, and waits for your answer. Do you want Maria as your mentor?');
    expect(status?.text).toContain('Answer 1 for yes or 2 for no.');
    expect(status?.text).toContain('1. Yes\n2. No, thank you');
    expect(status?.text).not.toContain('we wait for the answers');

    const [answer] = await amina.say('1');
    expect(answer?.text).toBe('Thank you! Now we wait for Maria to answer.');
    expect(kit.rows('select mentee_decision from pairs')).toEqual([{ mentee_decision: 'accepted' }]);
    await amina.say('/status');
    expect(amina.lastText()).toContain('You said yes to Maria. Now we wait for the other answer.');
  });

  it('a proposal is not answered by a word that only stands in a choice: "thank" is not "No, thank you"', async () => {
    const { amina } = await proposed();
    const [reply] = await amina.say('thank');
    expect(reply?.text).toContain('Do you want Maria as your mentor?');
    expect(kit.rows('select status, mentee_decision from pairs')).toEqual([{ status: 'proposed', mentee_decision: null }]);
  });

  it('a proposal: the mentor answers "yes" after /help and a restart', async () => {
    const { amina, maria } = await proposed();
    await amina.say('yes');
    await maria.say('/help');
    await kit.reopen();
    const [answer] = await maria.say('Yes');
    expect(answer?.text).toContain('You are now a pair with Amina!');
    expect(kit.rows('select status from pairs')).toEqual([{ status: 'active' }]);
  });

  it('a goal step the mentor proposed: the mentee accepts it by typing after another command', async () => {
    const pair = await activePair(kit, 'Amina', 'Maria');
    await pair.mentor.say(`/goal propose ${pair.pairId}`);
    await pair.mentor.say('Update the CV for one job ad');
    await pair.mentor.say('1');
    expect(pair.mentee.lastText()).toContain('Maria proposes a step: "Update the CV for one job ad"');

    await pair.mentee.say('/help');
    const [status] = await pair.mentee.say('/status');
    expect(status?.text).toContain('Maria proposes a step: "Update the CV for one job ad"');
    expect(status?.text).toContain('Answer 1 for yes or 2 for no.');
    await pair.mentee.say('1');
    expect(kit.rows("select status from goals where text = 'Update the CV for one job ad'")).toEqual([{ status: 'active' }]);
    expect(pair.mentor.lastText()).toContain('Update the CV for one job ad');
  });

  it('a check-in: its number starts it after another command', async () => {
    const pair = await activePair(kit, 'Amina', 'Maria');
    await kit.days(31);
    expect(pair.mentee.lastText()).toContain('Time for your monthly check-in');
    await pair.mentee.say('/help');
    const [started] = await pair.mentee.say('1');
    expect(started?.text).toContain('Have you met Maria since');
  });

  it('the start questions of a new pair: /status offers them, and the typed number opens them', async () => {
    const pair = await activePair(kit, 'Amina', 'Maria');
    await pair.mentee.say('/help');
    const [status] = await pair.mentee.say('/status');
    expect(status?.text).toContain('You and Maria have started. Kompis has a few questions to plan the start.');
    expect(status?.text).toContain('1. Plan the start');
    const [started] = await pair.mentee.say('1');
    expect(started?.keys).toContain('kickoff.intro');
  });

  it('the early fit check: /status asks it again, and a typed answer is recorded for this member only', async () => {
    const pair = await activePair(kit, 'Amina', 'Maria');
    await kit.days(14);
    expect(pair.mentor.lastText()).toContain('Is this a good match for you?');
    await pair.mentor.say('/help');
    const [status] = await pair.mentor.say('/status');
    expect(status?.text).toContain('Is this a good match for you?');
    await pair.mentor.say('yes');
    expect(kit.rows('select participant_id as who, answer from fit_checks')).toEqual([{ who: pair.mentorId, answer: 'yes' }]);
  });

  it('a survey invitation: its number starts the survey after another command and a restart', async () => {
    const pair = await activePair(kit, 'Amina', 'Maria');
    const coco = await coordinator(kit);
    await coco.say(`/end ${pair.pairId} jobFound quiet`);
    kit.clock.advance(DAY_MS);
    await kit.tick();
    expect(kit.rows('select 1 from survey_invitations where participant_id = ?', pair.menteeId)).toHaveLength(1);
    await pair.mentee.say('/help');
    await kit.reopen();
    const [status] = await pair.mentee.say('/status');
    expect(status?.text).toContain('1. Start the survey');
    const [started] = await pair.mentee.say('1');
    expect(started?.keys).toContain('survey.answerAs.prompt');
  });

  it('a consent: after the programme changed its text, /status says so, and the consent is answered by its number', async () => {
    const amina = kit.person('amina');
    for (const line of englishIntake('Amina')) await amina.say(line);
    await kit.reopen(programmeWith({ consent: { version: '2026-09' } }));
    const [status] = await amina.say('/status');
    expect(status?.text).toContain('We changed our text about your data. Write any message to read it and answer; then we can go on.');
    expect(status?.text).toContain('We got your application');
    await amina.say('hello');
    const [inside] = await amina.say('/status');
    expect(inside?.text).toContain('We changed our text about your data. Please read it and answer, then we can go on.');
    await amina.say('1');
    expect(kit.rows("select decision from consents where kind = 'intake' and version = '2026-09'")).toEqual([{ decision: 'granted' }]);
  });
});
