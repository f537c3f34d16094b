import { and, eq } from 'drizzle-orm';
import type { Store } from '../../db/client';
import { channelIdentities, participants } from '../../db/schema';
import type { ChannelName, ConversationRef } from '../channels/channel';
import type { Programme } from '../settings/programme';

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
  const { channel } = target;
  // A WhatsApp id is the phone number in international form, as WhatsApp writes it: 4791234567@c.us.
  const id = channel === 'whatsapp' && /^\+?\d+$/.test(target.id) ? `${target.id.replace('+', '')}@c.us` : target.id;
  if (channel === 'telegram' && !/^\d+$/.test(id)) {
    throw new Error(`a Telegram id is the user's number, for example telegram:123456789, not "${id}"`);
  }
  if (channel === 'whatsapp' && !/^\d+@c\.us$/.test(id)) {
    throw new Error(`a WhatsApp id is the phone number with the country code, for example whatsapp:4791234567, not "${target.id}"`);
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
      const ref: ConversationRef = channel === 'telegram' ? { chatId: Number(id) } : channel === 'whatsapp' ? { chatId: id } : { user: id };
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
