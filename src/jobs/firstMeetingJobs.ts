import { and, eq, gte } from 'drizzle-orm';
import { firstMeetings, pairs } from '../../db/schema';
import { notify } from '../conversation/notify';
import { coordinatorsOf, participant, personNameOf } from '../people/people';
import { addDays } from '../text/calendar';
import { t } from '../text/messages';
import { personLabel } from '../text/personText';
import { agreedFirstMeeting, answerMessage, firstMetOn, inviteMessage, openFirstMeeting, pairsStartedBetween, planLines } from '../pairs/firstMeeting';
import { partnerOf } from '../pairs/pairs';
import { daysAgo, type JobContext } from './job';

/** How many days after it fell due a prompt or a check is still sent (after Kompis was stopped); older pairs are left alone. */
export const CATCH_UP_DAYS = 7;

/**
 * `kickoff.firstMeetingPromptDays` after a pair started with no first meeting agreed and none logged,
 * one more word: to the member who has a proposal to answer, else to the mentor to propose one.
 */
export function promptFirstMeetings(j: JobContext): void {
  const days = j.programme.kickoff.firstMeetingPromptDays;
  const started = pairsStartedBetween(j.tx, j.programme.id, daysAgo(j.now, days + CATCH_UP_DAYS), daysAgo(j.now, days));
  for (const pair of started) {
    if (agreedFirstMeeting(j.tx, pair.id) || firstMetOn(j.tx, pair.id) !== undefined) continue;
    const open = openFirstMeeting(j.tx, pair.id);
    const notice = open
      ? { participantId: partnerOf(pair, open.proposedBy), message: answerMessage(j.tx, pair, open, 'firstMeeting.proposedAgain') }
      : { participantId: pair.mentorId, message: inviteMessage(j.tx, pair, 'firstMeeting.inviteAgain') };
    notify(j.tx, j.programme, { ...notice, dedupeKey: `first-meeting-prompt:${pair.id}` }, j.now);
  }
}

/**
 * Both members (and the coordinators, when one joins first meetings) are reminded of an agreed first
 * meeting the day before, or on the day when Kompis was stopped the day before; not when it was agreed
 * only the day before, and not once the pair logged a meeting. Once per agreement: the key names it.
 */
export function remindFirstMeetings(j: JobContext): void {
  const agreed = j.tx
    .select({ plan: firstMeetings, pair: pairs })
    .from(firstMeetings)
    .innerJoin(pairs, eq(pairs.id, firstMeetings.pairId))
    .where(and(eq(pairs.programmeId, j.programme.id), eq(pairs.status, 'active'), eq(firstMeetings.status, 'agreed'), gte(firstMeetings.day, j.today)))
    .all();
  for (const { plan, pair } of agreed) {
    const dayBefore = addDays(plan.day, -1);
    if (j.today < dayBefore || j.dayOf(plan.agreedAt ?? plan.proposedAt) >= dayBefore || firstMetOn(j.tx, pair.id) !== undefined) continue;
    for (const memberId of [pair.menteeId, pair.mentorId]) {
      const otherId = partnerOf(pair, memberId);
      const message = {
        lines: [t('firstMeeting.reminder', { name: personNameOf(j.tx, otherId) }), ...planLines(plan)],
        about: [otherId],
      };
      notify(j.tx, j.programme, { participantId: memberId, message, dedupeKey: `first-meeting-reminder:${plan.id}:${memberId}` }, j.now);
    }
    if (!j.programme.kickoff.coordinatorJoins) continue;
    const label = (id: number) => personLabel(participant(j.tx, id) ?? { id, name: null });
    const message = {
      lines: [t('firstMeeting.reminderForCoordinator', { pair: pair.id, mentee: label(pair.menteeId), mentor: label(pair.mentorId) }), ...planLines(plan)],
      about: [pair.menteeId, pair.mentorId],
    };
    for (const coordinator of coordinatorsOf(j.tx, j.programme.id)) {
      notify(j.tx, j.programme, { participantId: coordinator, message, dedupeKey: `first-meeting-reminder:${plan.id}:${coordinator}` }, j.now);
    }
  }
}
