import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Store } from '../../db/client';
import { waitingJoinCodes } from '../people/joinCodes';
import { audit } from '../privacy/audit';
import { OperatorError } from '../runtime/errors';
import type { Programme } from '../settings/programme';
import { exportCsv, type ExportKind } from '../spreadsheet/exportCsv';
import type { ImportKind } from '../spreadsheet/importColumns';
import { importPeople } from '../spreadsheet/importPeople';
import { importFileProblemLine, importProblemLine } from '../spreadsheet/importProblemLine';
import { CSV_LIMITS } from '../spreadsheet/parseCsv';
import { type ImportPreview, previewImport } from '../spreadsheet/previewImport';
import { oneLine } from '../text/oneLine';

/** What a command printed and its exit code. */
export interface Printed {
  lines: string[];
  code: number;
}

/**
 * `kompis import mentors|applicants FILE [--map HEADER=FIELD]… [--confirm]`: without `--confirm`,
 * the preview (each row's problems by row number; nothing is written); with it, the rows without a
 * problem are imported in one transaction and each person's personal code is printed.
 */
export function importCommand(store: Store, programme: Programme, args: { kind: ImportKind; file: string; confirm: boolean; mapping: Record<string, string>; now: Date }): Printed {
  const file = readCsvFile(args.file);
  if (file === 'tooLarge') return { lines: [`${args.file}: ${importFileProblemLine({ kind: 'tooLarge', maxBytes: CSV_LIMITS.maxBytes })}`], code: 1 };
  const request = { kind: args.kind, file, mapping: args.mapping };
  if (!args.confirm) {
    const preview = previewImport(store.db, programme, request);
    const lines = previewLines(preview, args.file);
    if (preview.fileProblems.length > 0) return { lines: [...lines, 'Nothing was imported. Put the file right and try again.'], code: 1 };
    const next =
      preview.ready > 0
        ? `Nothing was imported yet. To import the ${preview.ready} ready ${preview.ready === 1 ? 'row' : 'rows'}: npm run kompis -- import ${args.kind} ${args.file}${mapArgs(args.mapping)} --confirm`
        : 'Nothing can be imported: every row has a problem.';
    return { lines: [...lines, next], code: 0 };
  }
  const { preview, imported } = importPeople(store, programme, { ...request, actorId: null, now: args.now });
  if (preview.fileProblems.length > 0) return { lines: [...previewLines(preview, args.file), 'Nothing was imported. Put the file right and try again.'], code: 1 };
  const left = preview.rows.filter((r) => r.problems.length > 0).map((r) => r.row);
  return {
    lines: [
      `Imported ${imported.length} ${imported.length === 1 ? args.kind.replace(/s$/, '') : args.kind}.${left.length > 0 ? ` Left out, with problems: ${left.length === 1 ? 'row' : 'rows'} ${left.join(', ')} (see the preview).` : ''}`,
      ...(imported.length > 0
        ? [
            'Kompis writes to none of them until they start a chat with their personal code (/start CODE) and agree to the consent text.',
            'Hand each person their code:',
            ...imported.map((p) => `  #${p.participantId}  ${oneLine(p.name)}  ${p.code}`),
          ]
        : []),
    ],
    code: 0,
  };
}

/** `kompis import codes`: the imported people who have not started their chat yet, with their codes (audited). */
export function joinCodeLines(store: Store, programme: Programme, now: Date): string[] {
  const waiting = waitingJoinCodes(store.db, programme.id);
  if (waiting.length === 0) return ['Everyone imported has started their chat.'];
  // A code lets whoever holds it into the person's record: each one shown is written in the audit log.
  for (const p of waiting) audit(store.db, { programmeId: programme.id, actorId: null, action: 'viewJoinCode', subjectId: p.participantId, at: now });
  return [
    `${waiting.length} imported ${waiting.length === 1 ? 'person has' : 'people have'} not started their chat yet:`,
    ...waiting.map((p) => `  #${p.participantId}  ${oneLine(p.name)}  (${p.role})  ${p.code}`),
  ];
}

/** `kompis export applications|mentors|pairs [FILE]`: the CSV to FILE (readable by its owner only) or to the screen. */
export function exportCommand(store: Store, programme: Programme, args: { kind: ExportKind; file?: string; now: Date }): { csv: string; line?: string } {
  const csv = exportCsv(store.db, programme, { kind: args.kind, actorId: null, now: args.now });
  if (args.file === undefined) return { csv };
  try {
    writeFileSync(args.file, csv, { mode: 0o600 });
  } catch (err) {
    throw new OperatorError(`cannot write ${args.file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const rows = csv.split('\r\n').length - 2;
  return { csv, line: `The ${args.kind} are in ${args.file} (${rows} ${rows === 1 ? 'row' : 'rows'}).` };
}

function previewLines(preview: ImportPreview, file: string): string[] {
  if (preview.columns.length === 0) return preview.fileProblems.map((p) => `${file}: ${importFileProblemLine(p)}`);
  const withProblems = preview.rows.filter((r) => r.problems.length > 0);
  return [
    `${file}: ${preview.rows.length} ${preview.rows.length === 1 ? 'row' : 'rows'} of ${preview.kind}; ${preview.fileProblems.length > 0 ? 0 : preview.ready} ready, ${withProblems.length} with problems.`,
    `Columns: ${preview.columns.map((c) => `"${oneLine(c.header)}" → ${c.field ?? 'ignored'}`).join(', ')}`,
    ...preview.fileProblems.map((p) => `Problem: ${importFileProblemLine(p)}`),
    ...withProblems.map((r) => `Row ${r.row}${r.person.name === '' ? '' : ` (${oneLine(r.person.name)})`}: ${r.problems.map(importProblemLine).join('; ')}`),
  ];
}

function mapArgs(mapping: Record<string, string>): string {
  return Object.entries(mapping)
    .map(([header, field]) => ` --map "${header}=${field}"`)
    .join('');
}

function readCsvFile(path: string): Uint8Array | 'tooLarge' {
  try {
    // Not read at all when too large: the check costs nothing, whatever the file's size.
    if (statSync(path).size > CSV_LIMITS.maxBytes) return 'tooLarge';
    return readFileSync(path);
  } catch (err) {
    throw new OperatorError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
