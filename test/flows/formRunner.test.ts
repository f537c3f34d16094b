import { describe, expect, it } from 'vitest';
import { CHANGE, REVIEW, answerForm, backForm, skipForm, startForm } from '../../flows/form';
import { meetingFlow } from '../../flows/meeting/meetingFlow';
import type { Answers, FlowContext, FormFlow, FormResult, FormState } from '../../flows/types';
import { DEMO_PROGRAMME_PATH, loadProgramme } from '../../src/settings/programme';
import { type Reply, type Text, t } from '../../src/text/messages';

/**
 * The form runner on its own: plain states in, plain states and messages out. No database, no
 * engine, no channel; what the flows promise a person, shown one reply at a time.
 */

const programme = loadProgramme(DEMO_PROGRAMME_PATH);

/** The English words of the test flow's options, so typed words can be matched; other texts stay keys. */
const WORDS: Record<string, string> = {
  'pets.pet.cat': 'Cat',
  'pets.pet.dog': 'Dog',
  'pets.pet.none': 'No pet',
  'pets.food.fish': 'Fish',
  'pets.food.meat': 'Meat',
  'pets.food.greens': 'Greens',
  'form.skip': 'Skip',
  'form.done': 'Done',
  'form.submit': 'Yes, send it',
  'form.change': 'Change an answer',
};

function context(now = new Date('2026-11-12T09:00:00Z')): FlowContext {
  return { programme, now, language: 'en', translate: (text: Text) => WORDS[text.key] ?? text.key };
}

/** Four questions: a name, a pet, the pet's name (optional, only when there is a pet), and what it eats. */
const petsFlow: FormFlow = {
  id: 'pets',
  version: 1,
  steps: () => [
    { id: 'name', prompt: [t('pets.name.prompt')], label: t('pets.name.label'), input: { kind: 'text', maxLength: 10 } },
    {
      id: 'pet',
      prompt: [t('pets.pet.prompt')],
      label: t('pets.pet.label'),
      input: { kind: 'choice', options: ['cat', 'dog', 'none'].map((v) => ({ value: v, label: t(`pets.pet.${v}`) })) },
    },
    {
      id: 'petName',
      prompt: [t('pets.petName.prompt')],
      label: t('pets.petName.label'),
      input: { kind: 'text', maxLength: 10 },
      optional: true,
      when: (a) => a.pet !== 'none',
    },
    {
      id: 'food',
      prompt: [t('pets.food.prompt')],
      label: t('pets.food.label'),
      input: { kind: 'multi', options: ['fish', 'meat', 'greens'].map((v) => ({ value: v, label: t(`pets.food.${v}`) })) },
    },
  ],
  review: { intro: t('pets.review') },
  submit: (answers, _ctx, given) => ({
    effects: [{ type: 'submitApplication', answers, flags: Object.keys(given) }],
    lines: [t('pets.thanks')],
  }),
};

const text = (words: string): Reply => ({ kind: 'text', text: words });
const press = (value: string): Reply => ({ kind: 'choice', value });

/** Answers `replies` one after another from the start of `flow`; the state after the last one. */
function reach(flow: FormFlow, replies: Reply[], ctx = context(), given: Answers = {}): FormResult {
  let result = startForm(flow, ctx, given);
  for (const reply of replies) {
    if (!result.state) throw new Error('the form ended early');
    result = answerForm(flow, result.state, reply, ctx);
  }
  return result;
}

function stateOf(result: FormResult): FormState {
  if (!result.state) throw new Error('the form has ended');
  return result.state;
}

/** The keys of the lines of the one message a step sends. */
function keys(result: FormResult): string[] {
  expect(result.messages).toHaveLength(1);
  return result.messages[0]?.lines.map((line) => line.key) ?? [];
}

