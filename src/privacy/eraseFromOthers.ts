import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { checkins, flowStates, outbox, pairs } from '../../db/schema';
import { parseSession } from '../conversation/session';
import { messageSchema } from '../delivery/messageSchema';
import { SENT } from '../delivery/outboxQueries';
import { parseJson } from '../runtime/parseJson';
import { messageWithoutPerson, sessionWithoutPerson } from './withoutPerson';
import { memberOf } from '../pairs/pairs';

/**
 * Takes an erased person out of what others still have waiting: messages about them (their answers,
 * goals, notes) are not sent; in other waiting messages and in others' open conversations their name
 * is taken out of exactly the texts tagged with their id. Stored JSON is parsed, changed field by
 * field, checked and written back whole, never edited as text: a name can be any word, and another
 * person can have the same one.
 */
export function eraseFromOthers(tx: Tx, participantId: number): void {
  const pairIds = new Set(
    tx
      .select({ id: pairs.id })
      .from(pairs)
      .where(memberOf(participantId))
      .all()
      .map((p) => p.id),
  );
  const checkinIds = new Set(
    pairIds.size === 0
      ? []
      : tx
          .select({ id: checkins.id })
          .from(checkins)
          .where(inArray(checkins.pairId, [...pairIds]))
          .all()
          .map((c) => c.id),
  );

  const waiting = tx
    .select({ id: outbox.id, message: outbox.message })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), ne(outbox.participantId, participantId)))
    .all();
  for (const row of waiting) {
    // An unreadable row is given up when its turn comes, and then keeps no text.
    const message = parseJson(row.message, messageSchema);
    if (!message) continue;
    const kept = messageWithoutPerson(message, participantId);
    if (kept === undefined) {
      tx.delete(outbox).where(eq(outbox.id, row.id)).run();
      continue;
    }
    const json = JSON.stringify(kept);
    if (json !== JSON.stringify(message) && parseJson(json, messageSchema)) {
      tx.update(outbox).set({ message: json }).where(eq(outbox.id, row.id)).run();
    }
  }
  // Messages given up by an earlier version kept their text; none may keep this person's.
  tx.update(outbox)
    .set({ message: SENT })
    .where(and(eq(outbox.status, 'dead'), ne(outbox.message, SENT)))
    .run();

  const open = tx.select({ participantId: flowStates.participantId, state: flowStates.state }).from(flowStates).where(ne(flowStates.participantId, participantId)).all();
  for (const row of open) {
    const session = parseSession(row.state);
    if (!session) continue;
    const json = JSON.stringify(sessionWithoutPerson(session, { id: participantId, pairIds, checkinIds }));
    if (json !== JSON.stringify(session) && parseSession(json)) {
      tx.update(flowStates).set({ state: json }).where(eq(flowStates.participantId, row.participantId)).run();
    }
  }
}
