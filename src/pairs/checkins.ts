import { button } from '../conversation/actions';
import { and, desc, eq, gte, inArray, isNull } from 'drizzle-orm';
import { orderWithLimit } from '../../db/client';
import { checkins, goals, meetings, pairs } from '../../db/schema';
import type { Answers } from '../../flows/types';
import { type AlertScope } from '../alerts/alertKinds';
import { raiseAlert, resolveAlertsOf } from '../alerts/raiseAlert';
import { markStepsDone } from './goals';
import { addMonths, localDay } from '../text/calendar';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { t, type Text } from '../text/messages';
import { participant } from '../people/people';
import { partnerOf, pairById } from './pairs';
import { parseAnswers } from '../people/storedAnswers';

type Checkin = typeof checkins.$inferSelect;
type Pair = typeof pairs.$inferSelect;

/** The most goal questions a check-in asks, so it stays short. */
const MAX_GOALS = 5;

/** The day check-in `round` of a pair falls on: every `everyMonths` after the day it started. */
export function checkinDay(startDay: string, round: number, everyMonths: number): string {
  return addMonths(startDay, round * everyMonths);
}

/** The latest round due by `today` (0 when none is). */
export function roundDue(startDay: string, today: string, everyMonths: number): number {
  const [sy = 0, sm = 0] = startDay.split('-').map(Number);
  const [ty = 0, tm = 0] = today.split('-').map(Number);
  let round = Math.floor(((ty - sy) * 12 + (tm - sm)) / everyMonths) + 1;
  while (round > 0 && checkinDay(startDay, round, everyMonths) > today) round--;
  return round;
}

/** What a member is sent when a check-in is due (and again, once, as a reminder). */
export function checkinInvitation(checkinId: number, partner: Text, reminder: boolean) {
  return {
    lines: [t(reminder ? 'checkin.reminder' : 'checkin.invite', { name: partner }), t('checkin.private', { name: partner })],
    choices: [button({ name: 'checkin', checkin: checkinId }, t('checkin.action'))],
  };
}

/** `/checkin` or `/checkin N`: answer the latest check-in, if it is still open. */
export function startCheckin(c: CommandContext, arg: string | undefined): CommandResult {
  const id = idArg(arg);
  const mine = c.tx
    .select()
    .from(checkins)
    .where(and(eq(checkins.participantId, c.actorId), id === undefined ? undefined : eq(checkins.id, id)))
    .orderBy(desc(checkins.id))
    .get();
  if (!mine) return reply(t('checkin.none'));
  if (mine.answeredAt !== null) return reply(t('checkin.already'));
  const pair = pairById(c.tx, mine.pairId);
  if (!pair || pair.status !== 'active' || !isLatest(c, mine)) return reply(t('checkin.closed'));
  return { messages: [], notices: [], start: { flowId: 'checkin', given: checkinGiven(c, mine, pair) } };
}

function isLatest(c: CommandContext, checkin: Checkin): boolean {
  const latest = c.tx
    .select({ id: checkins.id })
    .from(checkins)
    .where(and(eq(checkins.pairId, checkin.pairId), eq(checkins.participantId, checkin.participantId)))
    .orderBy(desc(checkins.round))
    .get();
  return latest?.id === checkin.id;
}

