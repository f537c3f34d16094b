import { and, asc, desc, eq, inArray, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import { type Db, prepared, type Tx } from '../../db/client';
import { pairs } from '../../db/schema';
import { personNameOf } from '../people/people';

/**
 * The pairs module: how a pair is looked up, which side of it a person is on, and which states count
 * as open or running. Every other file asks here instead of writing its own query.
 */
export type Pair = typeof pairs.$inferSelect;

/** Pairs that hold a mentee and take a mentor's room: waiting for answers, running or paused. */
export const OPEN_PAIR_STATES = ['proposed', 'active', 'paused'] as const;

/** Whether a pair in this state is open (narrows the state's type). */
export function isOpen(status: Pair['status']): status is (typeof OPEN_PAIR_STATES)[number] {
  return (OPEN_PAIR_STATES as readonly string[]).includes(status);
}

/** The open states as a list for a raw SQL subquery: `p.status in (${openStatesSql()})`. */
export function openStatesSql(): SQL {
  return sql.join(
    OPEN_PAIR_STATES.map((s) => sql`${s}`),
    sql`, `,
  );
}

/** Pairs whose members meet and get check-ins: running, or paused for a while. */
export const RUNNING_PAIR_STATES = ['active', 'paused'] as const;

/** The pair with this id, if there is one (`id` as read from a command may be missing). */
export function pairById(tx: Tx, id: number | undefined): Pair | undefined {
  return id === undefined ? undefined : tx.select().from(pairs).where(eq(pairs.id, id)).get();
}

/** The pairs a person is or was a member of, on either side: a condition for a query. */
export function memberOf(participantId: number): SQL | undefined {
  return or(eq(pairs.menteeId, participantId), eq(pairs.mentorId, participantId));
}

/** The ids of every pair a person is or was a member of. */
export function pairIdsOf(tx: Tx, participantId: number): number[] {
  return tx
    .select({ id: pairs.id })
    .from(pairs)
    .where(memberOf(participantId))
    .all()
    .map((p) => p.id);
}

/** Which side of the pair a person is on, or undefined when they are not in it. */
export function sideOf(pair: Pair | undefined, personId: number): 'mentee' | 'mentor' | undefined {
  return pair?.menteeId === personId ? 'mentee' : pair?.mentorId === personId ? 'mentor' : undefined;
}

/** The proposed, active or paused pair a mentee is in, if any. */
export function openPairOf(tx: Tx, menteeId: number) {
  return prepared(tx, selectOpenPair).get({ menteeId });
}

function selectOpenPair(db: Db | Tx) {
  return db
    .select()
    .from(pairs)
    .where(and(eq(pairs.menteeId, sql.placeholder('menteeId')), inArray(pairs.status, [...OPEN_PAIR_STATES])))
    .prepare();
}

/**
 * The proposed, active or paused pair a person is in, as mentee or mentor, with the other's name;
 * without one, a mentee's latest pair that ran and is over (completed or ended), so that `/status`
 * does not tell them we are still looking for their first mentor.
 */
export function pairSummaryOf(tx: Tx, participantId: number) {
  const open = prepared(tx, selectOpenPairOfMember).get({ participantId });
  const pair = open && isOpen(open.status) ? open : prepared(tx, selectFinishedPairOfMentee).get({ participantId });
  if (!pair) return null;
  const { status } = pair;
  if (status === 'declined') return null;
  const otherId = partnerOf(pair, participantId);
  return { status, partner: personNameOf(tx, otherId) };
}

/** The other member of a pair. */
export function partnerOf(pair: { menteeId: number; mentorId: number }, memberId: number): number {
  return pair.menteeId === memberId ? pair.mentorId : pair.menteeId;
}

function selectFinishedPairOfMentee(db: Db | Tx) {
  return db
    .select()
    .from(pairs)
    .where(and(eq(pairs.menteeId, sql.placeholder('participantId')), inArray(pairs.status, ['completed', 'ended']), isNotNull(pairs.activatedAt)))
    .orderBy(desc(pairs.id))
    .prepare();
}

/** Asked on every turn (the conversation's /status and menus need it), so prepared once. */
function selectOpenPairOfMember(db: Db | Tx) {
  const member = sql.placeholder('participantId');
  return db
    .select()
    .from(pairs)
    .where(and(or(eq(pairs.menteeId, member), eq(pairs.mentorId, member)), inArray(pairs.status, [...OPEN_PAIR_STATES])))
    .orderBy(asc(pairs.id))
    .prepare();
}
