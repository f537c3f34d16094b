import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { type Db, placeholders, prepared, type Tx } from '../../db/client';
import { flowStates } from '../../db/schema';
import { isEmptySession, parseSession, type Session } from './session';

/**
 * A digest of the session this process last wrote for each person: a stored session that is exactly
 * what it wrote was a `Session` when written, so it is read without checking it again. Anything else
 * (written by another process or version, or by hand) is checked as it comes off disk. Only digests
 * are kept, nothing a person wrote; beyond this many people the oldest are forgotten.
 */
const written = new Map<number, string>();
const MAX_WRITTEN = 20_000;

function digest(json: string): string {
  return createHash('sha1').update(json).digest('base64');
}

/** A person's stored session row: null when there is none, `session` undefined when it cannot be read. */
export function loadSession(tx: Tx, participantId: number) {
  const stored = prepared(tx, selectSession).get({ participantId });
  if (!stored) return null;
  const own = written.get(participantId) === digest(stored.state);
  return { session: own ? (JSON.parse(stored.state) as Session) : parseSession(stored.state), updatedAt: stored.updatedAt };
}

export function saveSession(tx: Tx, participantId: number, session: Session | null, now: Date): void {
  written.delete(participantId);
  if (session === null || isEmptySession(session)) {
    prepared(tx, deleteSession).run({ participantId });
    return;
  }
  const row = {
    flowId: session.form?.flowId ?? 'none',
    flowVersion: session.form?.version ?? 0,
    state: JSON.stringify(session),
    updatedAt: now.toISOString(),
  };
  prepared(tx, upsertSession).run({ participantId, ...row });
  if (written.size >= MAX_WRITTEN) written.delete(written.keys().next().value ?? participantId);
  written.set(participantId, digest(row.state));
}

function selectSession(db: Db | Tx) {
  return db
    .select()
    .from(flowStates)
    .where(eq(flowStates.participantId, sql.placeholder('participantId')))
    .prepare();
}

function deleteSession(db: Db | Tx) {
  return db
    .delete(flowStates)
    .where(eq(flowStates.participantId, sql.placeholder('participantId')))
    .prepare();
}

function upsertSession(db: Db | Tx) {
  return db
    .insert(flowStates)
    .values(placeholders('participantId', 'flowId', 'flowVersion', 'state', 'updatedAt'))
    .onConflictDoUpdate({
      target: flowStates.participantId,
      set: {
        flowId: sql`excluded.flow_id`,
        flowVersion: sql`excluded.flow_version`,
        state: sql`excluded.state`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .prepare();
}
