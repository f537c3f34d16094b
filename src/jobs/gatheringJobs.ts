import { and, eq, gt } from 'drizzle-orm';
import { gatherings } from '../../db/schema';
import { invitesOf } from '../gatherings/gatherings';
import { tellInvited } from '../gatherings/gatheringMessages';
import { addDays } from '../text/calendar';
import type { JobContext } from './job';

/**
 * The day before a gathering, everyone with a place (who said yes) is reminded, once: the key names
 * the gathering's day, so a gathering moved to another day reminds again, and a second run never does.
 */
export function remindGatherings(j: JobContext): void {
  const tomorrow = addDays(j.today, 1);
  const ahead = j.tx
    .select()
    .from(gatherings)
    .where(and(eq(gatherings.programmeId, j.programme.id), eq(gatherings.status, 'planned'), gt(gatherings.startsAt, j.now.toISOString())))
    .all();
  for (const g of ahead) {
    const day = j.dayOf(g.startsAt);
    if (day !== tomorrow) continue;
    for (const invite of invitesOf(j.tx, g.id)) {
      if (invite.answer !== 'yes') continue;
      const key = `gathering-reminder:${g.id}:${day}:${invite.participantId}`;
      tellInvited(j.tx, j.programme, { gathering: g, participantId: invite.participantId, kind: 'reminder', dedupeKey: key, now: j.now });
    }
  }
}
