import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { alerts, goals, pairs } from '../../db/schema';
import { OPEN } from '../alerts/alertKinds';
import { addDays, daysBetween, localDay } from '../text/calendar';
import { lastMeetingSign, MEETING_SIGN_COLUMNS } from './meetingSign';
import { agreedFrequency, quietDaysFor } from './meetingFrequency';
import type { PairHealth } from './pairHealth';
import { type Pair, RUNNING_PAIR_STATES } from './pairs';

/** A running pair as the desk's board shows it. */
export interface BoardPair {
  pair: BoardPairRow;
  health: PairHealth;
  /** The day the pair last met, as logged or said in a check-in; null when nothing says they met yet. */
  lastMet: string | null;
  goalsDone: number;
  goalsTotal: number;
  /** Days to the end date (negative: past it), or null without one. */
  daysLeft: number | null;
  /** No sign of a meeting for as long as the pair's nudge waits. */
  quiet: boolean;
  /** The end date is within a month. */
  ending: boolean;
  /** The application round of the mentee's application; null for rolling intake. */
  round: string | null;
}

/** The columns of a pair the board reads: a list of a thousand pairs reads no more than it needs. */
const BOARD_COLUMNS = {
  id: pairs.id,
  menteeId: pairs.menteeId,
  mentorId: pairs.mentorId,
  status: pairs.status,
  activatedAt: pairs.activatedAt,
  resumedAt: pairs.resumedAt,
  endsOn: pairs.endsOn,
  kickoffMentee: pairs.kickoffMentee,
  kickoffMentor: pairs.kickoffMentor,
};
export type BoardPairRow = Pick<Pair, keyof typeof BOARD_COLUMNS>;

/** Pairs whose end date is this close count as ending (as `/pairs ending`). */
export const ENDING_WITHIN_DAYS = 30;

/** A member's latest check-in rating; the subquery names its tables itself (drizzle leaves a single table's columns unqualified). */
const latestRating = (member: 'mentee_id' | 'mentor_id') =>
  sql<unknown>`(select json_extract(c.answers, '$.rating') from checkins c where c.pair_id = pairs.id
    and c.participant_id = pairs.${sql.raw(member)} and c.answered_at is not null and json_valid(c.answers) order by c.round desc limit 1)`;

/** The round of the mentee's latest application (the subquery names its table itself). */
const menteeRound = sql<string | null>`(select a.round from applications a where a.participant_id = pairs.mentee_id order by a.id desc limit 1)`;

/**
 * The running (active and paused) pairs with their health, by the same definitions as `/pairs`
 * (`pairHealth`, `lastMeetingSign`), oldest first, in a few queries however many pairs there are.
 */
export function pairBoard(tx: Tx, programme: { id: string; timezone: string; thresholds: { nudgeAfterDays: number } }, now: Date): BoardPair[] {
  const today = localDay(now, programme.timezone);
  const dayOf = (iso: string) => localDay(new Date(iso), programme.timezone);
  const endingBy = addDays(today, ENDING_WITHIN_DAYS);
  const rows = tx
    .select({ ...BOARD_COLUMNS, ...MEETING_SIGN_COLUMNS, menteeRating: latestRating('mentee_id'), mentorRating: latestRating('mentor_id'), round: menteeRound })
    .from(pairs)
    .where(and(eq(pairs.programmeId, programme.id), inArray(pairs.status, [...RUNNING_PAIR_STATES])))
    .orderBy(pairs.id)
    .all();
  const openAlerts = new Map(
    tx
      .select({ pairId: alerts.pairId, n: sql<number>`count(*)` })
      .from(alerts)
      .where(and(eq(alerts.programmeId, programme.id), inArray(alerts.status, [...OPEN])))
      .groupBy(alerts.pairId)
      .all()
      .map((a) => [a.pairId, a.n]),
  );
  const goalCounts = new Map(
    tx
      .select({ menteeId: goals.menteeId, done: sql<number>`sum(case when ${goals.status} = 'done' then 1 else 0 end)`, total: sql<number>`count(*)` })
      .from(goals)
      .where(inArray(goals.status, ['active', 'done']))
      .groupBy(goals.menteeId)
      .all()
      .map((g) => [g.menteeId, g]),
  );
  return rows.map((row) => {
    const pair: BoardPairRow = {
      id: row.id,
      menteeId: row.menteeId,
      mentorId: row.mentorId,
      status: row.status,
      activatedAt: row.activatedAt,
      resumedAt: row.resumedAt,
      endsOn: row.endsOn,
      kickoffMentee: row.kickoffMentee,
      kickoffMentor: row.kickoffMentor,
    };
    const sign = lastMeetingSign({ ...row, activatedAt: pair.activatedAt, resumedAt: pair.resumedAt }, dayOf);
    const lastSign = sign?.day ?? null;
    const health: PairHealth = { lastSign, ratings: { mentee: rating(row.menteeRating), mentor: rating(row.mentorRating) }, openAlerts: openAlerts.get(pair.id) ?? 0 };
    const counted = goalCounts.get(pair.menteeId);
    return {
      pair,
      health,
      lastMet: sign?.kind === 'meeting' || sign?.kind === 'checkin' ? sign.day : null,
      goalsDone: counted?.done ?? 0,
      goalsTotal: counted?.total ?? 0,
      daysLeft: pair.endsOn ? daysBetween(today, pair.endsOn) : null,
      quiet: pair.status === 'active' && lastSign !== null && daysBetween(lastSign, today) >= quietDaysFor(agreedFrequency(pair), programme.thresholds.nudgeAfterDays),
      ending: pair.endsOn !== null && pair.endsOn <= endingBy,
      round: row.round,
    };
  });
}

/** A stored rating as `pairHealth` reads it: 1–5, else null. */
function rating(value: unknown): number | null {
  return typeof value === 'number' ? value : typeof value === 'string' && /^[1-5]$/.test(value) ? Number(value) : null;
}
