import { and, eq, sql } from 'drizzle-orm';
import { type Db, placeholders, type Tx } from '../../db/client';
import { channelIdentities, inboundEvents, mentors, participants } from '../../db/schema';

/** The statements every turn runs, prepared once per database (see `prepared` in db/client.ts). */

export function insertEvent(db: Db | Tx) {
  return db
    .insert(inboundEvents)
    .values(placeholders('channel', 'eventId', 'receivedAt'))
    .onConflictDoNothing()
    .prepare();
}

export function selectIdentity(db: Db | Tx) {
  return db
    .select({
      identityId: channelIdentities.id,
      conversationRef: channelIdentities.conversationRef,
      locale: channelIdentities.locale,
      handle: channelIdentities.handle,
      participantId: channelIdentities.participantId,
      language: participants.language,
      role: participants.role,
      unreachable: participants.unreachable,
    })
    .from(channelIdentities)
    .innerJoin(participants, eq(participants.id, channelIdentities.participantId))
    .where(and(eq(channelIdentities.channel, sql.placeholder('channel')), eq(channelIdentities.externalUserId, sql.placeholder('externalUserId'))))
    .prepare();
}

/** Someone who writes for the first time. */
export function insertParticipant(db: Db | Tx) {
  return db.insert(participants).values(placeholders('programmeId', 'lastActiveAt')).returning({ id: participants.id }).prepare();
}

export function insertIdentity(db: Db | Tx) {
  return db
    .insert(channelIdentities)
    .values(placeholders('participantId', 'channel', 'externalUserId', 'conversationRef', 'locale', 'handle'))
    .prepare();
}

/** Writing again shows the person can be reached again. */
export function markActive(db: Db | Tx) {
  return db
    .update(participants)
    .set({ lastActiveAt: sql`${sql.placeholder('lastActiveAt')}`, unreachable: false })
    .where(eq(participants.id, sql.placeholder('id')))
    .prepare();
}

/** A mentor's screening, which a mentor's turn outside a form reads. */
export function selectMentorScreening(db: Db | Tx) {
  return db
    .select({ screening: mentors.screening })
    .from(mentors)
    .where(eq(mentors.participantId, sql.placeholder('participantId')))
    .prepare();
}
