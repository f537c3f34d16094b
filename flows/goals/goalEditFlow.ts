import { z } from 'zod';
import { defineFlow } from '../defineFlow';
import { t } from '../../src/text/messages';
import { question, SHORT_TEXT, TEXT } from '../questions';
import { months } from './goalsFlow';

/**
 * One goal at a time. Given `action`: `change` (new words or month, and why), `drop` (why), or
 * `propose` (a mentor suggests a step; the mentee decides). `goal` is the goal's id and `text` its words;
 * `endsOn` the pair's end date, after which no month is offered.
 */
export const goalEditFlow = defineFlow({
  given: z.discriminatedUnion('action', [
    z.object({ action: z.literal('propose'), pair: z.coerce.number(), endsOn: z.string().catch('') }),
    z.object({ action: z.enum(['change', 'drop']), goal: z.coerce.number(), text: z.string().default(''), endsOn: z.string().catch('') }),
  ]),
  id: 'goalEdit',
  version: 1,
  steps: (ctx, given) => {
    if (given.action === 'propose') {
      return [question('goals', 'proposeText', { input: SHORT_TEXT }), question('goals', 'proposeMonth', { prompt: [t('goals.month.prompt')], input: months(ctx, given.endsOn) })];
    }
    const goal = given.text;
    if (given.action === 'drop') {
      return [question('goals', 'dropReason', { prompt: [t('goals.dropReason.prompt', { goal })], input: TEXT })];
    }
    return [
      question('goals', 'newText', { prompt: [t('goals.newText.prompt', { goal })], input: SHORT_TEXT, optional: true }),
      question('goals', 'newMonth', { prompt: [t('goals.month.prompt')], input: months(ctx, given.endsOn), optional: true }),
      question('goals', 'changeReason', { input: TEXT }),
    ];
  },
  submit: (answers, _ctx, given) => {
    if (given.action === 'propose') {
      return {
        effects: [
          {
            type: 'proposeGoal',
            pairId: given.pair,
            text: String(answers.proposeText),
            month: String(answers.proposeMonth),
          },
        ],
        lines: [t('goals.proposed')],
      };
    }
    const goalId = given.goal;
    if (given.action === 'drop') {
      return { effects: [{ type: 'dropGoal', goalId, reason: String(answers.dropReason) }], lines: [t('goals.dropped')] };
    }
    return {
      effects: [
        {
          type: 'changeGoal',
          goalId,
          text: answers.newText === undefined ? undefined : String(answers.newText),
          month: answers.newMonth === undefined ? undefined : String(answers.newMonth),
          reason: String(answers.changeReason),
        },
      ],
      lines: [t('goals.changed')],
    };
  },
});
