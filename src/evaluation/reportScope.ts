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

/** The round's applicants (by their application), and the mentors of their pairs. Subqueries name their own tables (see the known traps). */
export const roundPeople = (round: string) =>
  sql`(select ra.participant_id from applications ra where ra.round = ${round}
        union select rp.mentor_id from pairs rp join applications rpa on rpa.participant_id = rp.mentee_id where rpa.round = ${round})`;

/** Whether a row of `owner` (a table or an alias the report's queries use) belongs to `round`; always true without one. */
export function ofRound(owner: string, round: string | undefined): SQL {
  if (round === undefined) return sql`1`;
  const o = sql.raw(owner);
  switch (owner) {
    case 'applications':
    case 'a':
      return sql`${o}.round = ${round}`;
    case 'pairs':
      return sql`${o}.mentee_id in (select ra.participant_id from applications ra where ra.round = ${round})`;
    case 'alerts':
      return sql`(${o}.participant_id in ${roundPeople(round)} or ${o}.pair_id in (select rp.id from pairs rp join applications rpa on rpa.participant_id = rp.mentee_id where rpa.round = ${round}))`;
    case 'pa':
      return sql`${o}.id in ${roundPeople(round)}`;
    case 'outcomes':
    case 'o':
    case 'survey_responses':
    case 'sr':
      return sql`${o}.respondent_id in (select rpe.respondent_id from participants rpe where rpe.id in ${roundPeople(round)})`;
    default:
      return sql`1`;
  }
}
