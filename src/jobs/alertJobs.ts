import { RUNNING_PAIR_STATES } from '../pairs/pairs';
import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { type Db, placeholders, prepared, type Tx } from '../../db/client';
import { alerts, pairNudges, pairs, participants } from '../../db/schema';
import { alertList } from '../alerts/alertView';
import { nudgePair, tellCoordinators } from '../alerts/tellCoordinators';
import { raiseAlert } from '../alerts/raiseAlert';
import { addDays, daysBetween } from '../text/calendar';
import { notify } from '../conversation/notify';
import { coordinatorsOf } from '../people/people';
import type { JobContext } from './job';
import { lastMeetingSign, MEETING_SIGN_COLUMNS } from '../pairs/meetingSign';
import { agreedFrequency, byQuietDaysSql, quietDaysFor } from '../pairs/meetingFrequency';

/**
 * Quiet pairs. The quiet spell is counted from the last sign of a meeting (`lastMeetingSign`: a
 * logged meeting, a check-in saying they met, the pair's start or resumption). After the days the
 * pair's agreed frequency allows (`quietDaysFor`) both members get a kind nudge (not in the days a
 * check-in is open: it asks about meetings too); when the spell still goes on `alertAfterNudgeDays`
 * after the nudge, the coordinators are alerted. A new meeting starts a new spell.
 */
export function watchQuietPairs(j: JobContext): void {
  const { nudgeAfterDays, alertAfterNudgeDays, checkinAnswerDays } = j.programme.thresholds;
  const rows = j.tx
    .select({
      pair: {
        id: pairs.id,
        menteeId: pairs.menteeId,
        mentorId: pairs.mentorId,
        activatedAt: pairs.activatedAt,
        resumedAt: pairs.resumedAt,
        nudgedFor: pairNudges.nudgedFor,
        nudgedAt: pairNudges.nudgedAt,
        kickoffMentee: pairs.kickoffMentee,
        kickoffMentor: pairs.kickoffMentor,
      },
      ...MEETING_SIGN_COLUMNS,
      // Subqueries name their tables themselves: drizzle leaves a single table's columns unqualified.
      lastCheckin: sql<string | null>`(select max(c.sent_at) from checkins c where c.pair_id = pairs.id)`,
    })
    .from(pairs)
    .leftJoin(pairNudges, eq(pairNudges.pairId, pairs.id))
    .where(and(eq(pairs.programmeId, j.programme.id), eq(pairs.status, 'active'), maybeQuiet(j)))
    .all();
  for (const { pair, lastCheckin, ...signs } of rows) {
    const sign = lastMeetingSign({ ...signs, activatedAt: pair.activatedAt, resumedAt: pair.resumedAt }, j.dayOf);
    if (!sign) continue;
    const since = sign.day;
    const days = daysBetween(since, j.today);
    if (days < quietDaysFor(agreedFrequency(pair), nudgeAfterDays)) continue;
    if (pair.nudgedFor !== since) {
      // A check-in asks about meetings too: no nudge while one is fresh.
      if (lastCheckin && daysBetween(j.dayOf(lastCheckin), j.today) < checkinAnswerDays) continue;
      prepared(j.tx, markNudged).run({ pairId: pair.id, nudgedFor: since, nudgedAt: j.now.toISOString() });
      nudgePair(j, pair, `nudge:${pair.id}:${since}`);
    } else if (pair.nudgedAt && daysBetween(j.dayOf(pair.nudgedAt), j.today) >= alertAfterNudgeDays) {
      raiseAlert(j, { kind: 'inactive', dedupeKey: `inactive:${pair.id}:${since}`, pairId: pair.id, details: { days, since, sign: sign.kind } });
    }
  }
}

/**
 * Leaves out, by index, the pairs that certainly had a sign of a meeting within their quiet days
 * (most pairs, on most days), so only the others are read and worked out one by one. A logged
 * meeting is a day already; a moment (the start, a check-in's answer) counts here only from the day
 * after the latest day it can be anywhere (a zone is at most a day from UTC).
 */
function maybeQuiet(j: JobContext) {
  // A pair may be quiet when its last sign is on `cutoff` or before; a moment before `before` (UTC) may be too.
  const { nudgeAfterDays } = j.programme.thresholds;
  const cutoff = byQuietDaysSql(nudgeAfterDays, (days) => addDays(j.today, -days));
  const before = byQuietDaysSql(nudgeAfterDays, (days) => addDays(j.today, 2 - days));
  return and(
    sql`${pairs.activatedAt} < ${before}`,
    sql`(${pairs.resumedAt} is null or ${pairs.resumedAt} < ${before})`,
    // Subqueries name their tables themselves: drizzle leaves a single table's columns unqualified.
    sql`not exists (select 1 from meetings m where m.pair_id = pairs.id and m.met_on > ${cutoff})`,
    sql`not exists (select 1 from checkins c where c.pair_id = pairs.id and c.answered_at >= ${before}
      and json_valid(c.answers) and json_extract(c.answers, '$.met') <> 'none')`,
  );
}

function markNudged(db: Db | Tx) {
  return db
    .insert(pairNudges)
    .values(placeholders('pairId', 'nudgedFor', 'nudgedAt'))
    .onConflictDoUpdate({ target: pairNudges.pairId, set: { nudgedFor: sql`excluded.nudged_for`, nudgedAt: sql`excluded.nudged_at` } })
    .prepare();
}

/** A member of a running pair who cannot be reached (blocked the bot, gave up after many tries). */
export function alertUnreachable(j: JobContext): void {
  const rows = j.tx
    .select({ pairId: pairs.id, person: participants })
    .from(pairs)
    .innerJoin(participants, or(eq(participants.id, pairs.menteeId), eq(participants.id, pairs.mentorId)))
    .where(and(eq(pairs.programmeId, j.programme.id), inArray(pairs.status, [...RUNNING_PAIR_STATES]), eq(participants.unreachable, true)))
    .all();
  for (const { pairId, person } of rows) {
    // Writing again clears the flag and moves `lastActiveAt`, so a later silence is a new occasion.
    raiseAlert(j, { kind: 'unreachable', dedupeKey: `unreachable:${pairId}:${person.id}:${person.lastActiveAt}`, pairId, participantId: person.id });
  }
}

/** A snoozed alert whose week is over is open again, and the coordinators hear of it again. */
export function wakeSnoozedAlerts(j: JobContext): void {
  const due = j.tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.programmeId, j.programme.id), eq(alerts.status, 'snoozed'), lte(alerts.snoozedUntil, j.now.toISOString())))
    .all();
  for (const alert of due) {
    j.tx.update(alerts).set({ status: 'open' }).where(eq(alerts.id, alert.id)).run();
    if (!j.programme.alerts.digest) tellCoordinators(j, { ...alert, status: 'open' }, `alert:${alert.id}:${alert.snoozedUntil ?? ''}`);
  }
}

/** With `alerts.digest`, each coordinator gets the open alerts once a day instead of one message each. */
export function sendDigest(j: JobContext): void {
  if (!j.programme.alerts.digest) return;
  const message = alertList(j.tx, j.programme);
  if (!message) return;
  for (const coordinator of coordinatorsOf(j.tx, j.programme.id)) {
    notify(
      j.tx,
      j.programme,
      { participantId: coordinator, message: { ...message, lines: [{ key: 'alerts.digest' }, ...message.lines] }, dedupeKey: `digest:${j.today}:${coordinator}` },
      j.now,
    );
  }
}
