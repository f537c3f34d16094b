import { and, eq, gt, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { applications, pairs, participants, surveyInvitations } from '../../db/schema';
import { addMonths } from '../text/calendar';
import { hasConsent } from '../privacy/consents';
import { surveyInvitation } from '../evaluation/evaluation';
import { notify } from '../conversation/notify';
import { openPairOf } from '../pairs/pairs';
import { canUndoEnd } from '../pairs/pairCommands';
import { daysAgo, type JobContext } from './job';

/**
 * The evaluation's invitations: the end surveys when a pair that ran has completed or ended early
 * (mentee, mentor, and WHO-5 for the mentee when the programme asks it), the mentee's follow-ups the
 * configured months after the end (only with their consent; an end a coordinator can still undo
 * waits), and WHO-5 after an application when the programme asks it. Each once: the invitation row
 * and the message key see to that.
 *
 * Nothing has a window: what fell due while Kompis was stopped, however long, goes out at the next
 * run. Only what a later survey makes stale is left out: of the follow-ups due, only the latest goes;
 * once one is due, it replaces the mentee's end survey (it asks the same outcomes, and nobody is
 * asked to look back twice at once); and the WHO-5 baseline goes only before the person's first pair
 * has ended.
 */
export function sendSurveys(j: JobContext): void {
  const { surveys } = j.programme;
  const ended = j.tx
    .select()
    .from(pairs)
    .where(and(eq(pairs.programmeId, j.programme.id), inArray(pairs.status, ['completed', 'ended']), isNotNull(pairs.activatedAt), isNotNull(pairs.endedAt)))
    .all();
  for (const pair of ended) {
    // A coordinator can undo an end for a day: its surveys wait until it stands.
    if (canUndoEnd(pair, j.now)) continue;
    // Ended early to find the mentee another mentor: nobody is asked to look back on a match that did not fit.
    if (pair.rematchedAt !== null) continue;
    const endDay = j.dayOf(pair.endedAt ?? '');
    // A mentee who is matched again is asked at the end of the new pair, not twice.
    const rematched = openPairOf(j.tx, pair.menteeId) !== undefined || hasLaterPair(j, pair);
    // Months later the programme writes only to people who said yes to it (and have not withdrawn).
    const followUp = rematched || !hasConsent(j.tx, pair.menteeId, 'followUp') ? undefined : latestFollowUpDue(j, endDay);
    invite(j, pair.mentorId, surveys.mentorEnd, 'end', pair.id);
    if (!rematched && followUp === undefined) {
      invite(j, pair.menteeId, surveys.menteeEnd, 'end', pair.id);
      if (surveys.wellbeing) invite(j, pair.menteeId, 'who5', 'end', pair.id);
    }
    if (followUp !== undefined) invite(j, pair.menteeId, surveys.followUp, `followup${followUp}`, pair.id);
  }
  if (!surveys.wellbeing) return;
  const applied = j.tx
    .select({ participantId: applications.participantId })
    .from(applications)
    .where(and(eq(applications.programmeId, j.programme.id), noPairEndedSql()))
    .all();
  for (const { participantId } of applied) invite(j, participantId, 'who5', 'intake', 0);
}

/** The most months after the end among the follow-ups due by today, if any is. */
function latestFollowUpDue(j: JobContext, endDay: string): number | undefined {
  const due = j.programme.surveys.followUpMonths.filter((months) => addMonths(endDay, months) <= j.today);
  return due.length > 0 ? Math.max(...due) : undefined;
}

/** The mentee had a pair after this one: that one's surveys ask about the programme. */
function hasLaterPair(j: JobContext, pair: { id: number; menteeId: number }): boolean {
  const later = j.tx
    .select({ id: pairs.id })
    .from(pairs)
    .where(and(eq(pairs.menteeId, pair.menteeId), gt(pairs.id, pair.id), isNotNull(pairs.activatedAt)))
    .get();
  return later !== undefined;
}

/** The applicant has no pair that has ended: a well-being baseline still comes before the mentoring's end. */
function noPairEndedSql(): SQL {
  return sql`not exists (select 1 from pairs p where p.mentee_id = applications.participant_id and p.ended_at is not null)`;
}

/** One reminder for a survey still unanswered some days after it was sent. */
export function remindSurveys(j: JobContext): void {
  const due = j.tx
    .select()
    .from(surveyInvitations)
    .innerJoin(participants, eq(participants.id, surveyInvitations.participantId))
    .where(
      and(
        eq(participants.programmeId, j.programme.id),
        isNull(surveyInvitations.answeredAt),
        isNull(surveyInvitations.remindedAt),
        lte(surveyInvitations.sentAt, daysAgo(j.now, j.programme.surveys.reminderDays)),
      ),
    )
    .all();
  for (const { survey_invitations: invitation } of due) {
    // A follow-up's reminder waits on the same consent as the follow-up itself.
    if (invitation.timepoint.startsWith('followup') && !hasConsent(j.tx, invitation.participantId, 'followUp')) continue;
    j.tx.update(surveyInvitations).set({ remindedAt: j.now.toISOString() }).where(eq(surveyInvitations.id, invitation.id)).run();
    notify(j.tx, j.programme, { participantId: invitation.participantId, message: surveyInvitation(invitation, true), dedupeKey: `survey-reminder:${invitation.id}` }, j.now);
  }
}

function invite(j: JobContext, participantId: number, surveyId: string, timepoint: string, pairId: number): void {
  if (!j.programme.surveyDefinitions[surveyId]) return;
  const invitation = j.tx.insert(surveyInvitations).values({ participantId, surveyId, timepoint, pairId, sentAt: j.now.toISOString() }).onConflictDoNothing().returning().get();
  if (invitation) notify(j.tx, j.programme, { participantId, message: surveyInvitation(invitation, false), dedupeKey: `survey:${invitation.id}` }, j.now);
}
