import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { gatheringInvites } from '../../db/schema';
import type { Programme } from '../settings/programme';
import { countsOf, type Gathering, inviteOf, isAhead, type Rsvp } from './gatherings';
import { tellInvited } from './gatheringMessages';

export type AnswerResult = { ok: true; answer: Rsvp | 'waiting'; waitingPlace?: number } | { ok: false; problem: 'notInvited' | 'over' };

/**
 * A person's answer to a gathering they were invited to. A yes to a full gathering puts them on the
 * waiting list; a yes given up (no or maybe) gives its place to the one who waited longest, who is
 * told at once. Answering the same again changes nothing.
 */
export function answerGathering(tx: Tx, programme: Programme, input: { gathering: Gathering; participantId: number; answer: Rsvp }, now: Date): AnswerResult {
  const g = input.gathering;
  const invite = inviteOf(tx, g.id, input.participantId);
  if (!invite?.invitedAt) return { ok: false, problem: 'notInvited' };
  if (!isAhead(g, now)) return { ok: false, problem: 'over' };
  const before = invite.answer;
  if (before === input.answer || (before === 'waiting' && input.answer === 'yes')) {
    return before === 'waiting' ? { ok: true, answer: 'waiting', waitingPlace: waitingPlace(tx, g.id, input.participantId) } : { ok: true, answer: input.answer };
  }
  const full = g.capacity !== null && countsOf(tx, g.id).yes >= g.capacity;
  const answer = input.answer === 'yes' && full ? 'waiting' : input.answer;
  tx.update(gatheringInvites).set({ answer, answeredAt: now.toISOString() }).where(eq(gatheringInvites.id, invite.id)).run();
  if (before === 'yes') fillFreePlaces(tx, programme, g, now);
  return answer === 'waiting' ? { ok: true, answer, waitingPlace: waitingPlace(tx, g.id, input.participantId) } : { ok: true, answer };
}

/**
 * Gives the free places to those waiting, the longest first, and tells each that they have one. The
 * key names the moment, so a person who gets a place a second time (after giving one up) is told again.
 */
export function fillFreePlaces(tx: Tx, programme: Programme, g: Gathering, now: Date): void {
  if (g.capacity === null) return;
  const free = g.capacity - countsOf(tx, g.id).yes;
  if (free <= 0) return;
  for (const next of waitingList(tx, g.id).slice(0, free)) {
    tx.update(gatheringInvites).set({ answer: 'yes', answeredAt: now.toISOString() }).where(eq(gatheringInvites.id, next.id)).run();
    tellInvited(tx, programme, {
      gathering: g,
      participantId: next.participantId,
      kind: 'placeOpened',
      dedupeKey: `gathering-place:${g.id}:${next.participantId}:${now.toISOString()}`,
      now,
    });
  }
}

function waitingList(tx: Tx, gatheringId: number) {
  return tx
    .select()
    .from(gatheringInvites)
    .where(and(eq(gatheringInvites.gatheringId, gatheringId), eq(gatheringInvites.answer, 'waiting')))
    .orderBy(asc(gatheringInvites.answeredAt), asc(gatheringInvites.id))
    .all();
}

/** The person's place on the waiting list, from 1. */
function waitingPlace(tx: Tx, gatheringId: number, participantId: number): number {
  return waitingList(tx, gatheringId).findIndex((i) => i.participantId === participantId) + 1;
}
