import { z } from 'zod';
import { defineFlow } from '../defineFlow';
import { t } from '../../src/text/messages';
import { question } from '../questions';

/**
 * After "not sure" or "no" to the early fit check: a few words for the coordinators, if the person
 * wants to give them. Given: `pair`.
 */
export const fitWordFlow = defineFlow({
  given: z.object({ pair: z.coerce.number() }),
  id: 'fitWord',
  version: 1,
  steps: () => [question('fitCheck', 'word', { input: { kind: 'text', maxLength: 500 }, optional: true })],
  submit: (answers, _ctx, given) => ({
    effects: typeof answers.word === 'string' ? [{ type: 'fitWord', pairId: given.pair, word: answers.word }] : [],
    lines: [t('fitCheck.wordThanks')],
  }),
});
