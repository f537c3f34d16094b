import { button } from '../conversation/actions';
import { and, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { applications, pairs } from '../../db/schema';
import { raiseAlert, resolveAlertsOf } from '../alerts/raiseAlert';
import { daysBetween } from '../text/calendar';
import { t } from '../text/messages';
import { notify } from '../conversation/notify';
import { coordinatorsOf, personNameOf } from '../people/people';
import { openStatesSql } from '../pairs/pairs';
import { daysAgo, type JobContext } from './job';

/**
 * An active pair whose end date has come is completed; both members and the coordinators hear it. A
 * paused pair is not: its end date moves by the paused days when it goes on (`pauseOrResume`).
 */
export function completePairs(j: JobContext): void {
  const due = j.tx
    .select()
    .from(pairs)
    .where(and(eq(pairs.programmeId, j.programme.id), eq(pairs.status, 'active'), lte(pairs.endsOn, j.today)))
    .all();
  for (const pair of due) {
    j.tx.update(pairs).set({ status: 'completed', endReason: 'completed', endedAt: j.now.toISOString() }).where(eq(pairs.id, pair.id)).run();
    resolveAlertsOf(j.tx, pair.id, j.now);
    const key = `pair-completed:${pair.id}`;
    for (const memberId of [pair.menteeId, pair.mentorId]) {
      notify(j.tx, j.programme, { participantId: memberId, message: { lines: [t('pair.completed')] }, dedupeKey: `${key}:${memberId}` }, j.now);
    }
    const message = { lines: [t('pair.completedForCoordinator', { pair: pair.id })] };
    for (const coordinator of coordinatorsOf(j.tx, j.programme.id)) {
      notify(j.tx, j.programme, { participantId: coordinator, message, dedupeKey: `${key}:${coordinator}` }, j.now);
    }
  }
}

/**
 * A proposal not answered after some days: one reminder to whoever has not answered; some days more,
 * and the coordinators are alerted.
 */
export function followUpProposals(j: JobContext): void {
  const { proposalReminderDays, proposalUnansweredDays } = j.programme.thresholds;
  const waiting = j.tx
    .select()
    .from(pairs)
    .where(and(eq(pairs.programmeId, j.programme.id), eq(pairs.status, 'proposed'), lte(pairs.proposedAt, daysAgo(j.now, proposalReminderDays))))
    .all();
  for (const pair of waiting) {
    const undecided = [
      ...(pair.menteeDecision === null ? [{ id: pair.menteeId, other: pair.mentorId }] : []),
      ...(pair.mentorDecision === null ? [{ id: pair.mentorId, other: pair.menteeId }] : []),
    ];
    for (const member of undecided) {
      const name = personNameOf(j.tx, member.other);
      const message = {
        lines: [t('proposal.reminder', { name })],
        choices: [button({ name: 'proposal', pair: pair.id, answer: 'yes' }, t('proposal.yes')), button({ name: 'proposal', pair: pair.id, answer: 'no' }, t('proposal.no'))],
      };
      notify(j.tx, j.programme, { participantId: member.id, message, dedupeKey: `proposal-reminder:${pair.id}:${member.id}` }, j.now);
    }
    const days = daysBetween(j.dayOf(pair.proposedAt), j.today);
    const first = undecided[0];
    if (days >= proposalUnansweredDays && first) {
      raiseAlert(j, { kind: 'proposalUnanswered', dedupeKey: `proposalUnanswered:${pair.id}`, pairId: pair.id, participantId: first.id, details: { days } });
    }
  }
}

/**
 * For a query over `applications`: the applicant is still waiting for a mentor, that is, was never in
 * a pair that started (or was sent back to the queue from it, see `rematchPair`) and has no proposal
 * or pair running now.
 */
export function stillWaitingSql(): SQL {
  return sql`not exists (select 1 from pairs p where p.mentee_id = applications.participant_id
    and ((p.activated_at is not null and p.rematched_at is null) or p.status in (${openStatesSql()})))`;
}

/**
 * An accepted or waitlisted applicant still without a mentor some weeks after that decision: waiting
 * is where people give up. A mentee whose pair ended is not counted unless the coordinators sent them
 * back to the queue to be matched again.
 */
export function alertLongWaits(j: JobContext): void {
  const waiting = j.tx
    .select({ application: applications })
    .from(applications)
    .where(
      and(
        eq(applications.programmeId, j.programme.id),
        inArray(applications.status, ['accepted', 'waitlisted']),
        lte(applications.updatedAt, daysAgo(j.now, j.programme.thresholds.waitingForMatchDays)),
        stillWaitingSql(),
      ),
    )
    .all();
  for (const { application } of waiting) {
    raiseAlert(j, {
      kind: 'waitingForMatch',
      dedupeKey: `waitingForMatch:${application.id}`,
      participantId: application.participantId,
      details: { days: daysBetween(j.dayOf(application.updatedAt), j.today), status: application.status },
    });
  }
}
