import type { Store, Tx } from '../../db/client';
import { applications, mentors, participants } from '../../db/schema';
import { newJoinCode } from '../people/joinCodes';
import { audit } from '../privacy/audit';
import type { Programme } from '../settings/programme';
import type { ImportKind } from './importColumns';
import { type ImportPreview, type ImportRequest, previewImport } from './previewImport';
import type { ImportedPerson } from './readImportRow';

/** Someone imported now, and the personal code the coordinator hands them to start their chat. */
export interface ImportedRow {
  row: number;
  participantId: number;
  name: string;
  code: string;
}

export interface ImportResult {
  /** The file read again at the moment of the import, so a person added since is not added twice. */
  preview: ImportPreview;
  imported: ImportedRow[];
}

/**
 * Imports the rows of the file that have no problem, all in one transaction: either every one of
 * them is in Kompis afterwards or none is. The file is checked again inside the transaction, so what
 * changed since the preview counts. Nothing is imported while the file as a whole has a problem.
 *
 * Each person gets a personal code and no chat: Kompis writes to nobody imported until they start a
 * chat with their code, and agree to the programme's consent text there first. `actorId` is the
 * coordinator (null: the operator at the command line); the import is audited.
 */
export function importPeople(store: Store, programme: Programme, request: ImportRequest & { actorId: number | null; now: Date }): ImportResult {
  return store.db.transaction((tx) => importPeopleIn(tx, programme, request), { behavior: 'immediate' });
}

/** `importPeople` inside a transaction the caller holds (the desk's request, with its session checked in it). */
export function importPeopleIn(tx: Tx, programme: Programme, request: ImportRequest & { actorId: number | null; now: Date }): ImportResult {
  const preview = previewImport(tx, programme, request);
  if (preview.fileProblems.length > 0) return { preview, imported: [] };
  const imported = preview.rows
    .filter((r) => r.problems.length === 0)
    .map((r) => {
      const participantId = insertPerson(tx, programme, { kind: request.kind, person: r.person, now: request.now });
      return { row: r.row, participantId, name: r.person.name, code: newJoinCode(tx, participantId, request.now) };
    });
  if (imported.length > 0) audit(tx, { programmeId: programme.id, actorId: request.actorId, action: 'importPeople', at: request.now });
  return { preview, imported };
}

/** The person as the chat would have stored them: a mentor in the mentor bank, or an applicant with an application. */
function insertPerson(tx: Tx, programme: Programme, at: { kind: ImportKind; person: ImportedPerson; now: Date }): number {
  const { person } = at;
  const now = at.now.toISOString();
  const role = at.kind === 'mentors' ? 'mentor' : 'applicant';
  const { id } = tx
    .insert(participants)
    .values({ programmeId: programme.id, role, name: person.name, language: person.language, lastActiveAt: now })
    .returning({ id: participants.id })
    .get();
  const answers = JSON.stringify(person.answers);
  if (at.kind === 'mentors') {
    // The programme's own list: the coordinator who imports it has screened these mentors already.
    tx.insert(mentors).values({ participantId: id, answers, capacity: person.capacity, screening: 'approved', registeredAt: now, updatedAt: now }).run();
  } else {
    // No consent version: the person has not agreed to anything yet; they are asked at their first message.
    tx.insert(applications)
      .values({ participantId: id, programmeId: programme.id, status: person.status, answers, flags: '[]', consentVersion: '', submittedAt: now, updatedAt: now })
      .run();
  }
  return id;
}
