import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { gatherings } from '../../db/schema';
import type { Programme } from '../settings/programme';
import { type Gathering, invitesOf, isAhead } from './gatherings';
import { tellInvited } from './gatheringMessages';

export interface GatheringChange {
  startsAt?: Date;
  endsAt?: Date;
  place?: string;
}

export type ChangeResult = { ok: true; told: number } | { ok: false; problem: 'over' | 'time' | 'place' };

/**
 * Moves a gathering or changes its place, and tells everyone invited who did not say no, with the
 * new calendar file (its sequence number goes up, so calendars replace the event). Each change is
 * told once per person: the key names the gathering's version.
 */
export function changeGathering(tx: Tx, programme: Programme, input: { gathering: Gathering; change: GatheringChange }, now: Date): ChangeResult {
  const g = input.gathering;
  if (!isAhead(g, now)) return { ok: false, problem: 'over' };
  const startsAt = input.change.startsAt?.toISOString() ?? g.startsAt;
  const endsAt = input.change.endsAt?.toISOString() ?? g.endsAt;
  if (!(endsAt > startsAt) || startsAt <= now.toISOString()) return { ok: false, problem: 'time' };
  const place = input.change.place?.trim() ?? g.place;
  if (place === '') return { ok: false, problem: 'place' };
  const changed = tx
    .update(gatherings)
    .set({ startsAt, endsAt, place, version: g.version + 1, updatedAt: now.toISOString() })
    .where(eq(gatherings.id, g.id))
    .returning()
    .get();
  let told = 0;
  for (const invite of invitesOf(tx, g.id)) {
    if (invite.invitedAt === null || invite.answer === 'no') continue;
    const key = `gathering-change:${g.id}:${changed.version}:${invite.participantId}`;
    if (tellInvited(tx, programme, { gathering: changed, participantId: invite.participantId, kind: 'changed', dedupeKey: key, now })) told++;
  }
  return { ok: true, told };
}

/** Cancels a gathering and tells everyone invited, once each. */
export function cancelGathering(tx: Tx, programme: Programme, input: { gathering: Gathering }, now: Date): ChangeResult {
  const g = input.gathering;
  if (!isAhead(g, now)) return { ok: false, problem: 'over' };
  const cancelled = tx
    .update(gatherings)
    .set({ status: 'cancelled', version: g.version + 1, updatedAt: now.toISOString() })
    .where(eq(gatherings.id, g.id))
    .returning()
    .get();
  let told = 0;
  for (const invite of invitesOf(tx, g.id)) {
    if (invite.invitedAt === null) continue;
    const key = `gathering-cancel:${g.id}:${invite.participantId}`;
    if (tellInvited(tx, programme, { gathering: cancelled, participantId: invite.participantId, kind: 'cancelled', dedupeKey: key, now })) told++;
  }
  return { ok: true, told };
}
