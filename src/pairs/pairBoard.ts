import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { goals, pairs } from '../../db/schema';
import { addDays, daysBetween, localDay } from '../text/calendar';
import { agreedFrequency, quietDaysFor } from './meetingFrequency';
import { pairHealth, type PairHealth } from './pairHealth';
import { type Pair, RUNNING_PAIR_STATES } from './pairs';

/** A running pair as the desk's board shows it. */
export interface BoardPair {
  pair: Pair;
  health: PairHealth;
  goalsDone: number;
  goalsTotal: number;
  /** Days to the end date (negative: past it), or null without one. */
  daysLeft: number | null;
  /** No sign of a meeting for as long as the pair's nudge waits. */
  quiet: boolean;
  /** The end date is within a month. */
  ending: boolean;
}

/** Pairs whose end date is this close count as ending. */
export const ENDING_WITHIN_DAYS = 30;

/** The running (active and paused) pairs with their health, as `/pairs` shows it, oldest first. */
export function pairBoard(tx: Tx, programme: { id: string; timezone: string; thresholds: { nudgeAfterDays: number } }, now: Date): BoardPair[] {
  const today = localDay(now, programme.timezone);
  const running = tx
    .select()
    .from(pairs)
    .where(and(eq(pairs.programmeId, programme.id), inArray(pairs.status, [...RUNNING_PAIR_STATES])))
    .orderBy(pairs.id)
    .all();
  const goalCounts = new Map(
    tx
      .select({ menteeId: goals.menteeId, done: sql<number>`sum(case when ${goals.status} = 'done' then 1 else 0 end)`, total: sql<number>`count(*)` })
      .from(goals)
      .where(inArray(goals.status, ['active', 'done']))
      .groupBy(goals.menteeId)
      .all()
      .map((g) => [g.menteeId, g]),
  );
  return running.map((pair) => {
    const health = pairHealth(tx, pair, programme.timezone);
    const counted = goalCounts.get(pair.menteeId);
    return {
      pair,
      health,
      goalsDone: counted?.done ?? 0,
      goalsTotal: counted?.total ?? 0,
      daysLeft: pair.endsOn ? daysBetween(today, pair.endsOn) : null,
      quiet:
        pair.status === 'active' && health.lastSign !== null && daysBetween(health.lastSign, today) >= quietDaysFor(agreedFrequency(pair), programme.thresholds.nudgeAfterDays),
      ending: pair.endsOn !== null && pair.endsOn <= addDays(today, ENDING_WITHIN_DAYS),
    };
  });
}
