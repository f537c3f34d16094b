import { and, eq, gte, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import { applications, pairs, participants, surveyInvitations } from '../../db/schema';
import { addMonths } from '../text/calendar';
import { hasConsent } from '../privacy/consents';
import { surveyInvitation } from '../evaluation/evaluation';
import { notify } from '../conversation/notify';
import { openPairOf } from '../pairs/pairs';
import { canUndoEnd } from '../pairs/pairCommands';
import { daysAgo, type JobContext } from './job';

/** Surveys go out for events of the last this many days; older ones (before an upgrade) are left alone. */
const WINDOW_DAYS = 30;

/**
 * The evaluation's invitations: the end surveys when a pair that ran has completed or ended early
 * (mentee, mentor, and WHO-5 for the mentee when the programme asks it), the mentee's follow-ups the
 * configured months after the end (only with their consent; an end a coordinator can still undo waits), and WHO-5 after an application when the programme asks it. Each
 * once: the invitation row and the message key see to that.
 */
export function sendSurveys(j: JobContext): void {
  const { surveys } = j.programme;
  const since = daysAgo(j.now, WINDOW_DAYS);
  const ended = j.tx
    .select()
    .from(pairs)
    .where(and(eq(pairs.programmeId, j.programme.id), inArray(pairs.status, ['completed', 'ended']), isNotNull(pairs.activatedAt), isNotNull(pairs.endedAt)))
    .all();
  for (const pair of ended) {
    // A coordinator can undo an end for a day: its surveys wait until it stands.
    if (canUndoEnd(pair, j.now)) continue;
    const endedAt = pair.endedAt ?? '';
    // A mentee who is matched again is asked at the end of the new pair, not twice.
    const rematched = openPairOf(j.tx, pair.menteeId) !== undefined;
    if (endedAt >= since) {
      invite(j, pair.mentorId, surveys.mentorEnd, 'end', pair.id);
      if (!rematched) invite(j, pair.menteeId, surveys.menteeEnd, 'end', pair.id);
      if (!rematched && surveys.wellbeing) invite(j, pair.menteeId, 'who5', 'end', pair.id);
    }
    // Months later the programme writes only to people who said yes to it (and have not withdrawn).
    if (rematched || !hasConsent(j.tx, pair.menteeId, 'followUp')) continue;
    for (const months of surveys.followUpMonths) {
      const due = addMonths(j.dayOf(endedAt), months);
      if (due <= j.today && due >= j.dayOf(since)) invite(j, pair.menteeId, surveys.followUp, `followup${months}`, pair.id);
    }
  }
  if (!surveys.wellbeing) return;
  const applied = j.tx
    .select({ participantId: applications.participantId })
    .from(applications)
    .where(and(eq(applications.programmeId, j.programme.id), gte(applications.submittedAt, since)))
    .all();
  for (const { participantId } of applied) invite(j, participantId, 'who5', 'intake', 0);
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
  const invitation = j.tx
    .insert(surveyInvitations)
    .values({ participantId, surveyId, timepoint, pairId, sentAt: j.now.toISOString() })
    .onConflictDoNothing()
    .returning()
    .get();
  if (invitation) notify(j.tx, j.programme, { participantId, message: surveyInvitation(invitation, false), dedupeKey: `survey:${invitation.id}` }, j.now);
}
