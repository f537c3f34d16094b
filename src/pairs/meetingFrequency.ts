import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { pairs } from '../../db/schema';
import { MEETING_FREQUENCIES } from '../../flows/kickoff/kickoffFlow';
import { parseJson } from '../runtime/parseJson';

export type MeetingFrequency = (typeof MEETING_FREQUENCIES)[number];

const MEETINGS_PER_MONTH: Record<MeetingFrequency, number> = { monthly: 1, twiceMonthly: 2, weekly: 4 };

const kickoffSchema = z.object({ frequency: z.enum(MEETING_FREQUENCIES) });

/** How often one member chose to meet in the kickoff (stored JSON), if they answered. */
export function frequencyOf(kickoff: string | null): MeetingFrequency | undefined {
  return kickoff === null ? undefined : parseJson(kickoff, kickoffSchema)?.frequency;
}

/**
 * How often a pair meets, once both members answered the kickoff: what they chose, and when they
 * chose differently, the less frequent of the two (the kinder to hold them to) until they agree.
 */
export function agreedFrequency(pair: { kickoffMentee: string | null; kickoffMentor: string | null }): MeetingFrequency | undefined {
  const mentee = frequencyOf(pair.kickoffMentee);
  const mentor = frequencyOf(pair.kickoffMentor);
  if (mentee === undefined || mentor === undefined) return undefined;
  return MEETINGS_PER_MONTH[mentee] <= MEETINGS_PER_MONTH[mentor] ? mentee : mentor;
}

/**
 * Days without a sign of a meeting before a pair is nudged: the programme's `nudgeAfterDays` is for
 * pairs that meet once a month (and for pairs that have not both answered the kickoff); a pair that
 * agreed to meet twice a month is nudged after half of it, one that meets every week after a quarter.
 */
export function quietDaysFor(frequency: MeetingFrequency | undefined, nudgeAfterDays: number): number {
  return frequency === undefined ? nudgeAfterDays : Math.ceil(nudgeAfterDays / MEETINGS_PER_MONTH[frequency]);
}

/**
 * `quietDaysFor(agreedFrequency(pair), nudgeAfterDays)` in SQL, for a scan to leave out by index the
 * pairs that cannot be quiet yet. Never more than the exact figure: where it reads the kickoff
 * answers differently, it takes the programme's days, the most.
 */
export function quietDaysSql(nudgeAfterDays: number): SQL<number> {
  const perMonth = (kickoff: AnyColumn) =>
    sql`(case when json_valid(${kickoff}) then case json_extract(${kickoff}, '$.frequency') ${sql.join(
      Object.entries(MEETINGS_PER_MONTH).map(([frequency, n]) => sql`when ${frequency} then ${n}`),
      sql` `,
    )} end end)`;
  // The less frequent of the two; null (the programme's days) unless both answered. Whole days, rounded up.
  const fewer = sql`min(${perMonth(pairs.kickoffMentee)}, ${perMonth(pairs.kickoffMentor)})`;
  return sql<number>`coalesce((${nudgeAfterDays} + ${fewer} - 1) / ${fewer}, ${nudgeAfterDays})`;
}
