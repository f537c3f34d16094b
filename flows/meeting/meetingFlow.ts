import { z } from 'zod';
import { defineFlow } from '../defineFlow';
import { addDays, localDay } from '../../src/text/calendar';
import { givenPartner, partnerGiven } from '../givenPartner';
import { t } from '../../src/text/messages';
import { choices, multi, question } from '../questions';

const MEETING_MODES = ['inPerson', 'video', 'phone'] as const;
export const MEETING_TOPICS = ['cv', 'applications', 'interview', 'network', 'culture', 'language', 'education', 'other'];

/**
 * `/met`: a meeting of the pair, in three questions: when, how, and what about. Given: `pair`,
 * `partner` (the other's first name) and `since` (the first day a meeting can be logged for).
 */
export const meetingFlow = defineFlow({
  given: z.object({ ...partnerGiven, pair: z.coerce.number(), since: z.string().default('2000-01-01') }),
  id: 'meeting',
  version: 1,
  steps: (ctx, given) => [
    question('meeting', 'when', {
      prompt: [t('meeting.when.prompt', { name: givenPartner(given) })],
      input: choices('meeting.options.when', ['today', 'yesterday', 'other']),
    }),
    question('meeting', 'day', {
      input: { kind: 'date', min: given.since, max: localDay(ctx.now, ctx.programme.timezone) },
      when: (a) => a.when === 'other',
    }),
    question('meeting', 'mode', { input: choices('meeting.options.mode', [...MEETING_MODES]) }),
    question('meeting', 'topics', { input: multi('meeting.options.topics', MEETING_TOPICS) }),
  ],
  submit: (answers, ctx, given) => {
    const today = localDay(ctx.now, ctx.programme.timezone);
    const day = answers.when === 'today' ? today : answers.when === 'yesterday' ? addDays(today, -1) : String(answers.day);
    const topics = Array.isArray(answers.topics) ? answers.topics : [];
    return {
      effects: [{ type: 'logMeeting', pairId: given.pair, day, mode: String(answers.mode), topics }],
      lines: [t('meeting.thanks')],
    };
  },
});
