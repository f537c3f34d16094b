import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { mentors } from '../../db/schema';

/**
 * What a mentor changes about their own place in the bank: how many mentees at once, a pause (until
 * a day, or until they resume) and the end of it. A pause is a capacity of 0 that remembers the
 * capacity before, so resuming gives it back. Pairs the mentor is in go on as they are.
 */
export type MentorRow = typeof mentors.$inferSelect;

export function mentorRow(tx: Tx, mentorId: number): MentorRow | undefined {
  return tx.select().from(mentors).where(eq(mentors.participantId, mentorId)).get();
}

/** A new capacity; 0 is a pause until the mentor resumes. */
export function setCapacity(tx: Tx, mentor: MentorRow, capacity: number, now: Date): void {
  if (capacity === 0) return pause(tx, mentor, null, now);
  tx.update(mentors).set({ capacity, pausedUntil: null, capacityBeforePause: null, updatedAt: now.toISOString() }).where(eq(mentors.participantId, mentor.participantId)).run();
}

/** A pause until `until` (a day, YYYY-MM-DD), or until the mentor resumes when null. */
export function pause(tx: Tx, mentor: MentorRow, until: string | null, now: Date): void {
  const before = mentor.capacity > 0 ? mentor.capacity : mentor.capacityBeforePause;
  tx.update(mentors)
    .set({ capacity: 0, pausedUntil: until, capacityBeforePause: before, updatedAt: now.toISOString() })
    .where(eq(mentors.participantId, mentor.participantId))
    .run();
}

/** The pause ends: the capacity from before it (at least one mentee) comes back. */
export function resume(tx: Tx, mentor: MentorRow, now: Date): void {
  if (mentor.capacity > 0) return;
  const capacity = Math.max(1, mentor.capacityBeforePause ?? 1);
  tx.update(mentors).set({ capacity, pausedUntil: null, capacityBeforePause: null, updatedAt: now.toISOString() }).where(eq(mentors.participantId, mentor.participantId)).run();
}
