import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, orderWithLimit, prepared, type Tx } from '../../db/client';
import { applications, channelIdentities, participants } from '../../db/schema';
import type { OutMessage, Text } from '../text/messages';
import { personName } from '../text/personText';

/** A message for someone other than the person whose turn it is (a coordinator, the other of a pair). */
export interface Notice {
  participantId: number;
  message: OutMessage;
}

export type ApplicationStatus = (typeof applications.$inferSelect)['status'];

export function participant(tx: Tx, id: number) {
  return prepared(tx, selectParticipant).get({ id });
}

/** A person's name as Kompis writes it (see `personName`), read on its own (a message naming the partner). */
export function personNameOf(tx: Tx, id: number): Text {
  return personName({ id, name: prepared(tx, selectName).get({ id })?.name ?? null });
}

function selectName(db: Db | Tx) {
  return db
    .select({ name: participants.name })
    .from(participants)
    .where(eq(participants.id, sql.placeholder('id')))
    .prepare();
}

/** The names of many people in one query (for a list), by id; an id not found is left out. */
export function namesOf(tx: Tx, ids: number[]): Map<number, { id: number; name: string | null }> {
  const unique = [...new Set(ids)];
  const found = new Map<number, { id: number; name: string | null }>();
  // SQLite takes some thousands of variables in one statement: a long list is read in parts.
  for (let i = 0; i < unique.length; i += 500) {
    const part = unique.slice(i, i + 500);
    for (const row of tx.select({ id: participants.id, name: participants.name }).from(participants).where(inArray(participants.id, part)).all()) found.set(row.id, row);
  }
  return found;
}

function selectParticipant(db: Db | Tx) {
  return db
    .select()
    .from(participants)
    .where(eq(participants.id, sql.placeholder('id')))
    .prepare();
}

export function coordinatorsOf(tx: Tx, programmeId: string): number[] {
  return prepared(tx, selectCoordinators)
    .all({ programmeId })
    .map((r) => r.id);
}

function selectCoordinators(db: Db | Tx) {
  return db
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.programmeId, sql.placeholder('programmeId')), eq(participants.role, 'coordinator')))
    .prepare();
}

export function latestApplicationOf(tx: Tx, participantId: number) {
  return prepared(tx, selectLatestApplication).get({ participantId });
}

function selectLatestApplication(db: Db | Tx) {
  return db
    .select()
    .from(applications)
    .where(eq(applications.participantId, sql.placeholder('participantId')))
    .orderBy(orderWithLimit(1, desc(applications.id)))
    .prepare();
}

/**
 * What a message to a participant needs in one read: their role, language and whether they can be
 * reached, with the address they wrote from last (as `addressOf`); undefined without an address.
 */
export function recipientOf(tx: Tx, participantId: number) {
  return prepared(tx, selectRecipient).get({ participantId });
}

function selectRecipient(db: Db | Tx) {
  return db
    .select({
      role: participants.role,
      language: participants.language,
      unreachable: participants.unreachable,
      channel: channelIdentities.channel,
      conversationRef: channelIdentities.conversationRef,
      locale: channelIdentities.locale,
    })
    .from(participants)
    .innerJoin(channelIdentities, eq(channelIdentities.id, sql`(select max(ci.id) from channel_identities ci where ci.participant_id = ${participants.id})`))
    .where(eq(participants.id, sql.placeholder('participantId')))
    .prepare();
}

/** Where to reach a participant: the channel they wrote from last. */
export function addressOf(tx: Tx, participantId: number) {
  return prepared(tx, selectAddress).get({ participantId });
}

function selectAddress(db: Db | Tx) {
  return db
    .select()
    .from(channelIdentities)
    .where(eq(channelIdentities.participantId, sql.placeholder('participantId')))
    .orderBy(orderWithLimit(1, desc(channelIdentities.id)))
    .prepare();
}
