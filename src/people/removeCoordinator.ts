import { and, eq } from 'drizzle-orm';
import type { Store } from '../../db/client';
import { channelIdentities, mentors, outbox, pairs, participants } from '../../db/schema';
import type { ChannelName } from '../channels/channel';
import { CHANNELS } from '../../adapters/channels';

/**
 * Takes the coordinator role from the person behind `channel:id` (their own application or mentor
 * registration, if any, stays theirs): from their next message on, coordinator commands are refused,
 * and messages not yet sent to them are deleted.
 * Returns what was done, in words for the operator; throws when there is no such coordinator.
 */
export function removeCoordinator(store: Store, target: { channel: ChannelName; id: string }): string {
  const { channel } = target;
  const id = CHANNELS[channel].identity(target.id).externalUserId;
  return store.db.transaction(
    (tx) => {
      const found = tx
        .select({ id: participants.id, role: participants.role })
        .from(channelIdentities)
        .innerJoin(participants, eq(participants.id, channelIdentities.participantId))
        .where(and(eq(channelIdentities.channel, channel), eq(channelIdentities.externalUserId, id)))
        .get();
      if (!found) throw new Error(`nobody has written from ${channel}:${id}; see npm run kompis -- coordinator list`);
      if (found.role !== 'coordinator') throw new Error(`${channel}:${id} is not a coordinator; see npm run kompis -- coordinator list`);
      // The role they had besides: a registered mentor, a mentee in a pair, else an applicant.
      const mentor = tx.select({ id: mentors.participantId }).from(mentors).where(eq(mentors.participantId, found.id)).get();
      const mentee = tx.select({ id: pairs.id }).from(pairs).where(eq(pairs.menteeId, found.id)).get();
      const role = mentor ? 'mentor' : mentee ? 'mentee' : 'applicant';
      tx.update(participants).set({ role }).where(eq(participants.id, found.id)).run();
      // What waits for them was queued while they were a coordinator (new applications, alerts):
      // it does not go out to someone who may not see it any more.
      const dropped = tx
        .delete(outbox)
        .where(and(eq(outbox.participantId, found.id), eq(outbox.status, 'pending')))
        .run().changes;
      const note = dropped === 0 ? '' : ` ${dropped === 1 ? 'One message' : `${dropped} messages`} waiting for them ${dropped === 1 ? 'was' : 'were'} deleted.`;
      return `${channel}:${id} is no longer a coordinator.${note}`;
    },
    { behavior: 'immediate' },
  );
}
