import { z } from 'zod';
import { defineFlow } from '../defineFlow';
import { addDays, localDay } from '../../src/text/calendar';
import { givenPartner, partnerGiven } from '../givenPartner';
import { t } from '../../src/text/messages';
import { opt, question, SHORT_TEXT } from '../questions';
import type { Answers } from '../types';

/** The times offered for a first meeting; any other is typed in the person's words. */
export const MEETING_TIMES = ['09:00', '12:00', '15:00', '17:00', '19:00'];
/** How many of the next days are offered as buttons; any later day is typed. */
const DAYS_OFFERED = 6;
/** How far ahead a first meeting may be proposed. */
const LATEST_DAY = 60;

/**
 * The first meeting of a pair, proposed by one member: a day (one of the next few, or typed), a time
 * (one offered, or in their words) and a place in their words, or a video call. Given: `pair`,
 * `partner` (the other's first name).
 */
export const firstMeetingFlow = defineFlow({
  given: z.object({ ...partnerGiven, pair: z.coerce.number() }),
  id: 'firstMeeting',
  version: 1,
  steps: (ctx, given) => {
    const today = localDay(ctx.now, ctx.programme.timezone);
    const days = Array.from({ length: DAYS_OFFERED }, (_, i) => addDays(today, i + 1));
    return [
      question('firstMeeting', 'day', {
        prompt: [t('firstMeeting.day.prompt', { name: givenPartner(given) })],
        input: {
          kind: 'choice',
          options: [...days.map((day) => ({ value: day, label: t('firstMeeting.options.day', { date: day }) })), opt('other', 'firstMeeting.options.otherDay')],
        },
      }),
      question('firstMeeting', 'otherDay', {
        input: { kind: 'date', min: addDays(today, 1), max: addDays(today, LATEST_DAY) },
        when: (a) => a.day === 'other',
      }),
      question('firstMeeting', 'time', {
        input: {
          kind: 'choice',
          options: [...MEETING_TIMES.map((time) => ({ value: time, label: t('firstMeeting.options.time', { time }) })), opt('other', 'firstMeeting.options.otherTime')],
        },
      }),
      question('firstMeeting', 'otherTime', { input: { kind: 'text', maxLength: 40 }, when: (a) => a.time === 'other' }),
      question('firstMeeting', 'place', {
        input: { kind: 'choice', options: [opt('video', 'firstMeeting.options.video'), opt('place', 'firstMeeting.options.place')] },
      }),
      question('firstMeeting', 'where', { input: SHORT_TEXT, when: (a) => a.place === 'place' }),
    ];
  },
  review: { intro: t('firstMeeting.review') },
  submit: (answers, _ctx, given) => ({
    effects: [{ type: 'proposeFirstMeeting', pairId: given.pair, ...plan(answers) }],
    lines: [t('firstMeeting.sent', { name: givenPartner(given) })],
  }),
});

function plan(answers: Answers): { day: string; time: string; place: string | null } {
  return {
    day: String(answers.day === 'other' ? answers.otherDay : answers.day),
    time: String(answers.time === 'other' ? answers.otherTime : answers.time),
    place: answers.place === 'place' ? String(answers.where) : null,
  };
}
