import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db, Tx } from '../../db/client';
import { applications, mentors, pairs, participants } from '../../db/schema';
import type { Answer } from '../../flows/types';
import { z } from 'zod';
import { parseJson } from '../runtime/parseJson';
import { parseAnswers } from '../people/storedAnswers';
import { audit } from '../privacy/audit';
import { assertNever } from '../runtime/errors';
import type { Programme } from '../settings/programme';
import { type CsvValue, writeCsv } from './writeCsv';

/** What a coordinator can take out as a spreadsheet. */
export type ExportKind = 'applications' | 'mentors' | 'pairs';
export const EXPORT_KINDS: readonly ExportKind[] = ['applications', 'mentors', 'pairs'];

/**
 * The coordinators' list of applications, mentors or pairs as a CSV file (see `writeCsv`): what they
 * see in the chat's lists, never survey answers, check-in answers or anyone's free-text story, and
 * nobody who deleted their data (a pair with such a member is left out). Every export is written to
 * the audit log with who took it (`actorId`; null for the operator at the command line).
 */
export function exportCsv(db: Db | Tx, programme: Programme, request: { kind: ExportKind; actorId: number | null; now: Date }): string {
  const { kind } = request;
  const table =
    kind === 'applications'
      ? applicationRows(db, programme.id)
      : kind === 'mentors'
        ? mentorRows(db, programme.id)
        : kind === 'pairs'
          ? pairRows(db, programme.id)
          : assertNever(kind, 'export');
  const action = kind === 'applications' ? 'exportApplications' : kind === 'mentors' ? 'exportMentors' : 'exportPairs';
  audit(db, { programmeId: programme.id, actorId: request.actorId, action, at: request.now });
  return writeCsv(table.header, table.rows);
}

interface Table {
  header: string[];
  rows: CsvValue[][];
}

/** Whether the person has a chat with Kompis: an imported person has none until they start it with their code. */
const hasChat = sql<number>`exists (select 1 from channel_identities ci where ci.participant_id = participants.id)`;

function applicationRows(db: Db | Tx, programmeId: string): Table {
  const rows = db
    .select({
      application: applications.id,
      person: participants.id,
      name: participants.name,
      language: participants.language,
      status: applications.status,
      flags: applications.flags,
      answers: applications.answers,
      submittedAt: applications.submittedAt,
      updatedAt: applications.updatedAt,
      chat: hasChat,
    })
    .from(applications)
    .innerJoin(participants, eq(participants.id, applications.participantId))
    .where(and(eq(applications.programmeId, programmeId), isNull(participants.erasedAt)))
    .orderBy(asc(applications.id))
    .all();
  return {
    header: [
      'application',
      'person',
      'name',
      'chat language',
      'status',
      'submitted',
      'last change',
      'flags',
      'city',
      'profession',
      'field of work',
      'languages',
      'goal type',
      'chat started',
    ],
    rows: rows.map((r) => {
      const a = parseAnswers(r.answers);
      return [
        r.application,
        r.person,
        r.name,
        r.language,
        r.status,
        day(r.submittedAt),
        day(r.updatedAt),
        (parseJson(r.flags, z.array(z.string())) ?? []).join('; '),
        place(a.region, a.regionOther),
        words(a.profession),
        words(a.sector),
        words(a.languages),
        words(a.goalType),
        r.chat ? 'yes' : 'no',
      ];
    }),
  };
}

function mentorRows(db: Db | Tx, programmeId: string): Table {
  const rows = db
    .select({
      person: participants.id,
      name: participants.name,
      language: participants.language,
      answers: mentors.answers,
      capacity: mentors.capacity,
      // Names its own table: drizzle leaves a single table's columns unqualified in a subquery.
      mentees: sql<number>`(select count(*) from pairs p where p.mentor_id = mentors.participant_id and p.status in ('proposed', 'active', 'paused'))`,
      registeredAt: mentors.registeredAt,
      chat: hasChat,
    })
    .from(mentors)
    .innerJoin(participants, eq(participants.id, mentors.participantId))
    .where(and(eq(participants.programmeId, programmeId), isNull(participants.erasedAt)))
    .orderBy(asc(participants.id))
    .all();
  return {
    header: ['person', 'name', 'chat language', 'profession', 'role', 'field of work', 'city', 'languages', 'capacity', 'current mentees', 'registered', 'chat started'],
    rows: rows.map((r) => {
      const a = parseAnswers(r.answers);
      return [
        r.person,
        r.name,
        r.language,
        words(a.profession),
        words(a.role),
        words(a.sector),
        place(a.city, a.cityOther),
        words(a.languages),
        r.capacity,
        r.mentees,
        day(r.registeredAt),
        r.chat ? 'yes' : 'no',
      ];
    }),
  };
}

function pairRows(db: Db | Tx, programmeId: string): Table {
  const mentee = alias(participants, 'mentee');
  const mentor = alias(participants, 'mentor');
  const rows = db
    .select({
      pair: pairs.id,
      menteeId: pairs.menteeId,
      menteeName: mentee.name,
      mentorId: pairs.mentorId,
      mentorName: mentor.name,
      status: pairs.status,
      proposedAt: pairs.proposedAt,
      activatedAt: pairs.activatedAt,
      endsOn: pairs.endsOn,
      endedAt: pairs.endedAt,
      endReason: pairs.endReason,
      meetings: sql<number>`(select count(*) from meetings m where m.pair_id = pairs.id)`,
      lastMeeting: sql<string | null>`(select max(m.met_on) from meetings m where m.pair_id = pairs.id)`,
    })
    .from(pairs)
    .innerJoin(mentee, eq(mentee.id, pairs.menteeId))
    .innerJoin(mentor, eq(mentor.id, pairs.mentorId))
    .where(and(eq(pairs.programmeId, programmeId), isNull(mentee.erasedAt), isNull(mentor.erasedAt)))
    .orderBy(asc(pairs.id))
    .all();
  return {
    header: ['pair', 'mentee', 'mentee name', 'mentor', 'mentor name', 'status', 'proposed', 'started', 'ends', 'ended', 'end reason', 'meetings logged', 'last meeting'],
    rows: rows.map((r) => [
      r.pair,
      r.menteeId,
      r.menteeName,
      r.mentorId,
      r.mentorName,
      r.status,
      day(r.proposedAt),
      day(r.activatedAt),
      r.endsOn,
      day(r.endedAt),
      r.endReason,
      r.meetings,
      r.lastMeeting,
    ]),
  };
}

/** The day of a stored time (YYYY-MM-DD, UTC), as spreadsheets read dates. */
function day(iso: string | null): string | null {
  return iso === null ? null : iso.slice(0, 10);
}

/** An answer as a cell: a list joined with "; ", text on one line. */
function words(answer: Answer | undefined): string | null {
  if (answer === undefined) return null;
  const text = Array.isArray(answer) ? answer.join('; ') : String(answer);
  return text.replace(/\s+/g, ' ').trim();
}

/** A place: the programme's own, or the person's words when they chose "somewhere else". */
function place(chosen: Answer | undefined, inWords: Answer | undefined): string | null {
  return chosen === 'other' ? words(inWords) : words(chosen);
}
