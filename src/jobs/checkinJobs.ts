import { and, desc, eq, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { type Db, orderWithLimit, placeholders, prepared, type Tx } from '../../db/client';
import { checkins, pairs } from '../../db/schema';
import { raiseAlert } from '../alerts/raiseAlert';
import { checkinDay, checkinInvitation, roundDue } from '../pairs/checkins';
import { notify } from '../conversation/notify';
import { personNameOf } from '../people/people';
import { partnerOf } from '../pairs/pairs';
import { daysAgo, type JobContext } from './job';
import { addDays } from '../text/calendar';

/** The check-in is its member's latest round in its pair. (Subqueries name their tables themselves: drizzle leaves a single table's columns unqualified.) */
const LATEST_ROUND = sql`checkins.round = (select max(c2.round) from checkins c2
  where c2.pair_id = checkins.pair_id and c2.participant_id = checkins.participant_id)`;

/**
 * Sends each member of an active pair the check-in of the latest round due (a month after the start,
 * and so on), once: the round's row and the message's key make a second run a no-op. Rounds missed
 * while Kompis was stopped are not sent one after another; only the latest is.
 */
export function sendCheckins(j: JobContext): void {
  const every = j.programme.cadences.checkinEveryMonths;
  const rows = j.tx
    .select({
      id: pairs.id,
      menteeId: pairs.menteeId,
      mentorId: pairs.mentorId,
      activatedAt: pairs.activatedAt,
      endsOn: pairs.endsOn,
      sent: sql<number | null>`(select max(c.round) from checkins c where c.pair_id = pairs.id)`,
    })
    .from(pairs)
    .where(
      and(
        eq(pairs.programmeId, j.programme.id),
        eq(pairs.status, 'active'),
        sql`${roundsDueAtMost(j, every)} > coalesce((select max(c.round) from checkins c where c.pair_id = pairs.id), 0)`,
      ),
    )
    .all();
  // Many pairs started on the same day: each start day's round is worked out once.
  const rounds = new Map<string, number>();
  for (const pair of rows) {
    if (!pair.activatedAt) continue;
    const start = j.dayOf(pair.activatedAt);
    const round = rounds.get(start) ?? roundDue(start, j.today, every);
    rounds.set(start, round);
    if (round < 1 || round <= (pair.sent ?? 0)) continue;
    if (pair.endsOn && checkinDay(start, round, every) >= pair.endsOn) continue;
    for (const memberId of [pair.menteeId, pair.mentorId]) {
      const created = prepared(j.tx, insertCheckin).get({ pairId: pair.id, participantId: memberId, round, sentAt: j.now.toISOString() });
      if (!created) continue;
      const partnerId = partnerOf(pair, memberId);
      const partner = personNameOf(j.tx, partnerId);
      notify(j.tx, j.programme, { participantId: memberId, message: checkinInvitation(created.id, partner, false), dedupeKey: `checkin:${pair.id}:${memberId}:${round}` }, j.now);
    }
  }
}

/**
 * For the planning to leave out by index the pairs whose latest round was sent: the most rounds that
 * can be due by today for a pair, by the day it started on (in UTC), in SQL. A pair's start is in its
 * zone at most a day from its UTC day, and one that started later has no more rounds due. The rounds
 * are worked out here once per start day; SQL only compares the pair's day with a few days, one per
 * run of start days with the same round.
 */
function roundsDueAtMost(j: JobContext, every: number): SQL<number> {
  const startDay = sql`substr(${pairs.activatedAt}, 1, 10)`;
  const days = j.tx
    .selectDistinct({ day: sql<string>`${startDay}` })
    .from(pairs)
    .where(and(eq(pairs.programmeId, j.programme.id), eq(pairs.status, 'active'), isNotNull(pairs.activatedAt)))
    .all();
  const upTo: { day: string; round: number }[] = [];
  for (const day of days.map((row) => row.day).sort()) {
    const round = roundDue(addDays(day, -1), j.today, every);
    const last = upTo.at(-1);
    if (last?.round === round) last.day = day;
    else upTo.push({ day, round });
  }
  if (upTo.length === 0) return sql<number>`0`;
  return sql<number>`(case ${sql.join(
    upTo.map(({ day, round }) => sql`when ${startDay} <= ${day} then ${round}`),
    sql` `,
  )} else 0 end)`;
}

/** One reminder for the latest check-in when it is still unanswered some days later. */
export function remindCheckins(j: JobContext): void {
  const due = unansweredLatest(j, j.programme.thresholds.checkinReminderDays, isNull(checkins.remindedAt));
  for (const { checkin, pair } of due) {
    prepared(j.tx, markReminded).run({ id: checkin.id, remindedAt: j.now.toISOString() });
    const partnerId = partnerOf(pair, checkin.participantId);
    const partner = personNameOf(j.tx, partnerId);
    notify(j.tx, j.programme, { participantId: checkin.participantId, message: checkinInvitation(checkin.id, partner, true), dedupeKey: `checkin-reminder:${checkin.id}` }, j.now);
  }
}

/**
 * An alert when a member left their last check-ins unanswered (two in a row by default), each closed
 * for answers some days after it was sent.
 */
export function alertUnansweredCheckins(j: JobContext): void {
  const needed = j.programme.thresholds.unansweredCheckins;
  const latest = unansweredLatest(j, j.programme.thresholds.checkinAnswerDays);
  for (const { checkin } of latest) {
    const recent = prepared(j.tx, selectRecentCheckins, needed).all({ pairId: checkin.pairId, participantId: checkin.participantId });
    if (recent.length < needed || recent.some((c) => c.answeredAt !== null)) continue;
    raiseAlert(j, {
      kind: 'checkinsUnanswered',
      dedupeKey: `checkinsUnanswered:${checkin.id}`,
      pairId: checkin.pairId,
      participantId: checkin.participantId,
      details: { count: needed },
    });
  }
}

/** Each member's latest check-in in an active pair, when it is unanswered and at least `days` old. */
function unansweredLatest(j: JobContext, days: number, ...more: SQL[]) {
  return j.tx
    .select({ checkin: checkins, pair: pairs })
    .from(checkins)
    .innerJoin(pairs, eq(pairs.id, checkins.pairId))
    .where(and(eq(pairs.programmeId, j.programme.id), eq(pairs.status, 'active'), isNull(checkins.answeredAt), lte(checkins.sentAt, daysAgo(j.now, days)), LATEST_ROUND, ...more))
    .all();
}

// Queries run once for each pair or check-in of a scan, kept in the store's statement cache.

function insertCheckin(db: Db | Tx) {
  return db
    .insert(checkins)
    .values(placeholders('pairId', 'participantId', 'round', 'sentAt'))
    .onConflictDoNothing()
    .returning({ id: checkins.id })
    .prepare();
}

function markReminded(db: Db | Tx) {
  return db
    .update(checkins)
    .set({ remindedAt: sql`${sql.placeholder('remindedAt')}` })
    .where(eq(checkins.id, sql.placeholder('id')))
    .prepare();
}

/** A member's latest `count` check-ins in a pair, newest first. */
function selectRecentCheckins(db: Db | Tx, count: number) {
  return db
    .select({ answeredAt: checkins.answeredAt })
    .from(checkins)
    .where(and(eq(checkins.pairId, sql.placeholder('pairId')), eq(checkins.participantId, sql.placeholder('participantId'))))
    .orderBy(orderWithLimit(count, desc(checkins.round)))
    .prepare();
}
