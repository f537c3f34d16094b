import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { type Db, orderWithLimit, prepared, type Tx } from '../../db/client';
import { applications, channelIdentities, participants, pairs } from '../../db/schema';
import type { OutMessage, Text } from '../text/messages';
import { personLabel, personName } from '../text/personText';

/** A message for someone other than the person whose turn it is (a coordinator, the other of a pair). */
export interface Notice {
  participantId: number;
  message: OutMessage;
}

export type ApplicationStatus = (typeof applications.$inferSelect)['status'];

/** Pairs that hold a mentee and take a mentor's room: waiting for answers, running or paused. */
export const OPEN_PAIR_STATES = ['proposed', 'active', 'paused'] as const;

export function participant(tx: Tx, id: number) {
  return prepared(tx, selectParticipant).get({ id });
}

function selectParticipant(db: Db | Tx) {
  return db.select().from(participants).where(eq(participants.id, sql.placeholder('id'))).prepare();
}

/** "#12 Amina": how coordinators see a person (see `personLabel`). */
export function label(person: { id: number; name: string | null }): Text {
  return personLabel(person);
}

export function coordinatorsOf(tx: Tx, programmeId: string): number[] {
  return tx
    .select({ id: participants.id })
    .from(participants)
    .where(and(eq(participants.programmeId, programmeId), eq(participants.role, 'coordinator')))
    .all()
    .map((r) => r.id);
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

/** The proposed, active or paused pair a mentee is in, if any. */
export function openPairOf(tx: Tx, menteeId: number) {
  return prepared(tx, selectOpenPair).get({ menteeId });
}

function selectOpenPair(db: Db | Tx) {
  return db
    .select()
    .from(pairs)
    .where(and(eq(pairs.menteeId, sql.placeholder('menteeId')), inArray(pairs.status, [...OPEN_PAIR_STATES])))
    .prepare();
}

/** The proposed, active or paused pair a person is in, as mentee or mentor, with the other's name. */
export function pairSummaryOf(tx: Tx, participantId: number) {
  const pair = tx
    .select()
    .from(pairs)
    .where(or(eq(pairs.menteeId, participantId), eq(pairs.mentorId, participantId)))
    .all()
    .find((p) => p.status === 'proposed' || p.status === 'active' || p.status === 'paused');
  if (pair?.status !== 'proposed' && pair?.status !== 'active' && pair?.status !== 'paused') return null;
  const otherId = partnerOf(pair, participantId);
  return { status: pair.status, partner: personName({ id: otherId, name: participant(tx, otherId)?.name ?? null }) };
}

/** The other member of a pair. */
export function partnerOf(pair: { menteeId: number; mentorId: number }, memberId: number): number {
  return pair.menteeId === memberId ? pair.mentorId : pair.menteeId;
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
