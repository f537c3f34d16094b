import { type SQL, sql } from 'drizzle-orm';

/**
 * Which mentees a report counts: all of them, or those who chat in one language (null: those who
 * have not chosen one). Mentors' own answers and invitations belong to no language group.
 */
export type MenteeGroup = { language: string | null } | undefined;

/** The conditions that keep a report's rows to one group of mentees; with no group, they hold for every row. */
export interface ScopeFilter {
  /** `column` (a participant id) is one of the group's applicants or mentees. */
  members(column: string): SQL;
  /** `column` (a respondent id) is one of theirs. */
  respondents(column: string): SQL;
  /** `column` (a pair id) is a pair of one of theirs. */
  pairs(column: string): SQL;
}

export function scopeFilter(programmeId: string, group: MenteeGroup): ScopeFilter {
  if (!group) return { members: () => sql`1 = 1`, respondents: () => sql`1 = 1`, pairs: () => sql`1 = 1` };
  const ids = sql`select gp.id from participants gp where gp.programme_id = ${programmeId} and gp.role in ('applicant', 'mentee')
    and coalesce(gp.language, '') = ${group.language ?? ''}`;
  return {
    members: (column) => sql`${sql.raw(column)} in (${ids})`,
    respondents: (column) => sql`${sql.raw(column)} in (select gr.respondent_id from participants gr where gr.respondent_id is not null and gr.id in (${ids}))`,
    pairs: (column) => sql`${sql.raw(column)} in (select gpp.id from pairs gpp where gpp.mentee_id in (${ids}))`,
  };
}
