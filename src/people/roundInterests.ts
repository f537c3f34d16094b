import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { roundInterests } from '../../db/schema';

/**
 * Keeps that an applicant who came while no round was open wants to be told when the next one opens.
 * Asking again (after being told once) waits for the next opening anew.
 */
export function leaveRoundInterest(tx: Tx, who: { programmeId: string; participantId: number }, now: Date): void {
  tx.insert(roundInterests)
    .values({ ...who, leftAt: now.toISOString() })
    .onConflictDoUpdate({ target: [roundInterests.participantId, roundInterests.programmeId], set: { leftAt: now.toISOString(), notifiedAt: null } })
    .run();
}

/** Deletion removes the wish to be told too. */
export function eraseRoundInterestsOf(tx: Tx, participantId: number): void {
  tx.delete(roundInterests).where(eq(roundInterests.participantId, participantId)).run();
}
