import { and, eq, isNull, lt, ne, sql } from 'drizzle-orm';
import { participants, purges } from '../../db/schema';
import { button } from '../conversation/actions';
import { notify } from '../conversation/notify';
import { addDays, addMonths } from '../text/calendar';
import { t } from '../text/messages';
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
  const expired = quietSince(j, `${addMonths(j.today, -j.programme.retention.months)}T00:00:00.000Z`);
  for (const { id } of expired) {
    j.erased.push(...addressesOf(j.tx, id));
    eraseParticipant(j.tx, j.programme, id, j.now);
  }
  if (expired.length > 0) j.tx.insert(purges).values({ programmeId: j.programme.id, ranAt: j.now.toISOString(), erased: expired.length }).run();
}

/**
 * A month before the purge would erase someone, they get one message: keep my data, or delete it
 * now. Any answer (any message at all) is activity and moves the day; no answer, and the purge
 * erases them as before. The key names the person and their last activity, so each quiet spell
 * warns once.
 */
export function warnBeforeErasure(j: JobContext): void {
  const months = j.programme.retention.months;
  const soon = quietSince(j, `${addMonths(j.today, 1 - months)}T00:00:00.000Z`);
  for (const person of soon) {
    // The purge compares with the start of a day: it erases on the day after the period is over.
    const day = addDays(addMonths(j.dayOf(person.lastActiveAt), months), 1);
    const message = {
      lines: [t('mentorCare.retention.warning', { date: day })],
      choices: [button({ name: 'keep' }, t('mentorCare.retention.keep')), button({ name: 'delete' }, t('mentorCare.retention.delete'))],
    };
    notify(j.tx, j.programme, { participantId: person.id, message, dedupeKey: `retentionWarning:${person.id}:${person.lastActiveAt}` }, j.now);
  }
}

/** The programme's people (not coordinators, not in an open pair, not erased) last active before `cutoff`. */
function quietSince(j: JobContext, cutoff: string): { id: number; lastActiveAt: string }[] {
  return j.tx
    .select({ id: participants.id, lastActiveAt: participants.lastActiveAt })
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
}
