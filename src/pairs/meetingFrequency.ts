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
 * For a scan over `pairs`: the value `dayFor(quietDaysFor(agreedFrequency(pair), nudgeAfterDays))`
 * in SQL, so a scan can leave out by index the pairs that cannot be quiet yet. The few possible days
 * are worked out here once; SQL only picks one per pair. Where it reads the kickoff answers
 * differently, it takes the programme's days, the most.
 */
export function byQuietDaysSql(nudgeAfterDays: number, dayFor: (quietDays: number) => string): SQL<string> {
  const perMonth = (kickoff: AnyColumn) =>
    sql`(case when json_valid(${kickoff}) then case json_extract(${kickoff}, '$.frequency') ${sql.join(
      Object.entries(MEETINGS_PER_MONTH).map(([frequency, n]) => sql`when ${frequency} then ${n}`),
      sql` `,
    )} end end)`;
  // The less frequent of the two; null (the programme's days) unless both answered.
  const fewer = sql`min(${perMonth(pairs.kickoffMentee)}, ${perMonth(pairs.kickoffMentor)})`;
  const cases = MEETING_FREQUENCIES.map((frequency) => sql`when ${MEETINGS_PER_MONTH[frequency]} then ${dayFor(quietDaysFor(frequency, nudgeAfterDays))}`);
  return sql<string>`(case ${fewer} ${sql.join(cases, sql` `)} else ${dayFor(quietDaysFor(undefined, nudgeAfterDays))} end)`;
}
