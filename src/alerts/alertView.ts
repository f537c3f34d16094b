import { personLabel } from '../text/personText';
import { type Alert } from './alertKinds';
import { button } from '../conversation/actions';
import { and, asc, desc, eq, isNotNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client';
import { alerts, checkins, goals, pairs } from '../../db/schema';
import { lastMeetingLine, lastMeetingOf, type MeetingSign } from '../pairs/meetingSign';
import type { Choice, OutMessage, Text } from '../text/messages';
import { t } from '../text/messages';
import { localDay } from '../text/calendar';
import { parseJson } from '../runtime/parseJson';
import { parseAnswers } from '../people/storedAnswers';
import { theirWords } from '../people/answerLines';
import type { Answers } from '../../flows/types';
import { participant } from '../people/people';
import { pairById } from '../pairs/pairs';
import type { Programme } from '../settings/programme';
import { listPage, pageLine } from '../conversation/listPage';

/**
 * The open alerts in one message, for `/alerts` and the daily digest; undefined when there are none.
 * Each line starts with the alert's number, and that number is what a person types to open it.
 * Alerts of one kind about the same person (a mentor who left the check-ins of three pairs
 * unanswered) share a line; a pair's alert names its members.
 */
export function alertList(tx: Tx, programme: Programme, page?: number): OutMessage | undefined {
  const open = tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.programmeId, programme.id), eq(alerts.status, 'open')))
    .orderBy(sql`case ${alerts.priority} when 'high' then 0 when 'normal' then 1 else 2 end`, asc(alerts.id))
    .all();
  if (open.length === 0) return undefined;
  const groups = new Map<string, [Alert, ...Alert[]]>();
  for (const a of open) {
    const key = a.participantId === null ? `alert:${a.id}` : `${a.kind}:${a.participantId}`;
    const group = groups.get(key);
    if (group) group.push(a);
    else groups.set(key, [a]);
  }
  const shown = listPage([...groups.values()], page);
  return {
    lines: [t('alerts.title', { count: open.length }), ...shown.items.map((group) => groupLine(tx, group)), ...pageLine(shown, '/alerts')],
    choices: shown.items.flat().map((a) => ({ ...button({ name: 'alert', alert: a.id }, t('alerts.action.show', { id: a.id })), number: a.id })),
  };
}

/** "10, 11. #3 Maria did not answer the last 2 check-ins. (pairs 1, 2)" */
function groupLine(tx: Tx, [first, ...rest]: [Alert, ...Alert[]]): Text {
  const group = [first, ...rest];
  // One alert's number is a number, so a right-to-left language writes it in its own digits.
  const ids = rest.length === 0 ? first.id : group.map((a) => a.id).join(', ');
  const pairIds = group.map((a) => a.pairId).filter((id): id is number => id !== null);
  const pair = first.participantId === null ? pairById(tx, first.pairId ?? undefined) : undefined;
  const name = (id: number) => personLabel(participant(tx, id) ?? { id, name: null });
  const text = pair
    ? t('alerts.aboutPair', { text: headline(tx, first), mentee: name(pair.menteeId), mentor: name(pair.mentorId) })
    : group.length > 1 && pairIds.length > 1
      ? t('alerts.inPairs', { text: headline(tx, first), pairs: pairIds.join(', ') })
      : headline(tx, first);
  return t(first.priority === 'high' ? 'alerts.lineUrgent' : 'alerts.line', { id: ids, text });
}

/** An alert as coordinators see it: what happened, the pair's context, and what they can do. */
export function alertMessage(tx: Tx, alert: Alert, timeZone: string): OutMessage {
  const lines: Text[] = [t(alert.priority === 'high' ? 'alerts.urgent' : 'alerts.heading', { id: alert.id }), headline(tx, alert)];
  // Every alert about a person can be answered at once: Reply opens (or joins) that person's thread.
  const choices: Choice[] = alert.participantId === null ? [] : [button({ name: 'contactPerson', person: alert.participantId }, t('threads.action.reply'))];
  const pair = pairById(tx, alert.pairId ?? undefined);
  if (pair) {
    lines.push(...pairContext(tx, pair, alert, timeZone));
    if (pair.status === 'active') choices.push(button({ name: 'alertAct', act: 'nudge', alert: alert.id }, t('alerts.action.nudge')));
  } else if (alert.kind === 'waitingForMatch' && alert.participantId !== null) {
    choices.push(button({ name: 'suggest', applicant: alert.participantId }, t('alerts.action.suggest')));
  }
  if (alert.status !== 'resolved') {
    choices.push(
      button({ name: 'alertAct', act: 'snooze', alert: alert.id }, t('alerts.action.snooze')),
      button({ name: 'alertAct', act: 'resolve', alert: alert.id }, t('alerts.action.resolve')),
    );
  }
  // A member said the match is not good: the mentee can have another mentor.
  if (alert.kind === 'fitNo' && (pair?.status === 'active' || pair?.status === 'paused')) choices.push(button({ name: 'rematch', pair: pair.id }, t('alerts.action.rematch')));
  if (pair?.status === 'active') choices.push(button({ name: 'pause', pair: pair.id }, t('alerts.action.pause')));
  if (pair?.status === 'active' || pair?.status === 'paused') choices.push(button({ name: 'pair', pair: pair.id }, t('alerts.action.end')));
  if (pair?.status === 'proposed') choices.push(button({ name: 'end', pair: pair.id, reason: 'other' }, t('alerts.action.withdraw')));
  if (alert.status !== 'open') lines.push(t(`alerts.status.${alert.status}`));
  const about = [alert.participantId, pair?.menteeId, pair?.mentorId].filter((id): id is number => typeof id === 'number');
  return { lines, choices, about };
}

