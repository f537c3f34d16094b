import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { applications, mentors, pairs, participants } from '../../db/schema';
import { openStatesSql } from '../pairs/pairs';

/**
 * A group of the programme's people a coordinator can write to or invite at once. Coordinators are
 * never in a segment, and nor is anyone who deleted their data.
 */
export type Segment =
  /** Applicants whose application waits: submitted, invited to an interview, waitlisted, or accepted without a mentor yet. */
  | { kind: 'waiting' }
  /** Mentors in the bank: all, those without a mentee now, or those without a mentee who have not written for `INACTIVE_DAYS`. */
  | { kind: 'mentors'; which: 'all' | 'free' | 'inactive' }
  /** Both members of every running (active or paused) pair. */
  | { kind: 'pairs' }
  /** Both members of the pairs that started in a month (`YYYY-MM`), whatever their state now. */
  | { kind: 'cohort'; month: string }
  /** Everyone who chose this language. */
  | { kind: 'language'; language: string }
  | { kind: 'everyone' };

export interface SegmentMember {
  id: number;
  name: string | null;
  language: string | null;
  unreachable: boolean;
  /** They asked for no programme news (`/privacy`). */
  newsOff: boolean;
}

/** A mentor without a mentee who has not written for this long counts as inactive. */
export const INACTIVE_DAYS = 90;

const WAITING_STATES = ['submitted', 'interview', 'waitlisted'] as const;

/**
 * The segment's members in the programme, by id. The caller decides what to do with unreachable
 * people (they are returned, so they can be counted as skipped).
 */
export function segmentMembers(tx: Tx, programmeId: string, segment: Segment, now: Date): SegmentMember[] {
  const base = and(eq(participants.programmeId, programmeId), isNull(participants.erasedAt), ne(participants.role, 'coordinator'));
  return tx
    .select({ id: participants.id, name: participants.name, language: participants.language, unreachable: participants.unreachable, newsOff: participants.newsOff })
    .from(participants)
    .where(and(base, segmentCondition(segment, now)))
    .orderBy(participants.id)
    .all();
}

function segmentCondition(segment: Segment, now: Date) {
  const hasOpenPair = sql`exists (select 1 from pairs p where (p.mentee_id = ${participants.id} or p.mentor_id = ${participants.id}) and p.status in (${openStatesSql()}))`;
  switch (segment.kind) {
    case 'waiting':
      return inArray(
        participants.id,
        sql`(select a.participant_id from ${applications} a where a.status in (${sql.join(
          WAITING_STATES.map((s) => sql`${s}`),
          sql`, `,
        )}) or (a.status = 'accepted' and not exists (select 1 from pairs p where p.mentee_id = a.participant_id and p.status in (${openStatesSql()}))))`,
      );
    case 'mentors': {
      const isMentor = inArray(participants.id, sql`(select participant_id from ${mentors})`);
      if (segment.which === 'all') return isMentor;
      const free = and(isMentor, sql`not ${hasOpenPair}`);
      if (segment.which === 'free') return free;
      const since = new Date(now.getTime() - INACTIVE_DAYS * 86_400_000).toISOString();
      return and(free, sql`${participants.lastActiveAt} < ${since}`);
    }
    case 'pairs':
      return inArray(
        participants.id,
        sql`(select mentee_id from ${pairs} where status in ('active', 'paused') union select mentor_id from ${pairs} where status in ('active', 'paused'))`,
      );
    case 'cohort': {
      const started = sql`substr(${pairs.activatedAt}, 1, 7) = ${segment.month}`;
      return or(inArray(participants.id, sql`(select mentee_id from ${pairs} where ${started})`), inArray(participants.id, sql`(select mentor_id from ${pairs} where ${started})`));
    }
    case 'language':
      return eq(participants.language, segment.language);
    case 'everyone':
      return undefined;
  }
}

/**
 * Reads a segment as a coordinator writes it in the chat: `waiting`, `mentors`, `mentors free`,
 * `mentors inactive`, `pairs`, `cohort 2027-01`, `language ar`, `everyone`. Null when it is none of these.
 */
export function parseSegment(text: string): Segment | null {
  const [word = '', arg, ...rest] = text.trim().toLowerCase().split(/\s+/);
  if (rest.length > 0) return null;
  switch (word) {
    case 'waiting':
    case 'pairs':
    case 'everyone':
      return arg === undefined ? { kind: word } : null;
    case 'mentors':
      if (arg === undefined) return { kind: 'mentors', which: 'all' };
      return arg === 'free' || arg === 'inactive' || arg === 'all' ? { kind: 'mentors', which: arg } : null;
    case 'cohort':
      return arg !== undefined && /^\d{4}-(0[1-9]|1[0-2])$/.test(arg) ? { kind: 'cohort', month: arg } : null;
    case 'language':
      return arg !== undefined && /^[a-z]{2,3}$/.test(arg) ? { kind: 'language', language: arg } : null;
    default:
      return null;
  }
}

/** The segment written back the way `parseSegment` reads it (for logs, keys and confirmations). */
export function segmentText(segment: Segment): string {
  switch (segment.kind) {
    case 'waiting':
    case 'pairs':
    case 'everyone':
      return segment.kind;
    case 'mentors':
      return segment.which === 'all' ? 'mentors' : `mentors ${segment.which}`;
    case 'cohort':
      return `cohort ${segment.month}`;
    case 'language':
      return `language ${segment.language}`;
  }
}
