import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { gatheringInvites, gatherings, participants } from '../../db/schema';
import type { Programme } from '../settings/programme';
import { localDay } from '../text/calendar';
import type { Gathering } from './gatherings';

/**
 * Records that these people came (a coordinator's list). A person not invited is added as having
 * come; one already recorded keeps the first record. Returns the ids recorded now; ids of nobody in
 * the programme (or of a coordinator) are left out.
 */
export function markCame(tx: Tx, g: Gathering, input: { participantIds: number[]; by: 'code' | 'coordinator'; now: Date }): number[] {
  const recorded: number[] = [];
  for (const id of [...new Set(input.participantIds)]) {
    const person = tx.select().from(participants).where(eq(participants.id, id)).get();
    if (!person || person.programmeId !== g.programmeId || person.erasedAt !== null || person.role === 'coordinator') continue;
    tx.insert(gatheringInvites).values({ gatheringId: g.id, participantId: id }).onConflictDoNothing().run();
    const changed = tx
      .update(gatheringInvites)
      .set({ cameAt: input.now.toISOString(), cameBy: input.by })
      .where(and(eq(gatheringInvites.gatheringId, g.id), eq(gatheringInvites.participantId, id), isNull(gatheringInvites.cameAt)))
      .run();
    if (changed.changes === 1) recorded.push(id);
  }
  return recorded;
}

/**
 * `/here CODE`: the gathering of the programme with this code that takes place today (in the
 * programme's time zone), or undefined. A code is only good on its day, so an old or guessed code
 * records nothing.
 */
export function gatheringByCode(tx: Tx, programme: Programme, code: string, now: Date): Gathering | undefined {
  const today = localDay(now, programme.timezone);
  return tx
    .select()
    .from(gatherings)
    .where(and(eq(gatherings.programmeId, programme.id), eq(gatherings.code, code.trim().toUpperCase()), eq(gatherings.status, 'planned')))
    .all()
    .find((g) => localDay(new Date(g.startsAt), programme.timezone) <= today && today <= localDay(new Date(g.endsAt), programme.timezone));
}

/**
 * The day of the last mentor training each mentor came to, by mentor: "prepared" on their profile,
 * and what a programme that requires a training asks before a mentor is suggested.
 */
export function trainedMentors(tx: Tx, programme: Programme): Map<number, string> {
  const rows = tx
    .select({ id: gatheringInvites.participantId, startsAt: gatherings.startsAt })
    .from(gatheringInvites)
    .innerJoin(gatherings, eq(gatherings.id, gatheringInvites.gatheringId))
    .where(and(eq(gatherings.programmeId, programme.id), eq(gatherings.kind, 'training'), eq(gatherings.status, 'planned'), isNotNull(gatheringInvites.cameAt)))
    .all();
  const trained = new Map<number, string>();
  for (const r of rows) {
    const day = localDay(new Date(r.startsAt), programme.timezone);
    if ((trained.get(r.id) ?? '') < day) trained.set(r.id, day);
  }
  return trained;
}
