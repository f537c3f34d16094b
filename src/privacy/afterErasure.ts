import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Store, Tx } from '../../db/client';
import { channelIdentities } from '../../db/schema';
import type { Logger } from '../runtime/logger';
import { parseRef } from '../delivery/outboxQueries';
import type { ChannelAdapter, ConversationRef } from '../channels/channel';

/** Where an erased person was reached: an adapter may keep something for them outside the database. */
export interface ErasedAddress {
  channel: string;
  conversationRef: ConversationRef;
}

/** A person's addresses, read in the erasing transaction before their channel identities go. */
export function addressesOf(tx: Tx, participantId: number): ErasedAddress[] {
  return tx
    .select({ channel: channelIdentities.channel, ref: channelIdentities.conversationRef })
    .from(channelIdentities)
    .where(eq(channelIdentities.participantId, participantId))
    .all()
    .flatMap((row) => {
      const conversationRef = parseRef(row.ref);
      return conversationRef ? [{ channel: row.channel, conversationRef }] : [];
    });
}

const checkpointSchema = z.array(z.object({ busy: z.number() }));

/**
 * Copies the write-ahead log into the database file and truncates it: the log keeps pages as they
 * were before a change (erased data among them) until a checkpoint. Not inside a transaction.
 */
export function emptyWal(store: Store, logger: Logger): void {
  try {
    const result = checkpointSchema.safeParse(store.sqlite.pragma('wal_checkpoint(TRUNCATE)'));
    // Busy: another process was reading; its next checkpoint (at the latest a clean stop) empties the log.
    if (!result.success || result.data[0]?.busy !== 0) logger.warn('write-ahead log not emptied after an erasure: the database is in use by another process');
  } catch (err) {
    logger.error('write-ahead log not emptied after an erasure', { err });
  }
}

/**
 * What is left to do once an erasure is committed, outside the transaction: the write-ahead log
 * still holds the pages as they were before (the person's answers among them) until a checkpoint, so
 * it is copied into the database file (where `secure_delete` overwrote them) and truncated at once;
 * and each adapter removes what it wrote for the person outside the database (the console's files).
 * Must not be called inside a transaction: a checkpoint cannot run there.
 */
export function afterErasure(options: { store: Store; adapters: readonly ChannelAdapter[]; logger: Logger }, erased: readonly ErasedAddress[]): void {
  const { store, adapters, logger } = options;
  if (erased.length === 0) return;
  emptyWal(store, logger);
  for (const address of erased) {
    const adapter = adapters.find((a) => a.channel === address.channel);
    try {
      adapter?.forget?.(address.conversationRef);
    } catch (err) {
      logger.error('could not remove what a channel kept for an erased person', { channel: address.channel, err });
    }
  }
}