describe('the form runner', () => {
  it('asks the first question with its place among the questions that apply', () => {
    const started = startForm(petsFlow, context());
    expect(stateOf(started)).toMatchObject({ flowId: 'pets', version: 1, stepId: 'name', answers: {}, history: [] });
    expect(started.messages).toEqual([{ lines: [t('form.progress', { n: 1, total: 3 }), t('pets.name.prompt')] }]);
  });

  it('asks its steps in order and keeps each answer', () => {
    const afterName = reach(petsFlow, [text('Rex')]);
    expect(stateOf(afterName)).toMatchObject({ stepId: 'pet', answers: { name: 'Rex' }, history: ['name'] });
    expect(afterName.messages[0]?.choices?.map((c) => c.value)).toEqual(['cat', 'dog', 'none']);
    const afterPet = reach(petsFlow, [text('Rex'), press('cat')]);
    expect(stateOf(afterPet)).toMatchObject({ stepId: 'petName', answers: { name: 'Rex', pet: 'cat' }, history: ['name', 'pet'] });
  });

  it('skips a step whose `when` does not hold, and counts the questions without it', () => {
    const result = reach(petsFlow, [text('Rex'), press('none')]);
    expect(stateOf(result).stepId).toBe('food');
    expect(keys(result)[0]).toBe('form.progress');
    expect(result.messages[0]?.lines[0]).toEqual(t('form.progress', { n: 3, total: 3 }));
  });

  it('goes back to the question before with /back, keeping its answer until it is answered anew', () => {
    const atPetName = stateOf(reach(petsFlow, [text('Rex'), press('dog')]));
    const back = backForm(petsFlow, atPetName, context());
    expect(stateOf(back)).toMatchObject({ stepId: 'pet', answers: { name: 'Rex', pet: 'dog' }, history: ['name'] });
    expect(keys(back)).toEqual(['form.progress', 'pets.pet.prompt']);
    const again = answerForm(petsFlow, stateOf(back), press('cat'), context());
    expect(stateOf(again)).toMatchObject({ stepId: 'petName', answers: { pet: 'cat' } });
  });

  it('says there is nothing before the first question, and stays there', () => {
    const first = stateOf(startForm(petsFlow, context()));
    const back = backForm(petsFlow, first, context());
    expect(back.state).toEqual(first);
    expect(keys(back)).toEqual(['form.noBack', 'form.progress', 'pets.name.prompt']);
  });

  it('lets /skip leave out only an optional question', () => {
    const atPet = stateOf(reach(petsFlow, [text('Rex')]));
    const refused = skipForm(petsFlow, atPet, context());
    expect(refused.state).toEqual(atPet);
    expect(keys(refused)[0]).toBe('form.cannotSkip');

    const atPetName = reach(petsFlow, [text('Rex'), press('cat')]);
    expect(atPetName.messages[0]?.choices).toEqual([{ value: '@skip', label: t('form.skip') }]);
    const skipped = skipForm(petsFlow, stateOf(atPetName), context());
    expect(stateOf(skipped)).toMatchObject({ stepId: 'food', answers: { name: 'Rex', pet: 'cat' } });
    expect(stateOf(skipped).answers).not.toHaveProperty('petName');
  });

  it('takes the Skip button, or the word Skip typed, as /skip on an optional question', () => {
    expect(stateOf(reach(petsFlow, [text('Rex'), press('cat'), press('@skip')])).stepId).toBe('food');
    expect(stateOf(reach(petsFlow, [text('Rex'), press('cat'), text(' skip ')])).stepId).toBe('food');
  });

  it.each([
    ['words that are no option', text('a parrot'), 'errors.pickOption'],
    ['a number beyond the options', text('4'), 'errors.pickOption'],
    ['a button of another question', press('fish'), 'errors.oldButton'],
    ['an empty message', text('   '), 'errors.empty'],
  ])('re-asks a choice after %s, with the state unchanged', (_name, reply, error) => {
    const atPet = stateOf(reach(petsFlow, [text('Rex')]));
    const result = answerForm(petsFlow, atPet, reply, context());
    expect(result.state).toEqual(atPet);
    expect(result.effects).toEqual([]);
    expect(keys(result)).toEqual([error, 'form.progress', 'pets.pet.prompt']);
  });

  it('re-asks a text that is too long with the limit named', () => {
    const first = stateOf(startForm(petsFlow, context()));
    const result = answerForm(petsFlow, first, text('Maximilian the Great'), context());
    expect(result.state).toEqual(first);
    expect(result.messages[0]?.lines[0]).toEqual(t('errors.tooLong', { max: 10, count: 10 }));
  });

  it.each([
    ['its number', text('2')],
    ['its words, in any case and spacing', text('  DOG ')],
    ['its button', press('dog')],
  ])('accepts an option by %s', (_name, reply) => {
    expect(stateOf(reach(petsFlow, [text('Rex'), reply])).answers.pet).toBe('dog');
  });

  it('picks a multiple choice one tap at a time, a second tap takes one back, until Done', () => {
    const atFood = reach(petsFlow, [text('Rex'), press('none')]);
    expect(keys(atFood).at(-1)).toBe('form.multiHint');
    // Done comes once something is picked: in a typed list it would read as one more option.
    expect(atFood.messages[0]?.choices?.map((c) => c.value)).toEqual(['fish', 'meat', 'greens']);

    const tapped = reach(petsFlow, [text('Rex'), press('none'), press('fish'), press('greens'), press('meat'), press('fish')]);
    expect(stateOf(tapped)).toMatchObject({ stepId: 'food', picked: ['greens', 'meat'] });
    expect(stateOf(tapped).answers).not.toHaveProperty('food');
    expect(tapped.messages[0]?.lines.at(-1)).toEqual(t('form.picked', { items: [t('pets.food.greens'), t('pets.food.meat')] }));
    expect(tapped.messages[0]?.choices?.map((c) => c.value)).toEqual(['fish', 'meat', 'greens', '@done']);

    const done = answerForm(petsFlow, stateOf(tapped), press('@done'), context());
    expect(stateOf(done)).toMatchObject({ stepId: REVIEW, answers: { food: ['greens', 'meat'] }, picked: [] });
  });

  it('refuses Done before anything is picked', () => {
    const atFood = stateOf(reach(petsFlow, [text('Rex'), press('none')]));
    const result = answerForm(petsFlow, atFood, text('done'), context());
    expect(result.state).toEqual(atFood);
    expect(keys(result)[0]).toBe('errors.pickOptions');
  });

  it('takes several options typed at once, by number or by words', () => {
    expect(stateOf(reach(petsFlow, [text('Rex'), press('none'), text('1, 3')])).answers.food).toEqual(['fish', 'greens']);
    expect(stateOf(reach(petsFlow, [text('Rex'), press('none'), text('meat; fish')])).answers.food).toEqual(['meat', 'fish']);
    const wrong = reach(petsFlow, [text('Rex'), press('none'), text('1, 7')]);
    expect(stateOf(wrong).stepId).toBe('food');
    expect(keys(wrong)[0]).toBe('errors.pickOptions');
  });

  const ANSWERED = [text('Rex'), press('dog'), text('Fido'), text('1')];

  it('shows a summary of the answers, in the order asked, with Send and Change', () => {
    const review = reach(petsFlow, ANSWERED);
    expect(stateOf(review).stepId).toBe(REVIEW);
    expect(review.messages).toEqual([
      {
        lines: [
          t('pets.review'),
          t('form.summaryLine', { question: t('pets.name.label'), answer: 'Rex' }),
          t('form.summaryLine', { question: t('pets.pet.label'), answer: t('pets.pet.dog') }),
          t('form.summaryLine', { question: t('pets.petName.label'), answer: 'Fido' }),
          t('form.summaryLine', { question: t('pets.food.label'), answer: [t('pets.food.fish')] }),
          t('form.reviewQuestion'),
        ],
        choices: [
          { value: '@submit', label: t('form.submit'), means: 'yes' },
          { value: CHANGE, label: t('form.change') },
        ],
      },
    ]);
  });

  it('lets an answer be changed from the summary and comes back to the summary', () => {
    const change = reach(petsFlow, [...ANSWERED, press(CHANGE)]);
    expect(stateOf(change).stepId).toBe(CHANGE);
    expect(change.messages[0]?.choices?.map((c) => c.value)).toEqual(['name', 'pet', 'petName', 'food', REVIEW]);

    const editing = reach(petsFlow, [...ANSWERED, press(CHANGE), text('1')]);
    expect(stateOf(editing)).toMatchObject({ stepId: 'name', editing: true });

    const changed = reach(petsFlow, [...ANSWERED, press(CHANGE), text('1'), text('Bella')]);
    expect(stateOf(changed)).toMatchObject({ stepId: REVIEW, editing: false, answers: { name: 'Bella', pet: 'dog', petName: 'Fido' } });
    expect(changed.messages[0]?.lines[1]).toEqual(t('form.summaryLine', { question: t('pets.name.label'), answer: 'Bella' }));
  });

  it('goes back to the summary unchanged on "Nothing, go back"', () => {
    const review = stateOf(reach(petsFlow, ANSWERED));
    const back = reach(petsFlow, [...ANSWERED, press(CHANGE), press(REVIEW)]);
    expect(back.state).toEqual(review);
  });

  it('asks an optional question that a changed answer made apply, and not one skipped before', () => {
    const noPet = [text('Rex'), press('none'), text('1')];
    const changed = reach(petsFlow, [...noPet, press(CHANGE), press('pet'), press('dog')]);
    expect(stateOf(changed)).toMatchObject({ stepId: 'petName', editing: true });
    const named = reach(petsFlow, [...noPet, press(CHANGE), press('pet'), press('dog'), text('Fido')]);
    expect(stateOf(named)).toMatchObject({ stepId: REVIEW, answers: { pet: 'dog', petName: 'Fido' } });

    const skipped = [text('Rex'), press('dog'), press('@skip'), text('1')];
    const renamed = reach(petsFlow, [...skipped, press(CHANGE), press('name'), text('Bella')]);
    expect(stateOf(renamed).stepId).toBe(REVIEW);
  });

  it('leaves out an answer whose question no longer applies after a change', () => {
    const changed = reach(petsFlow, [...ANSWERED, press(CHANGE), press('pet'), press('none')]);
    expect(stateOf(changed).stepId).toBe(REVIEW);
    expect(changed.messages[0]?.lines.map((l) => l.params?.question)).not.toContainEqual(t('pets.petName.label'));
    const sent = answerForm(petsFlow, stateOf(changed), press('@submit'), context());
    expect(sent.effects).toEqual([{ type: 'submitApplication', answers: { name: 'Rex', pet: 'none', food: ['fish'] }, flags: [] }]);
  });

  it('re-asks the summary when the reply is neither Send nor Change', () => {
    const review = stateOf(reach(petsFlow, ANSWERED));
    const result = answerForm(petsFlow, review, text('maybe'), context());
    expect(result.state).toEqual(review);
    expect(keys(result)[0]).toBe('errors.pickOption');
  });

  it("submits with the flow's effects and its closing words, and ends", () => {
    const sent = reach(petsFlow, [...ANSWERED, text('yes, send it')], context(), { poster: 'apply' });
    expect(sent.state).toBeNull();
    expect(sent.effects).toEqual([{ type: 'submitApplication', answers: { name: 'Rex', pet: 'dog', petName: 'Fido', food: ['fish'] }, flags: ['poster'] }]);
    expect(sent.messages).toEqual([{ lines: [t('pets.thanks')] }]);
  });
});

