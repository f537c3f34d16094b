import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { participants } from '../../db/schema';
import { normalise } from '../../flows/parseAnswer';
import type { Programme } from '../settings/programme';
import { type ColumnProblem, type ImportColumn, importColumns, type ImportKind } from './importColumns';
import { type CsvFileProblem, parseCsv } from './parseCsv';
import { type ImportedPerson, importLookups, type ImportProblem, readImportRow } from './readImportRow';

/** What keeps the whole file from being imported: nothing is, until it is put right. */
export type ImportFileProblem = CsvFileProblem | ColumnProblem;

/** One row of the file as it would be imported, with its problems; a row with none is ready. */
export interface PreviewRow {
  /** The row's number in the spreadsheet (the header is row 1). */
  row: number;
  person: ImportedPerson;
  problems: ImportProblem[];
}

export interface ImportPreview {
  kind: ImportKind;
  columns: ImportColumn[];
  fileProblems: ImportFileProblem[];
  rows: PreviewRow[];
  /** How many rows would be imported now: those without a problem, and none while the file has one. */
  ready: number;
}

export interface ImportRequest {
  kind: ImportKind;
  /** The file as uploaded or read from disk (UTF-8), or its text. */
  file: Uint8Array | string;
  /** Header → field (or `ignore`), where the coordinator chose other than Kompis guessed. */
  mapping?: Record<string, string>;
}

/**
 * What importing the file would do, row by row, writing nothing: each row's problems (a missing name,
 * an unknown language, a capacity that is not a number, broken quoting, a formula, the same person
 * twice in the file or already in Kompis) by its row number. The desk and the command line show it
 * before the coordinator confirms (`importPeople`).
 */
export function previewImport(db: Db | Tx, programme: Programme, request: ImportRequest): ImportPreview {
  const { kind } = request;
  const parsed = parseCsv(request.file);
  if (!parsed.ok) return { kind, columns: [], fileProblems: [parsed.problem], rows: [], ready: 0 };
  const { header, rows } = parsed.table;
  const { columns, problems: fileProblems } = importColumns({ kind, header, mapping: request.mapping });
  const lookups = importLookups(programme);
  const existing = existingNames(db, programme.id, kind);
  const seen = new Map<string, number>();
  const preview = rows.map((csvRow): PreviewRow => {
    const { person, problems } = readImportRow({ kind, columns, cells: csvRow.cells }, lookups);
    const key = normalise(person.name);
    if (key !== '') {
      const earlier = seen.get(key);
      const inKompis = existing.get(key);
      if (earlier !== undefined) problems.push({ kind: 'duplicateOfRow', row: earlier });
      else seen.set(key, csvRow.row);
      if (inKompis !== undefined) problems.push({ kind: 'alreadyInKompis', participantId: inKompis });
    }
    return { row: csvRow.row, person, problems: [...csvRow.problems, ...problems] };
  });
  const ready = fileProblems.length > 0 ? 0 : preview.filter((r) => r.problems.length === 0).length;
  return { kind, columns, fileProblems, rows: preview, ready };
}

/**
 * The people of the same kind already in Kompis, by their name as compared: mentors for a mentor
 * list, applicants and mentees for an applicant list. Erased people are not anyone any more.
 */
function existingNames(db: Db | Tx, programmeId: string, kind: ImportKind): Map<string, number> {
  const roles: ('mentor' | 'applicant' | 'mentee')[] = kind === 'mentors' ? ['mentor'] : ['applicant', 'mentee'];
  const rows = db
    .select({ id: participants.id, name: participants.name })
    .from(participants)
    .where(and(eq(participants.programmeId, programmeId), inArray(participants.role, roles), isNull(participants.erasedAt)))
    .all();
  const names = new Map<string, number>();
  for (const row of rows) {
    const key = normalise(row.name ?? '');
    if (key !== '' && !names.has(key)) names.set(key, row.id);
  }
  return names;
}
