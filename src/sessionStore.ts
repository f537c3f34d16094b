import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { flowStates } from '../db/schema';
import { isEmptySession, parseSession, type Session } from './session';

/** A person's stored session row: null when there is none, `session` undefined when it cannot be read. */
export function loadSession(tx: Tx, participantId: number) {
  const stored = tx.select().from(flowStates).where(eq(flowStates.participantId, participantId)).get();
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
  tx.insert(flowStates)
    .values({ participantId, ...row })
    .onConflictDoUpdate({ target: flowStates.participantId, set: row })
    .run();
}
