import { and, eq, lte } from 'drizzle-orm';
import { applications } from '../../db/schema';
import { notify } from '../conversation/notify';
import { stillInterestedQuestion } from '../people/stillInterested';
import { daysBetween } from '../text/calendar';
import { daysAgo, type JobContext } from './job';
import { stillWaitingSql } from './pairJobs';

/**
 * Every `stillInterestedDays` on the waiting list, the applicant is asked kindly whether they are
 * still interested. The key names the application, the day it was put on the list and which time
 * this is, so each question goes once; after a stop only the latest one due is sent.
 */
export function askWaitlisted(j: JobContext): void {
  const every = j.programme.thresholds.stillInterestedDays;
  const waiting = j.tx
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.programmeId, j.programme.id),
        eq(applications.status, 'waitlisted'),
        lte(applications.updatedAt, daysAgo(j.now, every)),
        // A waitlisted applicant who was proposed a mentor is no longer waiting.
        stillWaitingSql(),
      ),
    )
    .all();
  for (const application of waiting) {
    const since = j.dayOf(application.updatedAt);
    const time = Math.floor(daysBetween(since, j.today) / every);
    if (time < 1) continue;
    const asked = notify(
      j.tx,
      j.programme,
      { participantId: application.participantId, message: stillInterestedQuestion(application.id), dedupeKey: `stillInterested:${application.id}:${since}:${time}` },
      j.now,
    );
    // The question stays open, answerable by its number or words after any command, until answered.
    if (asked) j.tx.update(applications).set({ interestAskedAt: j.now.toISOString() }).where(eq(applications.id, application.id)).run();
  }
}
