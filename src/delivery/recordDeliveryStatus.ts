import { and, eq, isNotNull, lt } from 'drizzle-orm';
import type { Store } from '../../db/client';
import { outbox, participants } from '../../db/schema';
import type { DeliveryStatus } from '../channels/channel';
import type { Clock } from '../runtime/clock';
import { SENT } from './outboxQueries';

/** How long a message whose delivery failed for a passing reason waits before it is sent again. */
export const RESEND_AFTER_MS = 60_000;
/** How long a sent message waits for its delivery report with its content. */
export const UNREPORTED_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Records what a platform reported about a message it accepted (`SendResult.messageId`). Delivered
 * or read: the message's content goes, as after any send. Failed for good: the message is given up,
 * and the person marked unreachable when the platform says they cannot be reached. Failed for a
 * passing reason (or outside the reply window): the message is pending again, to go in its place
 * among the person's messages; after `maxAttempts` tries it is given up like any other.
 * Returns whether a message was found.
 */
export function recordDeliveryStatus(deps: { store: Store; clock: Clock; maxAttempts: number }, status: DeliveryStatus): boolean {
  const { db } = deps.store;
  return db.transaction(
    (tx) => {
      // A message the platform never reported on keeps its content no longer than a day.
      const unreported = new Date(deps.clock.now().getTime() - UNREPORTED_AFTER_MS).toISOString();
      tx.update(outbox)
        .set({ message: SENT, platformMessageId: null })
        .where(and(eq(outbox.channel, status.channel), isNotNull(outbox.platformMessageId), eq(outbox.status, 'sent'), lt(outbox.sentAt, unreported)))
        .run();
      const row = tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.channel, status.channel), eq(outbox.platformMessageId, status.messageId)))
        .get();
      if (!row) return false;
      if (status.status === 'sent') return true;
      if (status.status === 'delivered' || status.status === 'read') {
        tx.update(outbox).set({ message: SENT, platformMessageId: null }).where(eq(outbox.id, row.id)).run();
        return true;
      }
      // Outside the reply window, the outbox holds it behind an invitation when it is tried again.
      const resend = !status.permanent && row.message !== SENT && row.attempts < deps.maxAttempts;
      if (resend) {
        const at = new Date(deps.clock.now().getTime() + RESEND_AFTER_MS).toISOString();
        tx.update(outbox)
          .set({ status: 'pending', nextAttemptAt: at, lastError: status.error ?? 'failed', sentAt: null, platformMessageId: null })
          .where(eq(outbox.id, row.id))
          .run();
        return true;
      }
      tx.update(outbox)
        .set({ status: 'dead', lastError: status.error ?? 'failed', message: SENT, platformMessageId: null })
        .where(eq(outbox.id, row.id))
        .run();
      if (status.unreachable || !status.permanent) tx.update(participants).set({ unreachable: true }).where(eq(participants.id, row.participantId)).run();
      return true;
    },
    { behavior: 'immediate' },
  );
}
