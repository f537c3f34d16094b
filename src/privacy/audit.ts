import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { auditLog } from '../../db/schema';

export type AuditAction = (typeof auditLog.$inferInsert)['action'];

/** Writes down that `actorId` (null: the operator) saw `subjectId`'s data, or a report. */
export function audit(tx: Tx | Db, entry: { programmeId: string; actorId: number | null; action: AuditAction; subjectId?: number; at: Date }): void {
  tx.insert(auditLog)
    .values({ programmeId: entry.programmeId, actorId: entry.actorId, action: entry.action, subjectId: entry.subjectId ?? null, at: entry.at.toISOString() })
    .run();
}

/** Writes down that `actorId` saw each of `subjectIds` (a list's rows), in one statement. */
export function auditEach(tx: Tx, entry: { programmeId: string; actorId: number | null; action: AuditAction; at: Date }, subjectIds: number[]): void {
  if (subjectIds.length === 0) return;
  const at = entry.at.toISOString();
  tx.insert(auditLog)
    .values(subjectIds.map((subjectId) => ({ programmeId: entry.programmeId, actorId: entry.actorId, action: entry.action, subjectId, at })))
    .run();
}

/** The audit log as lines for the operator, oldest first; only entries about `personId` when given. */
export function auditLines(db: Db, programmeId: string, personId?: number): string[] {
  const rows = db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.programmeId, programmeId), personId === undefined ? undefined : eq(auditLog.subjectId, personId)))
    .orderBy(asc(auditLog.id))
    .all();
  if (rows.length === 0) return ['The audit log is empty.'];
  return rows.map((r) => {
    const who = r.actorId === null ? 'operator' : `coordinator #${r.actorId}`;
    return `${r.at}  ${who}  ${r.action}${r.subjectId === null ? '' : `  person #${r.subjectId}`}`;
  });
}
