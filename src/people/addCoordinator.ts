import { and, eq } from 'drizzle-orm';
import type { Store, Tx } from '../../db/client';
import { channelIdentities, participants } from '../../db/schema';
import type { ChannelName } from '../channels/channel';
import type { Programme } from '../settings/programme';
import { notify } from '../conversation/notify';
import { CHANNELS } from '../../adapters/channels';
import { coordinatorJoinedNotices } from './coordinatorJoinedNotices';
import { participant } from './people';

/**
 * Makes the person behind `channel:id` a coordinator of the programme, creating them if they have
 * not written yet (a Telegram user id is also their private chat's id). Returns what was done, in
 * words for the operator.
 */
export function addCoordinator(store: Store, programme: Programme, target: { channel: ChannelName; id: string }, now: Date): string {
  const { channel } = target;
  const { externalUserId: id, conversationRef: ref } = CHANNELS[channel].identity(target.id);
  return store.db.transaction(
    (tx) => {
      const found = tx
        .select({ participantId: channelIdentities.participantId })
        .from(channelIdentities)
        .where(and(eq(channelIdentities.channel, channel), eq(channelIdentities.externalUserId, id)))
        .get();
      if (found) {
        if (participant(tx, found.participantId)?.role === 'coordinator') return `${channel}:${id} is a coordinator already.`;
        tellCoordinators(tx, programme, found.participantId, now);
        tx.update(participants).set({ role: 'coordinator' }).where(eq(participants.id, found.participantId)).run();
        return `${channel}:${id} is now a coordinator.`;
      }
      const person = tx.insert(participants).values({ programmeId: programme.id, role: 'coordinator', lastActiveAt: now.toISOString() }).returning({ id: participants.id }).get();
      tx.insert(channelIdentities)
        .values({ participantId: person.id, channel, externalUserId: id, conversationRef: JSON.stringify(ref) })
        .run();
      tellCoordinators(tx, programme, person.id, now);
      return `${channel}:${id} is now a coordinator. They can write to the bot now.`;
    },
    { behavior: 'immediate' },
  );
}

/** The other coordinators hear of the new one (keyed per person, so a repeated command tells once). */
function tellCoordinators(tx: Tx, programme: Programme, newId: number, now: Date): void {
  for (const notice of coordinatorJoinedNotices(tx, programme.id, newId, 'operator')) {
    notify(tx, programme, { ...notice, dedupeKey: `coordinator-added:${newId}:${notice.participantId}:${now.toISOString()}` }, now);
  }
}
