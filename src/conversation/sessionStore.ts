import { eq, sql } from 'drizzle-orm';
import { type Db, placeholders, prepared, type Tx } from '../../db/client';
import { flowStates } from '../../db/schema';
import { isEmptySession, parseSession, type Session } from './session';

/** A person's stored session row: null when there is none, `session` undefined when it cannot be read. */
export function loadSession(tx: Tx, participantId: number) {
  const stored = prepared(tx, selectSession).get({ participantId });
  return stored ? { session: parseSession(stored.state), updatedAt: stored.updatedAt } : null;
}

export function saveSession(tx: Tx, participantId: number, session: Session | null, now: Date): void {
  if (session === null || isEmptySession(session)) {
    tx.delete(flowStates).where(eq(flowStates.participantId, participantId)).run();
    return;
  }
  const row = {
    flowId: session.form?.flowId ?? 'none',
    flowVersion: session.form?.version ?? 0,
    state: JSON.stringify(session),
    updatedAt: now.toISOString(),
  };
  prepared(tx, upsertSession).run({ participantId, ...row });
}

function selectSession(db: Db | Tx) {
  return db
    .select()
    .from(flowStates)
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
