import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { pairs } from '../../db/schema';
import { localDay } from '../text/calendar';
import { t, type Text } from '../text/messages';

/**
 * The last sign that a pair met, by one definition used everywhere (the quiet-pair scan, the alert
 * about it, the "Last meeting" line of an alert and of the pair lists): the latest of a logged
 * meeting, a check-in answer saying they met (its day), the day the pair started and the day it went
 * on after a pause. `logged` counts meeting days, so a meeting both members logged counts once.
 */
export interface MeetingSign {
  kind: 'meeting' | 'checkin' | 'started' | 'resumed';
  /** YYYY-MM-DD in the programme's time zone. */
  day: string;
  logged: number;
}

/** What `lastMeetingSign` reads of a pair; `MEETING_SIGN_COLUMNS` selects the last three with it. */
export interface MeetingSignRow {
  activatedAt: string | null;
  resumedAt: string | null;
  lastMet: string | null;
  lastSaidMet: string | null;
  loggedDays: number;
}

/**
 * The columns for `lastMeetingSign` in a query over `pairs`. (Subqueries name their tables
 * themselves: drizzle leaves a single table's columns unqualified.)
 */
export const MEETING_SIGN_COLUMNS = {
  lastMet: sql<string | null>`(select max(m.met_on) from meetings m where m.pair_id = pairs.id)`,
  lastSaidMet: sql<string | null>`(select max(c.answered_at) from checkins c where c.pair_id = pairs.id
    and c.answered_at is not null and json_valid(c.answers) and json_extract(c.answers, '$.met') <> 'none')`,
  loggedDays: sql<number>`(select count(distinct m.met_on) from meetings m where m.pair_id = pairs.id)`,
};

/** The last sign of a meeting from a row with `MEETING_SIGN_COLUMNS`; undefined for a pair that never started. */
export function lastMeetingSign(row: MeetingSignRow, dayOf: (iso: string) => string): MeetingSign | undefined {
  if (row.activatedAt === null) return undefined;
  // On the same day, the most telling sign wins: a logged meeting, then a check-in, then the start.
  const signs: { kind: MeetingSign['kind']; day: string }[] = [
    ...(row.lastMet === null ? [] : [{ kind: 'meeting' as const, day: row.lastMet }]),
    ...(row.lastSaidMet === null ? [] : [{ kind: 'checkin' as const, day: dayOf(row.lastSaidMet) }]),
    ...(row.resumedAt === null ? [] : [{ kind: 'resumed' as const, day: dayOf(row.resumedAt) }]),
    { kind: 'started' as const, day: dayOf(row.activatedAt) },
  ];
  const last = signs.reduce((a, b) => (b.day > a.day ? b : a));
  return { ...last, logged: row.loggedDays };
}

/**
 * The last sign of a meeting of pair `pairId` (see `MeetingSign`), for the pair view, the pair list
 * and the alerts; undefined when there is no such pair or it never started.
 */
export function lastMeetingOf(tx: Tx, pairId: number, timeZone: string): MeetingSign | undefined {
  const row = tx
    .select({ activatedAt: pairs.activatedAt, resumedAt: pairs.resumedAt, ...MEETING_SIGN_COLUMNS })
    .from(pairs)
    .where(eq(pairs.id, pairId))
    .get();
  return row ? lastMeetingSign(row, (iso) => localDay(new Date(iso), timeZone)) : undefined;
}

/** "Last meeting: 20 January 2027 (3 logged)." or "No meeting logged yet; the pair started on …": one line for coordinators. */
export function lastMeetingLine(sign: MeetingSign): Text {
  // An exhaustive switch: a new kind of sign does not compile until it has its line.
  switch (sign.kind) {
    case 'meeting':
      return t('alerts.context.lastMeeting', { date: sign.day, count: sign.logged });
    case 'checkin':
      return t('alerts.context.lastSaidMet', { date: sign.day, count: sign.logged });
    case 'started':
      return t('alerts.context.noMeetingSinceStart', { date: sign.day });
    case 'resumed':
      return t('alerts.context.noMeetingSinceResume', { date: sign.day, count: sign.logged });
  }
}
