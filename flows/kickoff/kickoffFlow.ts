import { z } from 'zod';
import { defineFlow } from '../defineFlow';
import { givenPartner, partnerGiven } from '../givenPartner';
import { t } from '../../src/text/messages';
import { choices, multi, question } from '../questions';

/** How often a pair may choose to meet, the least frequent first. */
export const MEETING_FREQUENCIES = ['monthly', 'twiceMonthly', 'weekly'] as const;

/**
 * The start of a pair, for each member separately: the key expectation, how often they will meet,
 * how they keep in touch, and the end date. Given: `pair`, `partner` (the other's first name),
 * `endsOn` (YYYY-MM-DD) and `side` (which member answers).
 */
export const kickoffFlow = defineFlow({
  // `side` is absent in a state stored before it was given: the general words then.
  given: z.object({ ...partnerGiven, pair: z.coerce.number(), endsOn: z.string().default(''), side: z.enum(['mentee', 'mentor']).optional() }),
  id: 'kickoff',
  version: 1,
  steps: (_ctx, given) => [
    question('kickoff', 'expectations', {
      // The mentee reads the expectation addressed to her: her mentor, her goals.
      prompt: [t('kickoff.intro', { name: givenPartner(given) }), t(given.side === 'mentee' ? 'kickoff.expectations.promptMentee' : 'kickoff.expectations.prompt')],
      input: choices('kickoff.options.expectations', ['agree']),
    }),
    question('kickoff', 'frequency', {
      input: choices('kickoff.options.frequency', [...MEETING_FREQUENCIES]),
    }),
    question('kickoff', 'contact', {
      input: multi('kickoff.options.contact', ['chat', 'phone', 'video', 'email', 'inPerson']),
    }),
    {
      id: 'endDate',
      prompt: [t('kickoff.endDate', { date: given.endsOn })],
      input: { kind: 'none', continueLabel: t('kickoff.endDateOk') },
    },
  ],
  review: { intro: t('kickoff.review') },
  submit: (answers, _ctx, given) => ({
    effects: [{ type: 'kickoff', pairId: given.pair, answers }],
    lines: [t('kickoff.thanks')],
  }),
});
