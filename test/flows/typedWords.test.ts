import { afterEach, describe, expect, it } from 'vitest';
import { englishIntake, mentorRegistration } from '../helpers/intakeScript';
import { activePair, approveMentors, coordinator } from '../helpers/pairScript';
import { DAY_MS, programmeWith, TestKit } from '../helpers/testKit';

/** The intake as typed, with some answers replaced: `{ 11: 'not sure' }` types "not sure" as the 12th message. */
function intakeWith(replaced: Record<number, string>): string[] {
  return englishIntake('Amina').map((line, i) => replaced[i] ?? line);
}

const COMMITMENT = 11;
const EDUCATION_LEVEL = 15;

/** Typed answers are read as people type them, and asked again only when they are really unclear. */
describe('typed words', () => {
  let kit: TestKit;
  afterEach(() => kit.close());

  it('takes "not sure", a word with a letter wrong and "yes" at the summary; asks again only for an unclear word', async () => {
    kit = await new TestKit().open();
    const amina = kit.person('amina');
    const script = intakeWith({ 1: 'englsh', [COMMITMENT]: 'not sure', [EDUCATION_LEVEL]: 'degree' });
    for (const line of script.slice(0, EDUCATION_LEVEL + 1)) await amina.say(line);
    // "degree" is in "Bachelor's degree" and in "Master's degree or higher": which one is meant?
    expect(amina.lastText()).toContain('That fits more than one answer. Please write the number of the one you mean.');
    expect(amina.lastText()).toContain('What is your highest education?');
    await amina.say('master');
    for (const line of script.slice(EDUCATION_LEVEL + 1, -1)) await amina.say(line);
    expect(amina.lastText()).toContain('Is everything correct?');

    const [unclear] = await amina.say('hmm');
    expect(unclear?.text).toBe('Please choose one of the options. Tap a button or write its number.\nIs everything correct?');
    const [status] = await amina.say('/status');
    expect(status?.text).toContain('You have answered all the questions. Check your answers and send them.');
    expect(status?.text).not.toContain('•');
    const [help] = await amina.say('/help');
    expect(help?.text).not.toContain('•');

    await amina.say('yes');
    expect(amina.lastText()).toContain('Thank you! Your application is sent.');
    const [answers] = kit.rows<{ answers: string }>('select answers from applications');
    expect(JSON.parse(answers?.answers ?? '{}')).toMatchObject({ commitment: 'notSure', educationLevel: 'master' });
  });

  it('takes "no thanks" for "No, thank you", an Arabic yes and a Norwegian yes', async () => {
    kit = await new TestKit(programmeWith({ languages: ['en', 'nb', 'ar'] })).open();
    const coco = await coordinator(kit);
    const id = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? Number.NaN;
    const amina = kit.person('amina');
    const [ola, kari] = [kit.person('ola'), kit.person('kari')];
    for (const line of englishIntake('Amina')) await amina.say(line);
    for (const line of mentorRegistration('Ola', 'Civil engineer', 'Man')) await ola.say(line);
    for (const line of mentorRegistration('Kari', 'Civil engineer', 'Woman')) await kari.say(line);
    await approveMentors(kit);
    await coco.say(`/accept ${id('Amina')}`);

    await coco.say(`/match ${id('Amina')} ${id('Ola')}`);
    await ola.say('no thanks');
    expect(kit.rows('select status, mentor_decision from pairs')).toEqual([{ status: 'declined', mentor_decision: 'declined' }]);

    await amina.say('/language');
    await amina.say('العربية');
    await kari.say('/language');
    await kari.say('norsk');
    await coco.say(`/match ${id('Amina')} ${id('Kari')}`);
    await amina.say('نعم');
    await kari.say('ja takk');
    expect(kit.rows("select mentee_decision, mentor_decision from pairs where status = 'active'")).toEqual([{ mentee_decision: 'accepted', mentor_decision: 'accepted' }]);
  });

  it('asks again with the choices when a reply fits several, as "yes" to "Yes, once" and "Yes, two times"', async () => {
    kit = await new TestKit().open();
    const pair = await activePair(kit, 'Amina', 'Maria');
    kit.clock.advance(31 * DAY_MS);
    await kit.tick();
    await pair.mentee.press('Start the check-in');
    const [again] = await pair.mentee.say('yes');
    expect(again?.text).toContain('That fits more than one answer.');
    expect(again?.choices.map((c) => c.label)).toContain('Yes, two times');
    const [next] = await pair.mentee.say('no');
    expect(next?.text).not.toContain('That fits more than one answer.');
  });
});
