import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { applications, participants } from '../../db/schema';
import { openStatesSql } from '../pairs/pairs';
import { oneLine } from '../text/oneLine';
import { type ApplicationStatus } from './people';
import { textAnswer } from './storedAnswers';

/** An application as the desk's table shows it. */
export interface QueuedApplication {
  id: number;
  name: string | null;
  status: ApplicationStatus;
  flags: string[];
  language: string | null;
  city: string;
  submittedAt: string;
  /** The application round it was sent in; null for rolling intake. */
  round: string | null;
  /** Whole days since it was sent. */
  waitingDays: number;
}

/**
 * The applications that wait for a coordinator, as `/applications` lists them — new, invited, on the
 * waiting list, or accepted and still without a first mentor — the latest change first.
 */
export function applicationQueue(tx: Tx, programmeId: string, now: Date): QueuedApplication[] {
  return queueRows(tx, programmeId, now);
}

/**
 * What Today shows of the queue, without reading all of it: how many wait for a decision (new or
 * invited) and how many for a mentor (accepted or waitlisted), and the `shown` waiting longest.
 */
export function queueSummary(tx: Tx, programmeId: string, now: Date, shown: number): { deciding: number; needMentor: number; longest: QueuedApplication[] } {
  const counts = tx
    .select({ status: applications.status, n: sql<number>`count(*)` })
    .from(applications)
    .where(and(eq(applications.programmeId, programmeId), inArray(applications.status, QUEUED), withoutPair))
    .groupBy(applications.status)
    .all();
  const count = (statuses: ApplicationStatus[]) => counts.filter((r) => statuses.includes(r.status)).reduce((sum, r) => sum + r.n, 0);
  const longest = queueRows(tx, programmeId, now, { statuses: ['submitted', 'interview'], longestFirst: shown });
  return { deciding: count(['submitted', 'interview']), needMentor: count(['waitlisted', 'accepted']), longest };
}

const QUEUED: ApplicationStatus[] = ['submitted', 'interview', 'waitlisted', 'accepted'];

/** No pair that started or is open: names the outer table itself, as drizzle leaves a single table's columns unqualified. */
const withoutPair = sql`not exists (select 1 from pairs p where p.mentee_id = applications.participant_id
              and (p.activated_at is not null or p.status in (${openStatesSql()})))`;

function queueRows(tx: Tx, programmeId: string, now: Date, only?: { statuses: ApplicationStatus[]; longestFirst: number }): QueuedApplication[] {
  const query = tx
    .select({
      id: participants.id,
      name: participants.name,
      status: applications.status,
      flags: applications.flags,
      // Only the place is read from the answers, in SQL: parsing 5,000 answer documents costs more than the rest of the list.
      region: textAnswer(applications.answers, 'region'),
      regionOther: textAnswer(applications.answers, 'regionOther'),
      language: participants.language,
      submittedAt: applications.submittedAt,
      round: applications.round,
    })
    .from(applications)
    .innerJoin(participants, eq(participants.id, applications.participantId))
    .where(and(eq(applications.programmeId, programmeId), inArray(applications.status, only?.statuses ?? QUEUED), withoutPair));
  const rows = only
    ? query.orderBy(asc(applications.submittedAt), asc(applications.id)).limit(only.longestFirst).all()
    : query.orderBy(desc(applications.updatedAt), desc(applications.id)).all();
  return rows.map((r) => {
    const place = r.region === 'other' ? r.regionOther : r.region;
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      flags: parseFlags(r.flags),
      language: r.language,
      city: typeof place === 'string' ? oneLine(place) : '',
      submittedAt: r.submittedAt,
      round: r.round,
      waitingDays: Math.max(0, Math.floor((now.getTime() - Date.parse(r.submittedAt)) / 86_400_000)),
    };
  });
}

export function parseFlags(json: string): string[] {
  const flags: unknown = JSON.parse(json);
  return Array.isArray(flags) ? flags.filter((f): f is string => typeof f === 'string') : [];
}