describe('the meeting flow, run as plain data', () => {
  const given = { pair: 7, partner: 'Olena', since: '2026-11-02' };
  const keyCtx = (now?: Date): FlowContext => ({ ...context(now), translate: (text: Text) => text.key });

  it('asks when, how and what about, and logs the meeting on today', () => {
    const started = startForm(meetingFlow, keyCtx(), given);
    expect(started.messages[0]?.lines).toEqual([t('form.progress', { n: 1, total: 3 }), t('meeting.when.prompt', { name: 'Olena' })]);
    const done = reach(meetingFlow, [press('today'), text('2'), text('1, 3')], keyCtx(), given);
    expect(done.state).toBeNull();
    expect(done.effects).toEqual([{ type: 'logMeeting', pairId: 7, day: '2026-11-12', mode: 'video', topics: ['cv', 'interview'] }]);
    expect(done.messages).toEqual([{ lines: [t('meeting.thanks')] }]);
  });

  it('takes "today" in the programme\'s time zone, not in UTC', () => {
    // 23:30 UTC on 11 November is half past midnight on 12 November in Oslo.
    const done = reach(meetingFlow, [press('yesterday'), press('phone'), press('cv'), press('@done')], keyCtx(new Date('2026-11-11T23:30:00Z')), given);
    expect(done.effects).toEqual([{ type: 'logMeeting', pairId: 7, day: '2026-11-11', mode: 'phone', topics: ['cv'] }]);
  });

  it("asks for the day only for another day, and refuses one outside the pair's time", () => {
    const atDay = reach(meetingFlow, [press('other')], keyCtx(), given);
    // A follow-up question has no number: the count of questions stays 3.
    expect(atDay.messages[0]?.lines).toEqual([t('meeting.day.prompt')]);
    const future = answerForm(meetingFlow, stateOf(atDay), text('14.11'), keyCtx());
    expect(future.state).toEqual(atDay.state);
    expect(future.messages[0]?.lines[0]).toEqual(t('errors.dateRange', { min: '2026-11-02', max: '2026-11-12' }));
    const impossible = answerForm(meetingFlow, stateOf(atDay), text('31.02'), keyCtx());
    expect(impossible.messages[0]?.lines[0]).toEqual(t('errors.needDate'));

    const done = reach(meetingFlow, [press('other'), text('5.11'), press('inPerson'), text('8')], keyCtx(), given);
    expect(done.effects).toEqual([{ type: 'logMeeting', pairId: 7, day: '2026-11-05', mode: 'inPerson', topics: ['other'] }]);
  });
});
