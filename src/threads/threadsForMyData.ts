import { and, asc, eq, ne } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { threads } from '../../db/schema';
import { messagesOf } from './threads';

/**
 * A person's threads with the coordinators, for `/mydata`: every message as it was written, and who
 * wrote it as "you" or "coordinator" (a coordinator's account is never part of it).
 */
export function threadsForMyData(tx: Tx, participantId: number) {
  return tx
    .select()
    .from(threads)
    .where(and(eq(threads.participantId, participantId), ne(threads.kind, 'relay')))
    .orderBy(asc(threads.id))
    .all()
    .map((thread) => ({
      conversation: thread.id,
      status: thread.status,
      openedAt: thread.openedAt,
      closedAt: thread.closedAt,
      messages: messagesOf(tx, thread.id).map((m) => ({ from: m.fromCoordinator ? 'coordinator' : 'you', at: m.sentAt, text: m.text })),
    }));
}
