import { and, eq } from 'drizzle-orm';
import { fitChecks } from '../../db/schema';
import { notify } from '../conversation/notify';
import { participant } from '../people/people';
import { addDays } from '../text/calendar';
import { agreedFirstMeeting, firstMetOn, pairsStartedBetween } from '../pairs/firstMeeting';
import { fitQuestion } from '../pairs/fitCheck';
import { partnerOf } from '../pairs/pairs';
import { CATCH_UP_DAYS } from './firstMeetingJobs';
import { daysAgo, type JobContext } from './job';

/**
 * The early fit check: `fitCheck.afterFirstMeetingDays` after the first meeting (the first one
 * logged, else the day agreed) or `fitCheck.afterStartDays` after the pair started, whichever comes
 * first, each member is asked privately whether the match is good. Once per member and pair (the
 * key); not again after they answered.
 */
export function askFitChecks(j: JobContext): void {
  const { afterFirstMeetingDays, afterStartDays } = j.programme.fitCheck;
  const started = pairsStartedBetween(j.tx, j.programme.id, daysAgo(j.now, afterStartDays + CATCH_UP_DAYS), j.now.toISOString());
  for (const pair of started) {
    const met = firstMetOn(j.tx, pair.id) ?? agreedFirstMeeting(j.tx, pair.id)?.day;
    const byStart = addDays(j.dayOf(pair.activatedAt ?? ''), afterStartDays);
    const due = met !== undefined && addDays(met, afterFirstMeetingDays) < byStart ? addDays(met, afterFirstMeetingDays) : byStart;
    if (j.today < due) continue;
    for (const memberId of [pair.menteeId, pair.mentorId]) {
      const answered = j.tx
        .select({ id: fitChecks.id })
        .from(fitChecks)
        .where(and(eq(fitChecks.pairId, pair.id), eq(fitChecks.participantId, memberId)))
        .get();
      if (answered) continue;
      const message = fitQuestion(pair, memberId, participant(j.tx, partnerOf(pair, memberId))?.name ?? null);
      notify(j.tx, j.programme, { participantId: memberId, message, dedupeKey: `fit-check:${pair.id}:${memberId}` }, j.now);
    }
  }
}
