import { and, isNotNull, sql } from 'drizzle-orm';
import { type Db, prepared, type Tx } from '../../db/client';
import { participants } from '../../db/schema';

/** Ids per round: `forget` binds each one, far below SQLite's limit of bound values. */
const CHUNK = 500;

/**
 * After messages to these people were sent (or given up): for those of them who are erased, the
 * rows of their messages go, since each holds the chat address it went to; and an erased person with
 * nothing left to count (someone who said no to the consent, or erased their data before applying)
 * goes entirely. An erased person's row that keeps counts right (an application, a pair, a check-in)
 * stays, without name or address. True when something was forgotten: the write-ahead log then still
 * holds the address (see `emptyWal`).
 */
export function forgetDelivered(db: Db, recipients: readonly number[]): boolean {
  let forgot = false;
  for (let i = 0; i < recipients.length; i += CHUNK) {
    // Read first: almost always nobody is erased, and a drain should not take the write lock for nothing.
    const erased = prepared(db, selectErased)
      .all({ ids: JSON.stringify(recipients.slice(i, i + CHUNK)) })
      .map((p) => p.id);
    if (erased.length > 0) {
      db.transaction((tx) => forget(tx, erased), { behavior: 'immediate' });
      forgot = true;
    }
  }
  return forgot;
}

/** Which of the people in `ids` (a JSON array: one query, prepared once, for any number) are erased. After every drain. */
function selectErased(db: Db | Tx) {
  return db
    .select({ id: participants.id })
    .from(participants)
    .where(and(sql`${participants.id} in (select value from json_each(${sql.placeholder('ids')}))`, isNotNull(participants.erasedAt)))
    .prepare();
}

function forget(tx: Tx, erased: number[]): void {
  const ids = sql.join(
    erased.map((id) => sql`${id}`),
    sql`, `,
  );
  tx.run(sql`delete from outbox where status <> 'pending' and participant_id in (${ids})`);
  // Subqueries name their tables themselves: the outer table is `participants`.
  tx.run(sql`delete from participants where id in (${ids}) and role <> 'coordinator'
    and not exists (select 1 from outbox o where o.participant_id = participants.id)
    and not exists (select 1 from applications a where a.participant_id = participants.id)
    and not exists (select 1 from mentors m where m.participant_id = participants.id)
    and not exists (select 1 from pairs p where p.mentee_id = participants.id or p.mentor_id = participants.id)
    and not exists (select 1 from checkins c where c.participant_id = participants.id)
    and not exists (select 1 from survey_invitations s where s.participant_id = participants.id)
    and not exists (select 1 from alerts l where l.participant_id = participants.id)`);
}
