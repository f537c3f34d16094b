import { z } from 'zod';
import { defineFlow } from '../defineFlow';
import { givenPartner, partnerGiven } from '../givenPartner';
import { t } from '../../src/text/messages';
import { MEETING_TOPICS } from '../meeting/meetingFlow';
import { choices, multi, opt, question, TEXT } from '../questions';
import type { Step } from '../types';

const OBSTACLES = ['busy', 'noNeed', 'gotJob', 'mismatch', 'health', 'away', 'other'];
const GOAL_PROGRESS = ['notStarted', 'started', 'done'];

/**
 * A member's monthly check-in: did they meet since last time, and how often; what got in the way or
 * what they talked about; how each of the mentee's goals is going; how the relationship is going
 * (1–5); whether the coordinator should get in touch; and a note. Given: `checkin`, `partner`,
 * `since` (YYYY-MM-DD), `loggedBy` (`me` or `partner` when `since` is the day of a logged meeting,
 * so the question says what Kompis knows), and the mentee's active goals as `goalIds` and `goalTexts`.
 */
export const checkinFlow = defineFlow({
  given: z.object({
    ...partnerGiven,
    since: z.string().default(''),
    loggedBy: z.enum(['me', 'partner', '']).catch(''),
    checkin: z.coerce.number(),
    goalIds: z.array(z.string()).catch([]),
    goalTexts: z.array(z.string()).catch([]),
  }),
  id: 'checkin',
  version: 1,
  steps: (_ctx, given) => [
    question('checkin', 'met', {
      prompt: [
        t('checkin.intro', { name: givenPartner(given) }),
        t(given.loggedBy === '' ? 'checkin.met.prompt' : `checkin.met.afterLog.${given.loggedBy}`, { name: givenPartner(given), date: given.since }),
      ],
      input: choices('checkin.options.met', ['none', 'once', 'twice', 'more']),
    }),
    question('checkin', 'obstacle', {
      input: choices('checkin.options.obstacle', OBSTACLES),
      optional: true,
      // Not meeting again within days of a logged meeting needs no reason.
      when: (a) => a.met === 'none' && given.loggedBy === '',
    }),
    question('checkin', 'topics', {
      input: multi('meeting.options.topics', MEETING_TOPICS),
      when: (a) => a.met !== undefined && a.met !== 'none',
    }),
    ...goalSteps(given.goalIds, given.goalTexts),
    question('checkin', 'rating', {
      input: { kind: 'choice', options: [1, 2, 3, 4, 5].map((n) => opt(String(n), `checkin.options.rating.${n}`)) },
    }),
    question('checkin', 'contact', { input: choices('checkin.options.contact', ['yes', 'no']) }),
    question('checkin', 'note', { input: TEXT, optional: true }),
  ],
  submit: (answers, _ctx, given) => ({
    effects: [{ type: 'checkin', checkinId: given.checkin, answers }],
    lines: [t(answers.contact === 'yes' ? 'checkin.thanksContact' : 'checkin.thanks')],
  }),
});

/** One question per goal of the mentee: not started, working on it, or done. */
function goalSteps(goalIds: string[], goalTexts: string[]): Step[] {
  return goalIds.map((id, i) => ({
    id: `goal${id}`,
    prompt: [t('checkin.goal.prompt', { goal: goalTexts[i] ?? '' })],
    label: t('checkin.goal.label', { goal: goalTexts[i] ?? '' }),
    input: choices('checkin.options.goal', GOAL_PROGRESS),
  }));
}
