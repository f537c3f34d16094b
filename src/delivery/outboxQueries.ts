import { and, eq, getTableColumns, gt, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, orderWithLimit, type Tx } from '../../db/client';
import { outbox, participants } from '../../db/schema';
import type { OutMessage } from '../text/messages';
import type { ConversationRef } from '../channels/channel';
import { messageSchema } from './messageSchema';
import { parseJson, parseJsonWrittenHere } from '../runtime/parseJson';
import { queuedHere } from './enqueue';

/** How many due messages one query reads. */
export const DUE_BATCH = 100;
/** What a sent or given-up message's row keeps instead of its content. */
export const SENT = '{"lines":[]}';

// The queries a drain runs for every message (see `due`, `claim` and `deliver`), kept in the store's statement cache.

/** The due messages of these channels, a page after the id `after`. */
export function selectDue(db: Db | Tx, ...channels: string[]) {
  return dueQuery(db, channels, gt(outbox.id, sql.placeholder('after')));
}

/**
 * The due messages of these channels to people who wrote since `since`, the first page: read before
 * the others while the channel's pace holds messages back, so a person in a conversation is not
 * answered behind a broadcast or the month's check-ins to everybody else.
 */
export function selectDueToActive(db: Db | Tx, ...channels: string[]) {
  return dueQuery(db, channels, sql`exists (select 1 from participants p where p.id = outbox.participant_id and p.last_active_at >= ${sql.placeholder('since')})`);
}

function dueQuery(db: Db | Tx, channels: string[], which: SQL) {
  const now = sql.placeholder('now');
  return db
    .select({
      ...getTableColumns(outbox),
      // Whether the person has a later message waiting: it is read in the pass after this one is sent.
      more: sql<boolean>`exists (select 1 from outbox o3 where o3.participant_id = outbox.participant_id
        and o3.status = 'pending' and o3.id > outbox.id)`.mapWith(Boolean),
    })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        lte(outbox.nextAttemptAt, now),
        which,
        // Messages for a channel this process does not serve wait for one that does.
        inArray(outbox.channel, channels),
        // Correlated subqueries name the outer table themselves: drizzle leaves a single table's columns unqualified.
        // Only a person's first waiting message is read, so a pass reads one message per person
        // however many wait for them (a chat that forwarded sixty). An older message holds the later
        // ones back when it is not due (waiting to be tried again, or being sent) or is for a channel
        // this process serves; one for a channel served elsewhere is no reason to wait. A reply
        // invitation is read behind the messages it lets out: they wait for it.
        sql`not exists (select 1 from outbox o2 where o2.participant_id = outbox.participant_id
              and o2.status = 'pending' and o2.id < outbox.id
              and (o2.next_attempt_at > ${now} or (${inArray(sql`o2.channel`, channels)} and outbox.dedupe_key not like ${`${INVITATION_KEY}%`})))`,
        // Nobody is written to after they blocked the bot, until they write again.
        sql`not exists (select 1 from participants p where p.id = outbox.participant_id and p.unreachable = 1)`,
      ),
    )
    .orderBy(orderWithLimit(DUE_BATCH, outbox.id))
    .prepare();
}

/**
 * Claims a due message for a lease (see `claim`), returning a row when it was claimed, with whether
 * its recipient is erased (their rows go once it is sent: see `OutboxOptions.afterDelivery`).
 */
export function claimRow(db: Db | Tx) {
  const now = sql.placeholder('now');
  return db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: sql`${sql.placeholder('leaseEnd')}` })
    .where(and(eq(outbox.id, sql.placeholder('id')), eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .returning({ erased: sql<number>`(select p.erased_at is not null from participants p where p.id = outbox.participant_id)` })
    .prepare();
}

export function markSent(db: Db | Tx) {
  return db
    .update(outbox)
    .set({ status: 'sent', sentAt: sql`${sql.placeholder('sentAt')}`, lastError: null, message: SENT })
    .where(eq(outbox.id, sql.placeholder('id')))
    .prepare();
}

/**
 * Marks a message sent on a channel that reports delivery later: it keeps its content (a temporary
 * failure sends it again) and the platform's id, until the platform reports it delivered.
 */
export function markSentAwaitingDelivery(db: Db | Tx) {
  return db
    .update(outbox)
    .set({ status: 'sent', sentAt: sql`${sql.placeholder('sentAt')}`, lastError: null, platformMessageId: sql`${sql.placeholder('messageId')}` })
    .where(eq(outbox.id, sql.placeholder('id')))
    .prepare();
}

/** When the person last wrote (see `Outbox.waitsForReply`). */
export function selectLastActive(db: Db | Tx) {
  return db
    .select({ lastActiveAt: participants.lastActiveAt })
    .from(participants)
    .where(eq(participants.id, sql.placeholder('id')))
    .prepare();
}

/** The dedupe key of the reply invitation for a silence: one per person and time they last wrote. */
export const INVITATION_KEY = 'invite:';

const refSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** A stored address to write to (a row's `conversation_ref`), or undefined when it does not parse. */
export function parseRef(json: string): ConversationRef | undefined {
  return parseJson(json, refSchema);
}

/** A queued message; one this process queued itself is not checked again. */
export function parseMessage(json: string): OutMessage | undefined {
  return parseJsonWrittenHere(json, messageSchema, queuedHere);
}
