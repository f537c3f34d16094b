import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { firstMeetings, fitChecks } from '../../db/schema';

/** A person's own part of the start of their pairs, for `/mydata`: the first meetings they proposed and their fit-check answers. */
export function pairStartData(tx: Tx, participantId: number) {
  return {
    firstMeetingsYouProposed: tx
      .select({
        pair: firstMeetings.pairId,
        day: firstMeetings.day,
        time: firstMeetings.time,
        place: firstMeetings.place,
        status: firstMeetings.status,
        proposedAt: firstMeetings.proposedAt,
      })
      .from(firstMeetings)
      .where(eq(firstMeetings.proposedBy, participantId))
      .all(),
    yourFitChecks: tx
      .select({ pair: fitChecks.pairId, answer: fitChecks.answer, word: fitChecks.word, answeredAt: fitChecks.answeredAt })
      .from(fitChecks)
      .where(eq(fitChecks.participantId, participantId))
      .all(),
  };
}

/** Erases the same: the places a person wrote and their answers about the match. */
export function erasePairStartData(tx: Tx, participantId: number): void {
  tx.delete(firstMeetings).where(eq(firstMeetings.proposedBy, participantId)).run();
  tx.delete(fitChecks).where(eq(fitChecks.participantId, participantId)).run();
}
