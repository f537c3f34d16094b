import { eq } from 'drizzle-orm';
import { applications, pairs } from '../../db/schema';
import type { AlertScope } from '../alerts/alertKinds';
import { resolveAlertsOf } from '../alerts/raiseAlert';
import { button } from '../conversation/actions';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { latestApplicationOf, type Notice, participant } from '../people/people';
import { t } from '../text/messages';
import { personLabel, personName } from '../text/personText';
import { pairById } from './pairs';

export type RematchOutcome = { done: true; menteeId: number; notices: Notice[] } | { done: false; reason: 'notFound' | 'notRunning' };

/**
 * Ends a running pair so that the mentee can have another mentor: the mentee goes back to the queue
 * of applications (accepted, at the top) keeping their goals; the mentor keeps their room for a new
 * mentee. Both are told kindly what happens next; neither hears what the other answered. The one
 * place a rematch is done: the chat's `/rematch` and the desk call it.
 */
export function rematchPair(s: AlertScope, pairId: number): RematchOutcome {
  const { tx, now } = s;
  const pair = pairById(tx, pairId);
  if (!pair) return { done: false, reason: 'notFound' };
  if (pair.status !== 'active' && pair.status !== 'paused') return { done: false, reason: 'notRunning' };
  const when = now.toISOString();
  // Not undone like an end: the mentee may be proposed another mentor at once.
  tx.update(pairs).set({ status: 'ended', endReason: 'relationship', endedAt: when, endedFrom: null, rematchedAt: when }).where(eq(pairs.id, pair.id)).run();
  resolveAlertsOf(tx, pair.id, now);
  const application = latestApplicationOf(tx, pair.menteeId);
  if (application) {
    tx.update(applications).set({ status: 'accepted', interestAskedAt: null, updatedAt: when }).where(eq(applications.id, application.id)).run();
  }
  const name = (id: number) => personName({ id, name: participant(tx, id)?.name ?? null });
  const write = button({ name: 'contact' }, t('threads.action.write'));
  return {
    done: true,
    menteeId: pair.menteeId,
    notices: [
      { participantId: pair.menteeId, message: { lines: [t('rematch.toMentee', { name: name(pair.mentorId) })], choices: [write], about: [pair.mentorId] } },
      { participantId: pair.mentorId, message: { lines: [t('rematch.toMentor', { name: name(pair.menteeId) })], choices: [write], about: [pair.menteeId] } },
    ],
  };
}

/** `/rematch P`: asks first; `/rematch P yes` ends pair P and puts the mentee back in the queue (see `rematchPair`). */
export function rematchCommand(c: CommandContext, [pairArg, confirm]: string[]): CommandResult {
  const pair = pairById(c.tx, idArg(pairArg));
  if (!pair) return reply(t('coordinator.pairNotFound', { id: pairArg ?? '' }));
  const label = (id: number) => personLabel(participant(c.tx, id) ?? { id, name: null });
  const who = { pair: pair.id, mentee: label(pair.menteeId), mentor: label(pair.mentorId) };
  if (confirm?.toLowerCase() !== 'yes') {
    if (pair.status !== 'active' && pair.status !== 'paused') return reply(t('coordinator.pairNotNow', { pair: pair.id, status: t(`coordinator.pairStatus.${pair.status}`) }));
    return {
      messages: [
        {
          lines: [t('rematch.confirm', who)],
          choices: [
            button({ name: 'rematch', pair: pair.id, confirm: 'yes' }, t('rematch.action.confirm')),
            button({ name: 'pair', pair: pair.id }, t('coordinator.action.keepPair')),
          ],
        },
      ],
      notices: [],
    };
  }
  const outcome = rematchPair({ tx: c.tx, programme: c.ctx.programme, now: c.ctx.now }, pair.id);
  if (!outcome.done) return reply(t('coordinator.pairNotNow', { pair: pair.id, status: t(`coordinator.pairStatus.${pair.status}`) }));
  return {
    messages: [
      {
        lines: [t('rematch.done', who)],
        choices: [button({ name: 'suggest', applicant: outcome.menteeId }, t('alerts.action.suggest'))],
      },
    ],
    notices: outcome.notices,
  };
}
