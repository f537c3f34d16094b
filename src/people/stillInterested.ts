import { and, eq } from 'drizzle-orm';
import { applications } from '../../db/schema';
import { button } from '../conversation/actions';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { resolvePersonAlerts } from '../alerts/raiseAlert';
import { type Choice, known, t, type OutMessage } from '../text/messages';
import { personLabel } from '../text/personText';
import { coordinatorsOf, participant } from './people';
import { openPairOf } from '../pairs/pairs';

/** The kind question a waitlisted applicant gets every few weeks (`thresholds.stillInterestedDays`). */
export function stillInterestedQuestion(applicationId: number): OutMessage {
  return { lines: [t('applicant.stillInterested.question')], choices: stillInterestedChoices(applicationId) };
}

/** Yes and no to the question, each meaning what the usual yes and no words mean. */
export function stillInterestedChoices(applicationId: number): Choice[] {
  return [
    { ...button({ name: 'interested', application: applicationId, answer: 'yes' }, t('applicant.stillInterested.yes')), means: 'yes' },
    { ...button({ name: 'interested', application: applicationId, answer: 'no' }, t('applicant.stillInterested.no')), means: 'no' },
  ];
}

/**
 * `/interested A yes|no`: the applicant's answer. Yes keeps them on the waiting list; no withdraws
 * the application, kindly, and the coordinators hear it. Only the applicant's own application, and
 * only while it is on the waiting list.
 */
export function answerStillInterested(c: CommandContext, applicationArg: string | undefined, answer: string | undefined): CommandResult {
  const id = idArg(applicationArg);
  const application =
    id === undefined
      ? undefined
      : c.tx
          .select()
          .from(applications)
          .where(and(eq(applications.id, id), eq(applications.participantId, c.actorId)))
          .get();
  if (!application || application.status !== 'waitlisted' || openPairOf(c.tx, c.actorId) || (answer !== 'yes' && answer !== 'no')) {
    return reply(t('applicant.stillInterested.notNow'));
  }
  if (answer === 'yes') {
    c.tx.update(applications).set({ interestAskedAt: null }).where(eq(applications.id, application.id)).run();
    return reply(t('applicant.stillInterested.stay'));
  }
  c.tx.update(applications).set({ status: 'withdrawn', interestAskedAt: null, updatedAt: c.ctx.now.toISOString() }).where(eq(applications.id, application.id)).run();
  resolvePersonAlerts(c.tx, c.actorId, c.ctx.now, ['waitingForMatch']);
  const who = personLabel(participant(c.tx, c.actorId) ?? { id: c.actorId, name: null });
  const message = { lines: [t('applicant.stillInterested.withdrawnForCoordinator', { who })] };
  return {
    messages: [{ lines: [t('applicant.stillInterested.withdrawn', { contact: known(c.ctx.programme.contact) })] }],
    notices: coordinatorsOf(c.tx, c.ctx.programme.id).map((participantId) => ({ participantId, message })),
  };
}
