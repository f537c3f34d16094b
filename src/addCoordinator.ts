import { and, eq } from 'drizzle-orm';
import type { Store } from '../db/client';
import { channelIdentities, participants } from '../db/schema';
import type { ChannelName, ConversationRef } from './messages';
import type { Programme } from './programme';

/**
 * Makes the person behind `channel:id` a coordinator of the programme, creating them if they have
 * not written yet (a Telegram user id is also their private chat's id). Returns what was done, in
 * words for the operator.
 */
export function addCoordinator(
  store: Store,
  programme: Programme,
  target: { channel: ChannelName; id: string },
  now: Date,
): string {
  const { channel, id } = target;
  if (channel === 'telegram' && !/^\d+$/.test(id)) {
    throw new Error(`a Telegram id is the user's number, for example telegram:123456789, not "${id}"`);
  }
  return store.db.transaction(
    (tx) => {
      const found = tx
        .select({ participantId: channelIdentities.participantId })
        .from(channelIdentities)
        .where(and(eq(channelIdentities.channel, channel), eq(channelIdentities.externalUserId, id)))
        .get();
      if (found) {
        tx.update(participants).set({ role: 'coordinator' }).where(eq(participants.id, found.participantId)).run();
        return `${channel}:${id} is now a coordinator.`;
      }
      const ref: ConversationRef = channel === 'telegram' ? { chatId: Number(id) } : { user: id };
      const person = tx
        .insert(participants)
        .values({ programmeId: programme.id, role: 'coordinator', lastActiveAt: now.toISOString() })
        .returning({ id: participants.id })
        .get();
      tx.insert(channelIdentities)
        .values({ participantId: person.id, channel, externalUserId: id, conversationRef: JSON.stringify(ref) })
        .run();
      return `${channel}:${id} is now a coordinator. They can write to the bot now.`;
    },
    { behavior: 'immediate' },
  );
}
