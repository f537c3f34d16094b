import { z } from 'zod';
import { defineFlow } from '../defineFlow';
import { t } from '../../src/text/messages';
import { choices, opt, question, SHORT_TEXT } from '../questions';
import { oneLine } from '../../src/text/oneLine';
import type { Answers, FlowContext, Input, Step } from '../types';

export const MAX_STEPS = 5;

const GOAL_TYPES = ['relevantJob', 'anyJob', 'education', 'business', 'society', 'network'];

/**
 * The mentee's goals: the end goal (the one from the application, kept or changed; or what kind, and
 * in their own words), then one to five steps towards it, each with a target month. Given: the
 * application's `goal` and `goalType`, when it has them, and the pair's end date `endsOn`.
 */
export const goalsFlow = defineFlow({
  given: z.object({ goal: z.string().catch(''), goalType: z.string().catch(''), endsOn: z.string().catch('') }),
  id: 'goals',
  version: 1,
  steps: (ctx, given) => [
    ...(applicationGoal(given)
      ? [
          question('goals', 'keep', {
            prompt: [t('goals.keep.prompt', { goal: oneLine(given.goal), type: t(`intake.options.goalType.${given.goalType}`) })],
            label: t('goals.keep.label', { goal: oneLine(given.goal) }),
            // "Yes, keep it" and "No, write a new one": the language's usual yes and no answer them.
            input: {
              kind: 'choice',
              options: [
                { ...opt('keep', 'goals.keep.options.keep'), means: 'yes' },
                { ...opt('change', 'goals.keep.options.change'), means: 'no' },
              ],
            },
          }),
        ]
      : []),
    question('goals', 'endType', { input: choices('intake.options.goalType', GOAL_TYPES), when: (a) => a.keep !== 'keep' }),
    question('goals', 'endText', { input: SHORT_TEXT, when: (a) => a.keep !== 'keep' }),
    ...Array.from({ length: MAX_STEPS }, (_, i) => stepQuestions(i + 1, months(ctx, given.endsOn))).flat(),
  ],
  review: { intro: t('goals.review') },
  submit: (answers, _ctx, given) => ({
    effects: [
      {
        type: 'setGoals',
        end:
          answers.keep === 'keep' && applicationGoal(given)
            ? { goalType: given.goalType, text: oneLine(given.goal) }
            : { goalType: String(answers.endType), text: String(answers.endText) },
        steps: Array.from({ length: MAX_STEPS }, (_, i) => i + 1)
          .filter((n) => answers[`step${n}`] !== undefined)
          .map((n) => ({ text: String(answers[`step${n}`]), month: String(answers[`month${n}`]) })),
      },
    ],
    lines: [t('goals.saved')],
  }),
});

/** Whether the application's goal can be kept as the end goal: it has a known type and fits a goal's length. */
function applicationGoal(given: { goal: string; goalType: string }): boolean {
  const text = oneLine(given.goal);
  return text !== '' && text.length <= SHORT_TEXT.maxLength && GOAL_TYPES.includes(given.goalType);
}

function stepQuestions(n: number, monthChoice: Input): Step[] {
  const asked = (a: Answers) => n === 1 || a[`more${n - 1}`] === 'yes';
  return [
    {
      id: `step${n}`,
      prompt: [t(n === 1 ? 'goals.step.first' : 'goals.step.next', { n })],
      label: t('goals.step.label', { n }),
      input: SHORT_TEXT,
      when: asked,
    },
    { id: `month${n}`, prompt: [t('goals.month.prompt')], label: t('goals.month.label', { n }), input: monthChoice, when: asked },
    ...(n < MAX_STEPS
      ? [
          {
            id: `more${n}`,
            prompt: [t('goals.more.prompt')],
            input: { kind: 'choice', options: [opt('yes', 'goals.more.yes'), opt('no', 'goals.more.no')] } as Input,
            when: asked,
          },
        ]
      : []),
  ];
}

/**
 * The choice of a target month (YYYY-MM): the next twelve months, but none after the month the pair
 * ends (`endsOn`, a day; empty when not known). A pair ending this month is offered this month.
 */
export function months(ctx: FlowContext, endsOn: string): Input {
  const now = ctx.now;
  const last = endsOn.slice(0, 7);
  const month = (i: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1)).toISOString().slice(0, 7);
  const next = Array.from({ length: 12 }, (_, i) => month(i + 1)).filter((m) => last === '' || m <= last);
  return {
    kind: 'choice',
    options: (next.length > 0 ? next : [month(0)]).map((m) => ({ value: m, label: t('goals.month.name', { month: m }) })),
  };
}
