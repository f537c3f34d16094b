import { randomInt } from 'node:crypto';
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { gatheringInvites, gatherings, participants } from '../../db/schema';
import { type Segment, segmentMembers, segmentText } from '../people/segments';
import type { Programme } from '../settings/programme';
import type { GatheringKind } from './gatherings';
import { tellInvited } from './gatheringMessages';

/** Who is invited: the members of a segment, or people named by their numbers. */
export type Audience = { segment: Segment } | { people: number[] };

export interface NewGathering {
  kind: GatheringKind;
  /** Per language (`{ en: "…" }`); a language without one gets the default language's, else the first. */
  title: Record<string, string>;
  description: Record<string, string>;
  startsAt: Date;
  endsAt: Date;
  /** An address or a video link. */
  place: string;
  audience: Audience;
  /** How many may come; null for no limit. */
  capacity: number | null;
  /** Whether those invited see how many said yes (never who). */
  showCount: boolean;
  /** The coordinator who plans it. */
  createdBy: number;
}

export type CreateResult =
  { ok: true; gatheringId: number; code: string; invited: number; unreachable: number } | { ok: false; problem: 'time' | 'title' | 'place' | 'capacity' | 'people' };

/**
 * Plans a gathering and invites its audience, each person once (the invitation's key names the
 * gathering and the person), with the calendar file and the answer buttons. People who cannot be
 * reached now are invited all the same (`/events` shows it when they come back) and counted. The
 * one way to plan a gathering: the chat's `/gathering new` and the desk call it.
 */
export function createGathering(tx: Tx, programme: Programme, input: NewGathering, now: Date): CreateResult {
  if (!(input.endsAt > input.startsAt) || input.startsAt <= now) return { ok: false, problem: 'time' };
  if (Object.values(input.title).every((v) => v.trim() === '')) return { ok: false, problem: 'title' };
  if (input.place.trim() === '') return { ok: false, problem: 'place' };
  if (input.capacity !== null && !(Number.isInteger(input.capacity) && input.capacity > 0)) return { ok: false, problem: 'capacity' };
  const members = audienceOf(tx, programme, input.audience, now);
  if (!members) return { ok: false, problem: 'people' };
  const when = now.toISOString();
  const code = checkInCode();
  const gathering = tx
    .insert(gatherings)
    .values({
      programmeId: programme.id,
      kind: input.kind,
      title: JSON.stringify(input.title),
      description: JSON.stringify(input.description),
      startsAt: input.startsAt.toISOString(),
      endsAt: input.endsAt.toISOString(),
      place: input.place.trim(),
      audience: 'segment' in input.audience ? segmentText(input.audience.segment) : 'invite',
      capacity: input.capacity,
      showCount: input.showCount,
      code,
      status: 'planned',
      createdBy: input.createdBy,
      createdAt: when,
      updatedAt: when,
    })
    .returning()
    .get();
  for (const member of members) {
    tx.insert(gatheringInvites).values({ gatheringId: gathering.id, participantId: member.id, invitedAt: when }).onConflictDoNothing().run();
    tellInvited(tx, programme, { gathering, participantId: member.id, kind: 'invitation', dedupeKey: `gathering-invite:${gathering.id}:${member.id}`, now });
  }
  return { ok: true, gatheringId: gathering.id, code, invited: members.length, unreachable: members.filter((m) => m.unreachable).length };
}

/** The people invited; undefined when a number named is nobody of the programme's participants. */
function audienceOf(tx: Tx, programme: Programme, audience: Audience, now: Date): { id: number; unreachable: boolean }[] | undefined {
  if ('segment' in audience) return segmentMembers(tx, programme.id, audience.segment, now);
  const wanted = [...new Set(audience.people)];
  if (wanted.length === 0) return undefined;
  const found = tx
    .select({ id: participants.id, unreachable: participants.unreachable })
    .from(participants)
    .where(and(inArray(participants.id, wanted), eq(participants.programmeId, programme.id), isNull(participants.erasedAt), ne(participants.role, 'coordinator')))
    .all();
  return found.length === wanted.length ? found : undefined;
}

/** Letters and digits that cannot be mistaken for each other (no O and 0, no I and 1). */
const CODE_SIGNS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A short code to show at the gathering: six signs, enough that guessing one on the day is hopeless. */
function checkInCode(): string {
  return Array.from({ length: 6 }, () => CODE_SIGNS[randomInt(CODE_SIGNS.length)]).join('');
}
