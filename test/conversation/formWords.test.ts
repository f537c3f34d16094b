import { afterEach, describe, expect, it } from 'vitest';
import { englishIntake } from '../helpers/intakeScript';
import { activePair } from '../helpers/pairScript';
import { DAY_MS, TestKit } from '../helpers/testKit';

/** A channel without buttons, as the console and WhatsApp are: choices come as a numbered list. */
const NO_BUTTONS = { maxButtons: 0, maxButtonLabel: 0, maxText: 100_000, canInitiate: true };

async function kitWith(buttons: boolean): Promise<TestKit> {
  const kit = new TestKit();
  if (!buttons) kit.capabilities = NO_BUTTONS;
  return kit.open();
}

/** What the questions say: words that fit the channel, a count that does not jump, where a person is. */
describe('the words of a form', () => {
  let kit: TestKit;
  afterEach(() => kit.close());

  it('says to write a number where nothing can be tapped, and to tap where buttons are', async () => {
    kit = await kitWith(false);
    const amina = kit.person('amina');
    await amina.say('/start');
    const [typed] = await amina.say('Klingon');
    expect(typed?.text).toContain('Please choose one of the options. Write its number.');
    expect(typed?.text).not.toMatch(/tap|press|button/i);
    for (const line of englishIntake('Amina').slice(1, 14)) await amina.say(line);
    expect(amina.lastText()).toContain('You can choose more than one. Write their numbers, like this: 1, 3');
    expect(amina.lastText()).not.toMatch(/tap|press|button/i);
    await kit.close();

    kit = await kitWith(true);
    const olena = kit.person('olena');
    await olena.say('/start');
    const [tapped] = await olena.say('Klingon');
    expect(tapped?.text).toContain('Please choose one of the options. Tap a button or write its number.');
  });

  it('says "choose all that fit" once in the meeting questions', async () => {
    kit = await kitWith(false);
    const pair = await activePair(kit, 'Amina', 'Maria');
    await pair.mentee.say('/met');
    await pair.mentee.say('1');
    const [topics] = await pair.mentee.say('1');
    expect(topics?.text).toContain('What did you talk about?');
    expect(topics?.text).not.toContain('Choose all that fit');
    expect(topics?.text).not.toMatch(/tap|press/i);
  });

  it('counts the questions without a jump: follow-up questions have no number', async () => {
    kit = await kitWith(true);
    const amina = kit.person('amina');
    const counters: string[] = [];
    const texts: string[] = [];
    for (const line of englishIntake('Amina').slice(0, -1)) {
      const replies = await amina.say(line);
      for (const reply of replies) counters.push(...(reply.text.match(/Question \d+ of \d+/g) ?? []));
      texts.push(...replies.map((r) => r.text));
    }
    const totals = new Set(counters.map((c) => c.replace(/Question \d+ of /, '')));
    expect(totals.size).toBe(1);
    const numbers = counters.map((c) => Number(/Question (\d+)/.exec(c)?.[1]));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    // Plain words for the language too: "Norwegian", not "Norwegian Bokmål".
    expect(texts.join('\n')).toContain('How well do you speak Norwegian?');
    expect(texts.join('\n')).not.toContain('Bokmål');
  });

  it('takes the number of Skip under a question answered in words, where Skip is written as "1. Skip"', async () => {
    kit = await kitWith(false);
    const pair = await activePair(kit, 'Amina', 'Maria');
    kit.clock.advance(31 * DAY_MS);
    await kit.tick();
    for (const answer of ['Start the check-in', 'Yes, once']) await pair.mentee.press(answer);
    for (const typed of ['1', '4', '2']) await pair.mentee.say(typed); // topics: CV; rating 4; contact: no
    expect(pair.mentee.lastText()).toContain('1. Skip');
    await pair.mentee.say('1');
    expect(pair.mentee.lastText()).toContain('Thank you');
    const [row] = kit.rows<{ answers: string }>('select answers from checkins where participant_id = ? and answered_at is not null', pair.menteeId);
    expect(JSON.parse(row?.answers ?? '{}')).not.toHaveProperty('note');
  });

  it("an applicant's /help leaves out what only people in a pair do", async () => {
    kit = await kitWith(true);
    const amina = kit.person('amina');
    await amina.say('/start');
    const [help] = await amina.say('/help');
    expect(help?.text).toContain('/status – see how your application is going');
    expect(help?.text).not.toMatch(/mentee|check-in/);
  });

  it('/status inside a form says which questions the person is in and where', async () => {
    kit = await kitWith(true);
    const pair = await activePair(kit, 'Amina', 'Maria');
    await pair.mentee.say('/met');
    const [meeting] = await pair.mentee.say('/status');
    expect(meeting?.text).toContain('You are telling us about a meeting. It is not saved yet.');
    expect(meeting?.text.match(/Question 1 of 3/g)).toHaveLength(1);
    expect(meeting?.text).not.toContain('application');

    const olena = kit.person('olena');
    for (const line of englishIntake('Olena').slice(0, 8)) await olena.say(line);
    const [intake] = await olena.say('/status');
    expect(intake?.text).toMatch(/You are filling in your application\. It is not sent yet\.\n.*\nQuestion \d+ of \d+\n/);
  });

  it('/start inside a form names it: a mentor is not told about an application', async () => {
    kit = await kitWith(true);
    const maria = kit.person('maria');
    for (const line of ['/start', 'English', 'I want to be a mentor']) await maria.say(line);
    const [reply] = await maria.say('/start');
    expect(reply?.text).toContain('You are filling in your registration as a mentor. It is not sent yet.');
    expect(reply?.text).not.toContain('application');
  });

  it('answers a photo inside a question with a kind word and the same question, also over /cancel', async () => {
    kit = await kitWith(true);
    const amina = kit.person('amina');
    for (const line of englishIntake('Amina').slice(0, 8)) await amina.say(line);
    const question = amina.lastText();
    const [photo] = await amina.send({ kind: 'media', mediaType: 'photo' });
    expect(photo?.text).toBe(`I can only read text. Please write your answer. If you need help, write to coordinator@example.org.\n${question}`);

    await amina.say('/cancel');
    const [sticker] = await amina.send({ kind: 'media', mediaType: 'sticker' });
    expect(sticker?.text).toContain('I can only read text.');
    expect(sticker?.text).toContain('Do you want to stop? Your answers will be deleted.');
    const [no] = await amina.say('No');
    expect(no?.text).toContain('Good. Let us continue.');

    for (const line of englishIntake('Amina').slice(8, -1)) await amina.say(line);
    const [voice] = await amina.send({ kind: 'media', mediaType: 'voice' });
    expect(voice?.text).toContain('Is everything correct?');
    expect(voice?.text).not.toContain('•');
  });
});
