import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGLISH_INTAKE } from '../helpers/intakeScript';
import { type Person, TestKit } from '../helpers/testKit';

/** Bad and unusual replies: each gets a short, specific answer and the question again. */
describe('answers a person types', () => {
  let kit: TestKit;
  let amina: Person;
  beforeEach(async () => {
    kit = await new TestKit().open();
    amina = kit.person('amina');
  });
  afterEach(() => kit.close());

  const reachQuestion = async (answered: number) => {
    for (const line of ENGLISH_INTAKE.slice(0, answered)) await amina.say(line);
  };

  it('accepts the number of an option, its words in any case, or its button', async () => {
    await reachQuestion(7);
    await amina.say('1');
    await amina.say('Bergen');
    await amina.say('  everyday TALK (b1) ');
    expect(amina.lastText()).toContain('How old are you?');
    await amina.back();
    await amina.press('At work (B2)');
    expect(amina.lastText()).toContain('How old are you?');
  });

  it('re-asks with a specific message when a reply fits no option', async () => {
    await reachQuestion(7);
    const [reply] = await amina.say('maybe tomorrow');
    expect(reply?.text).toContain('Please choose one of the options. Tap a button or write its number.');
    expect(reply?.text).toContain('Do you have the right to live and work in Norway?');
    const [tooHigh] = await amina.say('9');
    expect(tooHigh?.text).toContain('Please choose one of the options.');
  });

  it.each([
    ['an empty message', '', 'Your message was empty.'],
    ['only spaces and invisible marks', ' \u200f\u200e ', 'Your message was empty.'],
    ['only emoji', '👍🙂', 'Please answer with words.'],
    ['10,000 characters', 'a'.repeat(10_000), 'Please use at most 200 characters.'],
  ])('answers %s in a text question and keeps the state valid', async (_name, text, expected) => {
    await reachQuestion(8);
    expect(amina.lastText()).toContain('Where do you live?');
    const [reply] = await amina.say(text);
    expect(reply?.text).toContain(expected);
    expect(reply?.text).toContain('Where do you live?');
    await amina.say('Bergen');
    expect(amina.lastText()).toContain('How well do you speak Norwegian?');
  });

  it('removes control characters and right-to-left marks but keeps the words', async () => {
    await reachQuestion(8);
    await amina.say('\u202bBer\u0007gen\u202c\u0000');
    for (const line of ENGLISH_INTAKE.slice(9)) await amina.say(line);
    const [row] = kit.rows<{ answers: string }>('select answers from applications');
    expect(JSON.parse(row?.answers ?? '').region).toBe('Bergen');
  });

  it('says it reads text when a photo or voice note comes instead', async () => {
    await reachQuestion(8);
    const [reply] = await amina.send({ kind: 'media', mediaType: 'voice' });
    expect(reply?.text).toContain('I can only read text. Please write your answer.');
    expect(reply?.text).toContain('Where do you live?');
  });

  it('answers a number out of range and a word where a number is asked', async () => {
    await reachQuestion(10);
    expect((await amina.say('two hundred'))[0]?.text).toContain('Please write a number, like this: 34');
    expect((await amina.say('200'))[0]?.text).toContain('Please write a number from 15 to 99.');
  });

  it('ignores a button from an earlier question', async () => {
    await reachQuestion(7);
    const [reply] = await amina.send({ kind: 'choice', value: 'yes-from-long-ago' });
    expect(reply?.text).toContain('That button is from an earlier question.');
  });

  it('takes several options by tapping them one by one and then Done', async () => {
    await reachQuestion(14);
    expect(amina.lastText()).toContain('What do you want from a mentor?');
    await amina.press('Advice about my career');
    expect(amina.lastText()).toContain('You chose: Advice about my career.');
    await amina.press('Leadership experience');
    await amina.press('Advice about my career');
    expect(amina.lastText()).toContain('You chose: Leadership experience.');
    await amina.press('Done');
    expect(amina.lastText()).toContain('What is your highest education?');
  });
});

describe('commands inside a conversation', () => {
  let kit: TestKit;
  let amina: Person;
  beforeEach(async () => {
    kit = await new TestKit().open();
    amina = kit.person('amina');
    for (const line of ENGLISH_INTAKE.slice(0, 9)) await amina.say(line);
  });
  afterEach(() => kit.close());

  it('/back asks the question before again', async () => {
    const [reply] = await amina.say('/back');
    expect(reply?.text).toContain('Where do you live?');
  });

  it('/skip skips only optional questions', async () => {
    const [reply] = await amina.say('/skip');
    expect(reply?.text).toContain('We need this answer.');
    expect(reply?.text).toContain('How well do you speak Norwegian?');
  });

  it('/language switches language and continues the same question', async () => {
    await amina.say('/language');
    const [reply] = await amina.say('2');
    expect(reply?.text).toContain('OK. Jeg skriver på norsk.');
    expect(reply?.text).toContain('Hvor godt snakker du norsk?');
    await amina.say('3');
    expect(amina.lastText()).toContain('Hvor gammel er du?');
  });

  it('/status tells where the application stands and asks the question again', async () => {
    const [reply] = await amina.say('/status');
    expect(reply?.text).toMatch(/You are filling in your application\. It is not sent yet\.\nQuestions\? Write to coordinator@example\.org\.\nQuestion 4 of \d+\n/);
    expect(reply?.text).toContain('How well do you speak Norwegian?');
  });

  it('/cancel asks first, and then deletes the unsent answers', async () => {
    await amina.say('/cancel');
    expect(amina.lastText()).toContain('Do you want to stop?');
    await amina.press('No, continue');
    expect(amina.lastText()).toContain('How well do you speak Norwegian?');
    await amina.say('/cancel');
    await amina.press('Yes, stop');
    expect(amina.lastText()).toContain('OK, I stopped.');
    expect(kit.rows('select count(*) as n from flow_states')).toEqual([{ n: 0 }]);
    const [reply] = await amina.say('/status');
    expect(reply?.text).toContain('You have not applied yet.');
  });

  it('/help lists the commands and an unknown command is named', async () => {
    expect((await amina.say('/help'))[0]?.text).toContain('/language – change the language');
    const [unknown] = await amina.say('/dance');
    expect(unknown?.text).toContain('I do not know the command /dance.');
    expect(unknown?.text).toContain('How well do you speak Norwegian?');
  });
});