function checkinGiven(c: CommandContext, checkin: Checkin, pair: Pair): Answers {
  const partner = participant(c.tx, partnerOf(pair, c.actorId));
  const previous = c.tx
    .select({ sentAt: checkins.sentAt })
    .from(checkins)
    .where(and(eq(checkins.pairId, pair.id), eq(checkins.participantId, c.actorId), eq(checkins.round, checkin.round - 1)))
    .get();
  const goalRows = c.tx
    .select({ id: goals.id, text: goals.text })
    .from(goals)
    .where(and(eq(goals.menteeId, pair.menteeId), inArray(goals.status, ['active'])))
    // In the order they were set, as the index on the mentee reads them anyway.
    .orderBy(orderWithLimit(MAX_GOALS, goals.id))
    .all();
  const since = localDay(new Date(previous?.sentAt ?? pair.activatedAt ?? pair.proposedAt), c.ctx.programme.timezone);
  const logged = lastLoggedSince(c, pair.id, since);
  return {
    checkin: checkin.id,
    partner: partner?.name ?? '',
    partnerId: partnerOf(pair, c.actorId),
    // After a logged meeting the check-in asks about the time since then, and says so.
    since: logged?.day ?? since,
    loggedBy: logged ? logged.by : '',
    goalIds: goalRows.map((g) => String(g.id)),
    goalTexts: goalRows.map((g) => g.text),
  };
}

/** The latest meeting of the pair logged for `since` or later, and whether the member asking logged it. */
function lastLoggedSince(c: CommandContext, pairId: number, since: string): { day: string; by: 'me' | 'partner' } | undefined {
  const rows = c.tx
    .select({ day: meetings.metOn, loggedBy: meetings.loggedBy })
    .from(meetings)
    .where(and(eq(meetings.pairId, pairId), gte(meetings.metOn, since)))
    .orderBy(desc(meetings.metOn))
    .all();
  const day = rows[0]?.day;
  if (day === undefined) return undefined;
  return { day, by: rows.some((r) => r.day === day && r.loggedBy === c.actorId) ? 'me' : 'partner' };
}

/**
 * Keeps a member's check-in answers and raises what they call for: a request to be contacted (at
 * once), a low rating, and the two members disagreeing about whether they met.
 */
export function recordCheckin(c: CommandContext, checkinId: number, answers: Answers): void {
  const kept = c.tx
    .update(checkins)
    .set({ answers: JSON.stringify(answers), answeredAt: c.ctx.now.toISOString() })
    .where(and(eq(checkins.id, checkinId), eq(checkins.participantId, c.actorId), isNull(checkins.answeredAt)))
    .returning()
    .get();
  if (!kept) return;
  const s: AlertScope = { tx: c.tx, programme: c.ctx.programme, now: c.ctx.now };
  markStepsDone(c, goalsDone(answers));
  // A pair that says it met is no longer quiet, as when it logs a meeting.
  if (answers.met !== undefined && answers.met !== 'none') resolveAlertsOf(c.tx, kept.pairId, c.ctx.now, ['inactive']);
  const note: Record<string, string> = typeof answers.note === 'string' ? { note: answers.note } : {};
  const about = { pairId: kept.pairId, participantId: c.actorId };
  if (answers.contact === 'yes') {
    raiseAlert(s, { kind: 'contactRequest', dedupeKey: `contactRequest:${kept.id}`, ...about, details: note });
  }
  const rating = Number(answers.rating);
  if (rating <= c.ctx.programme.thresholds.lowRating) {
    raiseAlert(s, { kind: 'lowRating', dedupeKey: `lowRating:${kept.id}`, ...about, details: { rating, ...note } });
  }
  const other = c.tx
    .select()
    .from(checkins)
    .where(and(eq(checkins.pairId, kept.pairId), eq(checkins.round, kept.round)))
    .all()
    .find((row) => row.participantId !== c.actorId && row.answeredAt !== null);
  if (other) {
    const met = (a: Answers) => a.met !== 'none';
    if (met(answers) !== met(parseAnswers(other.answers ?? '{}'))) {
      raiseAlert(s, { kind: 'disagreement', dedupeKey: `disagreement:${kept.pairId}:${kept.round}`, pairId: kept.pairId });
    }
  }
}

/** The goals a check-in's answers call done (`goal<id>: done`). */
function goalsDone(answers: Answers): number[] {
  return Object.entries(answers)
    .filter(([key, value]) => /^goal\d+$/.test(key) && value === 'done')
    .map(([key]) => Number(key.slice('goal'.length)));
}
