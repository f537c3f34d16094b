import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { applications, channelIdentities, consents, flowStates, mentors, participants } from '../../db/schema';

/**
 * After a "no" to the main consent by someone of whom nothing is kept yet (no consent given, no
 * application, no registration): nothing of them is kept, not even a record of the refusal (it needs
 * none: nothing was processed). Their chat identity, language, consents and conversation go now; the
 * row itself only holds the reply until it is sent, and then goes too (see `forgetDelivered`).
 * False, and nothing changed, when something of the person is kept: their refusal is then recorded
 * as a consent decision like any other.
 */
export function forgetRefusal(tx: Tx, participantId: number, now: Date): boolean {
  if (!keepsNothingOf(tx, participantId)) return false;
  tx.delete(channelIdentities).where(eq(channelIdentities.participantId, participantId)).run();
  tx.delete(consents).where(eq(consents.participantId, participantId)).run();
  tx.delete(flowStates).where(eq(flowStates.participantId, participantId)).run();
  tx.update(participants).set({ name: null, language: null, erasedAt: now.toISOString() }).where(eq(participants.id, participantId)).run();
  return true;
}

/** Nothing is kept of the person yet: an applicant who gave no consent, sent no application and did not register. */
export function keepsNothingOf(tx: Tx, participantId: number): boolean {
  const granted = tx
    .select({ id: consents.id })
    .from(consents)
    .where(and(eq(consents.participantId, participantId), eq(consents.decision, 'granted')))
    .get();
  const applied = tx.select({ id: applications.id }).from(applications).where(eq(applications.participantId, participantId)).get();
  const registered = tx.select({ id: mentors.participantId }).from(mentors).where(eq(mentors.participantId, participantId)).get();
  const person = tx.select({ role: participants.role }).from(participants).where(eq(participants.id, participantId)).get();
  return person?.role === 'applicant' && !granted && !applied && !registered;
}