/** What happened, in one line: "#12 Olena asks you to contact them." */
function headline(tx: Tx, alert: Alert): Text {
  const who = alert.participantId === null ? '' : personLabel(participant(tx, alert.participantId) ?? { id: alert.participantId, name: null });
  const details = detailsOf(alert);
  // A quiet pair says since when, and from which sign of a meeting, as the "Last meeting" line does.
  const sign = INACTIVE_SIGNS.find((s) => s === details.sign);
  // The days, as the count that picks the plural form ("1 day", "2 days"; Arabic and Ukrainian have more forms).
  const days: Record<string, number> = typeof details.days === 'number' ? { count: details.days } : {};
  if (alert.kind === 'inactive' && sign && typeof details.since === 'string') {
    return t(`alerts.inactive.${sign}`, { pair: alert.pairId ?? '', date: details.since, ...days });
  }
  if (alert.kind === 'waitingForMatch' && details.status === 'waitlisted') return t('alerts.waitlisted', { who, ...days });
  return t(`alerts.kind.${alert.kind}`, { ...details, ...(COUNTS_DAYS.includes(alert.kind) ? days : {}), who, pair: alert.pairId ?? '' });
}

const INACTIVE_SIGNS: MeetingSign['kind'][] = ['meeting', 'checkin', 'started', 'resumed'];

/** The kinds whose line counts days: their plural form follows the days. */
const COUNTS_DAYS: string[] = ['inactive', 'waitingForMatch', 'proposalUnanswered'];

/** Started, last meeting, recent ratings, goals, and the likely reason: what a coordinator needs to act. */
function pairContext(tx: Tx, pair: typeof pairs.$inferSelect, alert: Alert, timeZone: string): Text[] {
  const name = (id: number) => personLabel(participant(tx, id) ?? { id, name: null });
  const lines: Text[] = [
    t('alerts.context.pair', {
      pair: pair.id,
      mentee: name(pair.menteeId),
      mentor: name(pair.mentorId),
      status: t(`coordinator.pairStatus.${pair.status}`),
    }),
  ];
  if (pair.activatedAt) lines.push(t('alerts.context.started', { date: localDay(new Date(pair.activatedAt), timeZone) }));
  const sign = lastMeetingOf(tx, pair.id, timeZone);
  if (sign) lines.push(lastMeetingLine(sign));
  const answered = tx
    .select()
    .from(checkins)
    .where(and(eq(checkins.pairId, pair.id), isNotNull(checkins.answeredAt)))
    .orderBy(desc(checkins.round))
    .all();
  const ratings = (memberId: number) =>
    answered
      .filter((c) => c.participantId === memberId)
      .slice(0, 3)
      .map((c) => String(answersOf(c).rating ?? '–'))
      .join(', ') || '–';
  if (answered.length > 0) lines.push(t('alerts.context.ratings', { mentee: ratings(pair.menteeId), mentor: ratings(pair.mentorId) }));
  const menteeGoals = tx
    .select({ status: goals.status })
    .from(goals)
    .where(and(eq(goals.menteeId, pair.menteeId), or(eq(goals.status, 'active'), eq(goals.status, 'done'))))
    .all();
  if (menteeGoals.length > 0) {
    lines.push(t('alerts.context.goals', { done: menteeGoals.filter((g) => g.status === 'done').length, total: menteeGoals.length }));
  }
  const obstacle = answered.map((c) => answersOf(c).obstacle).find((o) => typeof o === 'string');
  if (typeof obstacle === 'string') lines.push(t('alerts.context.reason', { reason: t(`checkin.options.obstacle.${obstacle}`) }));
  const details = detailsOf(alert);
  if (typeof details.note === 'string') lines.push(t('alerts.context.note', { note: theirWords(details.note) }));
  return lines;
}

export const detailsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

function detailsOf(alert: Alert): Record<string, string | number> {
  return parseJson(alert.details, detailsSchema) ?? {};
}

function answersOf(checkin: typeof checkins.$inferSelect): Answers {
  return parseAnswers(checkin.answers ?? '{}');
}
