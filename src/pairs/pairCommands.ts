import { personLabel } from '../text/personText';
import { pairById } from './pairs';
import { kickoffSection } from './kickoffSection';
import { button } from '../conversation/actions';
import { eq } from 'drizzle-orm';
import { pairs } from '../../db/schema';
import { resolveAlertsOf } from '../alerts/raiseAlert';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { t } from '../text/messages';
import { addDays, daysBetween, localDay } from '../text/calendar';
import { participant } from '../people/people';

export const END_REASONS = ['completed', 'jobFound', 'time', 'relationship', 'health', 'moved', 'visa', 'other'] as const;
type Pair = typeof pairs.$inferSelect;

/** `/pair P`: one pair, its members, state and dates. */
export function showPair(c: CommandContext, arg: string | undefined): CommandResult {
  const pair = findPair(c, arg);
  if (!pair) return reply(t('coordinator.pairNotFound', { id: arg ?? '' }));
  const name = (id: number) => personLabel(participant(c.tx, id) ?? { id, name: null });
  const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '–');
  const running = pair.status === 'active' || pair.status === 'paused';
  return {
    messages: [
      {
        lines: [
          t('coordinator.pair.title', {
            pair: pair.id,
            mentee: name(pair.menteeId),
            mentor: name(pair.mentorId),
            status: t(`coordinator.pairStatus.${pair.status}`),
          }),
          t('coordinator.pair.dates', { proposed: date(pair.proposedAt), active: date(pair.activatedAt), ends: date(pair.endsOn) }),
          ...(pair.endReason ? [t('coordinator.pair.endReason', { reason: t(`coordinator.endReason.${pair.endReason}`) })] : []),
          ...kickoffSection(c.tx, pair),
        ],
        choices: running
          ? [
              pair.status === 'active'
                ? button({ name: 'pause', pair: pair.id }, t('coordinator.action.pause'))
                : button({ name: 'resume', pair: pair.id }, t('coordinator.action.resume')),
              ...END_REASONS.map((r) => button({ name: 'end', pair: pair.id, reason: r }, t(`coordinator.endReason.${r}`))),
            ]
          : [],
      },
    ],
    notices: [],
  };
}

/**
 * `/pause P` and `/resume P`: both members hear it. Time off is not the end: the days a pair was
 * paused are added to its end date when it goes on, and both hear the new date.
 */
export function pauseOrResume(c: CommandContext, arg: string | undefined, to: 'paused' | 'active'): CommandResult {
  const pair = findPair(c, arg);
  const from = to === 'paused' ? 'active' : 'paused';
  if (!pair) return reply(t('coordinator.pairNotFound', { id: arg ?? '' }));
  if (pair.status !== from) return reply(t('coordinator.pairNotNow', { pair: pair.id, status: t(`coordinator.pairStatus.${pair.status}`) }));
  const now = c.ctx.now.toISOString();
  const endsOn = to === 'active' ? endAfterPause(pair, c.ctx.now, c.ctx.programme.timezone) : pair.endsOn;
  const change = to === 'paused' ? { pausedAt: now } : { resumedAt: now, pausedAt: null, endsOn };
  c.tx.update(pairs).set({ status: to, ...change }).where(eq(pairs.id, pair.id)).run();
  const news = to === 'paused' ? t('pair.paused') : endsOn ? t('pair.resumedUntil', { date: endsOn }) : t('pair.resumed');
  const changed = t('coordinator.pairChanged', { pair: pair.id, status: t(`coordinator.pairStatus.${to}`) });
  return {
    messages: [{ lines: to === 'active' && endsOn ? [changed, t('coordinator.pairEnds', { pair: pair.id, date: endsOn })] : [changed] }],
    notices: members(pair).map((participantId) => ({ participantId, message: { lines: [news] } })),
  };
}

/** The end date of a paused pair that goes on now: later by the days it was paused. */
function endAfterPause(pair: Pair, now: Date, timeZone: string): string | null {
  if (!pair.endsOn || !pair.pausedAt) return pair.endsOn;
  return addDays(pair.endsOn, Math.max(0, daysBetween(localDay(new Date(pair.pausedAt), timeZone), localDay(now, timeZone))));
}

/**
 * `/end P REASON`: `completed` at the end date, or ended early with a reason. The mentee keeps their
 * goals and can be matched again.
 */
export function endPair(c: CommandContext, arg: string | undefined, reasonArg: string | undefined): CommandResult {
  const pair = findPair(c, arg);
  const reason = END_REASONS.find((r) => r.toLowerCase() === reasonArg?.toLowerCase());
  if (!pair) return reply(t('coordinator.pairNotFound', { id: arg ?? '' }));
  if (!reason) return reply(t('coordinator.endUsage', { reasons: END_REASONS.join(', ') }));
  if (pair.status !== 'active' && pair.status !== 'paused' && pair.status !== 'proposed') {
    return reply(t('coordinator.pairNotNow', { pair: pair.id, status: t(`coordinator.pairStatus.${pair.status}`) }));
  }
  // A proposal nobody answered is withdrawn; the mentee can then be proposed someone else.
  const status = pair.status === 'proposed' ? 'ended' : reason === 'completed' ? 'completed' : 'ended';
  const news = pair.status === 'proposed' ? 'pair.withdrawn' : `pair.${status}`;
  c.tx
    .update(pairs)
    .set({ status, endReason: reason, endedAt: c.ctx.now.toISOString() })
    .where(eq(pairs.id, pair.id))
    .run();
  resolveAlertsOf(c.tx, pair.id, c.ctx.now);
  return {
    messages: [{ lines: [t('coordinator.pairChanged', { pair: pair.id, status: t(`coordinator.pairStatus.${status}`) })] }],
    notices: members(pair).map((participantId) => ({ participantId, message: { lines: [t(news)] } })),
  };
}

function findPair(c: CommandContext, arg: string | undefined): Pair | undefined {
  const id = idArg(arg);
  return pairById(c.tx, id);
}

function members(pair: Pair): number[] {
  return [pair.menteeId, pair.mentorId];
}
