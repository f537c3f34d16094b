import { and, eq, isNull, lt, ne, sql } from 'drizzle-orm';
import { participants, purges } from '../../db/schema';
import { addMonths } from '../text/calendar';
import { addressesOf } from '../privacy/afterErasure';
import { eraseParticipant } from '../privacy/eraseParticipant';
import type { JobContext } from './job';
import { openStatesSql } from '../pairs/pairs';

/**
 * Erases the personal data of everyone whose last activity is more than `retention.months` ago, as
 * `/delete` would; a person in a running pair and coordinators are left alone. Each run that erased
 * someone is recorded with how many.
 */
export function purgeExpired(j: JobContext): void {
  const cutoff = `${addMonths(j.today, -j.programme.retention.months)}T00:00:00.000Z`;
  const expired = j.tx
    .select({ id: participants.id })
    .from(participants)
    .where(
      and(
        eq(participants.programmeId, j.programme.id),
        isNull(participants.erasedAt),
        ne(participants.role, 'coordinator'),
        lt(participants.lastActiveAt, cutoff),
        // Subqueries name their tables themselves: drizzle leaves a single table's columns unqualified.
        sql`not exists (select 1 from pairs p where p.status in (${openStatesSql()})
              and (p.mentee_id = participants.id or p.mentor_id = participants.id))`,
      ),
    )
    .all();
  for (const { id } of expired) {
    j.erased.push(...addressesOf(j.tx, id));
    eraseParticipant(j.tx, j.programme, id, j.now);
  }
  if (expired.length > 0) j.tx.insert(purges).values({ programmeId: j.programme.id, ranAt: j.now.toISOString(), erased: expired.length }).run();
}
