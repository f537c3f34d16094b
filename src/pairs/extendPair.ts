import { eq } from 'drizzle-orm';
import { pairs } from '../../db/schema';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { addMonths } from '../text/calendar';
import { t } from '../text/messages';
import { pairById } from './pairs';

/** The most months a pair is extended by at once. */
export const MAX_EXTEND_MONTHS = 12;

/**
 * `/extend P MONTHS`: a running (active or paused) pair ends MONTHS later; both members are told the
 * new end date. Check-ins go on until then, and the end survey follows the new date.
 */
export function extendPair(c: CommandContext, pairArg: string | undefined, monthsArg: string | undefined): CommandResult {
  const pair = pairById(c.tx, idArg(pairArg));
  const months = idArg(monthsArg);
  if (!pair) return reply(t('coordinator.pairNotFound', { id: pairArg ?? '' }));
  if (months === undefined || months > MAX_EXTEND_MONTHS) return reply(t('coordinator.extendUsage', { max: MAX_EXTEND_MONTHS }));
  if ((pair.status !== 'active' && pair.status !== 'paused') || !pair.endsOn) {
    return reply(t('coordinator.pairNotNow', { pair: pair.id, status: t(`coordinator.pairStatus.${pair.status}`) }));
  }
  const endsOn = addMonths(pair.endsOn, months);
  c.tx.update(pairs).set({ endsOn }).where(eq(pairs.id, pair.id)).run();
  return {
    messages: [{ lines: [t('coordinator.extended', { pair: pair.id, date: endsOn })] }],
    notices: [pair.menteeId, pair.mentorId].map((participantId) => ({ participantId, message: { lines: [t('pair.extended', { date: endsOn })] } })),
  };
}
