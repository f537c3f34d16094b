import { and, eq, isNull } from 'drizzle-orm';
import { roundInterests } from '../../db/schema';
import { notify } from '../conversation/notify';
import { intakeOn } from '../../flows/applicationRounds';
import { t } from '../text/messages';
import type { JobContext } from './job';

/**
 * While an application round is open, each person who left their interest outside a round gets one
 * message that applications are open. The key names the round and the person, and the row is marked,
 * so a second run, a restart or a later round never sends it twice.
 */
export function tellRoundOpen(j: JobContext): void {
  const intake = intakeOn(j.programme.rounds, j.today);
  if (intake.kind !== 'open') return;
  const { round } = intake;
  const waiting = j.tx
    .select()
    .from(roundInterests)
    .where(and(eq(roundInterests.programmeId, j.programme.id), isNull(roundInterests.notifiedAt)))
    .all();
  for (const interest of waiting) {
    notify(
      j.tx,
      j.programme,
      { participantId: interest.participantId, message: { lines: [t('rounds.open', { date: round.closes })] }, dedupeKey: `roundOpen:${round.id}:${interest.participantId}` },
      j.now,
    );
    // Marked even when the person cannot be reached now: they apply when they come back.
    j.tx.update(roundInterests).set({ notifiedAt: j.now.toISOString() }).where(eq(roundInterests.id, interest.id)).run();
  }
}
