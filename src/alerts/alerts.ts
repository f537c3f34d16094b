import { button } from '../conversation/actions';
import { and, asc, desc, eq, inArray, isNotNull, notInArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client';
import { alerts, checkins, goals, meetings, pairs } from '../../db/schema';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import type { Choice, OutMessage, Text } from '../text/messages';
import { t } from '../text/messages';
import { audit } from '../privacy/audit';
import { localDay } from '../text/calendar';
import { notify } from '../conversation/notify';
import { parseJson } from '../runtime/parseJson';
import { parseAnswers } from '../people/storedAnswers';
import type { Answers } from '../../flows/types';
import { coordinatorsOf, label, participant } from '../people/people';
import { partnerOf, pairById } from '../pairs/pairs';
import { oneLine } from '../text/oneLine';
import type { Programme } from '../settings/programme';
import { personName } from '../text/personText';

type Alert = typeof alerts.$inferSelect;

/** Every kind of alert, and how urgent it is. */
const PRIORITY = {
  contactRequest: 'high',
  lowRating: 'normal',
  inactive: 'normal',
  checkinsUnanswered: 'normal',
  unreachable: 'normal',
  waitingForMatch: 'normal',
  proposalUnanswered: 'normal',
  disagreement: 'low',
} as const satisfies Record<string, Alert['priority']>;
export type AlertKind = keyof typeof PRIORITY;

/** Kinds about one member: each member of a pair can have one open, so one never hides the other's. */
const PER_MEMBER: AlertKind[] = ['contactRequest', 'lowRating', 'unreachable', 'checkinsUnanswered'];
/** Kinds that stay open when their pair ends: a person who asked to be contacted still waits for it. */
const OUTLIVE_PAIR: AlertKind[] = ['contactRequest'];
const OPEN = ['open', 'snoozed'] as const;
const SNOOZE_DAYS = 7;

export interface AlertScope {
  tx: Tx;
  programme: Programme;
  now: Date;
}

/**
 * Opens an alert unless this occasion (`dedupeKey`) raised one before or the pair (or person) already
 * has an open alert of this kind, and tells the coordinators: at once, or in the daily digest when the
 * programme wants one (a request to be contacted goes at once either way). Returns the new alert's id.
 */
export function raiseAlert(
  s: AlertScope,
  alert: { kind: AlertKind; dedupeKey: string; pairId?: number; participantId?: number; details?: Record<string, string | number> },
): number | undefined {
  const { tx, programme, now } = s;
  const member = alert.participantId === undefined ? undefined : eq(alerts.participantId, alert.participantId);
  const subject =
    alert.pairId === undefined ? member : and(eq(alerts.pairId, alert.pairId), PER_MEMBER.includes(alert.kind) ? member : undefined);
  const open = tx
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(eq(alerts.kind, alert.kind), subject, inArray(alerts.status, [...OPEN])))
    .get();
  if (open) return undefined;
  const created = tx
    .insert(alerts)
    .values({
      programmeId: programme.id,
      kind: alert.kind,
      priority: PRIORITY[alert.kind],
      dedupeKey: alert.dedupeKey,
      pairId: alert.pairId ?? null,
      participantId: alert.participantId ?? null,
      details: JSON.stringify(alert.details ?? {}),
      status: 'open',
      openedAt: now.toISOString(),
    })
    .onConflictDoNothing()
    .returning()
    .get();
  if (!created) return undefined;
  if (!programme.alerts.digest || PRIORITY[alert.kind] === 'high') tellCoordinators(s, created, `alert:${created.id}`);
  return created.id;
}

/** Sends an alert with its context to every coordinator; `key` names this sending. */
export function tellCoordinators(s: AlertScope, alert: Alert, key: string): void {
  const message = alertMessage(s.tx, alert, s.programme.timezone);
  for (const coordinator of coordinatorsOf(s.tx, s.programme.id)) {
    notify(s.tx, s.programme, { participantId: coordinator, message, dedupeKey: `${key}:${coordinator}` }, s.now);
  }
}

/**
 * Closes a pair's open alerts of these kinds, or all that end with the pair when none are named: what
 * they were about is over.
 */
export function resolveAlertsOf(tx: Tx, pairId: number, now: Date, kinds?: AlertKind[]): void {
  const which = kinds ? inArray(alerts.kind, kinds) : notInArray(alerts.kind, OUTLIVE_PAIR);
  tx.update(alerts)
    .set({ status: 'resolved', resolvedAt: now.toISOString() })
    .where(and(eq(alerts.pairId, pairId), inArray(alerts.status, [...OPEN]), which))
    .run();
}

/** Closes a person's open alerts of these kinds (they wrote again; they got a proposal). */
export function resolvePersonAlerts(tx: Tx, participantId: number, now: Date, kinds: AlertKind[]): void {
  tx.update(alerts)
    .set({ status: 'resolved', resolvedAt: now.toISOString() })
    .where(and(eq(alerts.participantId, participantId), inArray(alerts.status, [...OPEN]), inArray(alerts.kind, kinds)))
    .run();
}

/** `/alerts`: the open alerts, most urgent first, each with a button to see it whole. */
export function listAlerts(c: CommandContext): CommandResult {
  const message = alertList(c.tx, c.ctx.programme);
  return message ? { messages: [message], notices: [] } : reply(t('alerts.none'));
}

/** The open alerts in one message, for `/alerts` and the daily digest; undefined when there are none. */
export function alertList(tx: Tx, programme: Programme): OutMessage | undefined {
  const open = tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.programmeId, programme.id), eq(alerts.status, 'open')))
    .orderBy(sql`case ${alerts.priority} when 'high' then 0 when 'normal' then 1 else 2 end`, asc(alerts.id))
    .all();
  if (open.length === 0) return undefined;
  return {
    lines: [t('alerts.title', { count: open.length }), ...open.map((a) => t(a.priority === 'high' ? 'alerts.lineUrgent' : 'alerts.line', { id: a.id, text: headline(tx, a) }))],
    choices: open.slice(0, 10).map((a) => button({ name: 'alert', alert: a.id }, t('alerts.action.show', { id: a.id }))),
  };
}

/** `/alert N`, `/alert nudge N`, `/alert snooze N`, `/alert resolve N`. */
export function alertCommand(c: CommandContext, args: string[]): CommandResult {
  const [first, second] = args;
  if (first === undefined) return reply(t('alerts.usage'));
  const action = idArg(first) === undefined ? first?.toLowerCase() : 'show';
  const number = action === 'show' ? first : second;
  if (number === undefined) return reply(t('alerts.usage'));
  const alert = findAlert(c, number);
  if (!alert) return reply(t('alerts.notFound', { id: number }));
  const s: AlertScope = { tx: c.tx, programme: c.ctx.programme, now: c.ctx.now };
  switch (action) {
    case 'show':
      audit(c.tx, { programmeId: c.ctx.programme.id, actorId: c.actorId, action: 'viewAlert', subjectId: alert.participantId ?? undefined, at: c.ctx.now });
      return { messages: [alertMessage(c.tx, alert, c.ctx.programme.timezone)], notices: [] };
    case 'snooze': {
      if (alert.status === 'resolved') return reply(t('alerts.alreadyResolved', { id: alert.id }));
      const until = new Date(c.ctx.now.getTime() + SNOOZE_DAYS * 86_400_000);
      c.tx.update(alerts).set({ status: 'snoozed', snoozedUntil: until.toISOString() }).where(eq(alerts.id, alert.id)).run();
      return reply(t('alerts.snoozed', { id: alert.id, date: localDay(until, c.ctx.programme.timezone) }));
    }
    case 'resolve':
      c.tx
        .update(alerts)
        .set({ status: 'resolved', resolvedAt: c.ctx.now.toISOString(), resolvedBy: c.actorId })
        .where(eq(alerts.id, alert.id))
        .run();
      return reply(t('alerts.resolved', { id: alert.id }));
    case 'nudge': {
      const pair = alert.pairId === null ? undefined : pairById(c.tx, alert.pairId);
      if (pair?.status !== 'active') return reply(t('alerts.cannotNudge', { id: alert.id }));
      const sent = nudgePair(s, pair, `alert-nudge:${alert.id}`);
      return reply(t(sent ? 'alerts.nudged' : 'alerts.alreadyNudged', { pair: pair.id }));
    }
    default:
      return reply(t('alerts.usage'));
  }
}

/** A kind word to both members of a quiet pair, with a button to log a meeting; false when `key` was used before. */
export function nudgePair(s: AlertScope, pair: { id: number; menteeId: number; mentorId: number }, key: string): boolean {
  let sent = false;
  for (const memberId of [pair.menteeId, pair.mentorId]) {
    const other = participant(s.tx, partnerOf(pair, memberId));
    const message = {
      lines: [t('nudge.text', { name: personName({ id: partnerOf(pair, memberId), name: other?.name ?? null }) }), t('nudge.why')],
      choices: [button({ name: 'met', pair: pair.id }, t('meeting.action'))],
    };
    if (notify(s.tx, s.programme, { participantId: memberId, message, dedupeKey: `${key}:${memberId}` }, s.now)) sent = true;
  }
  return sent;
}

/** An alert as coordinators see it: what happened, the pair's context, and what they can do. */
export function alertMessage(tx: Tx, alert: Alert, timeZone: string): OutMessage {
  const lines: Text[] = [t(alert.priority === 'high' ? 'alerts.urgent' : 'alerts.heading', { id: alert.id }), headline(tx, alert)];
  const choices: Choice[] = [];
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
  if (pair?.status === 'active') choices.push(button({ name: 'pause', pair: pair.id }, t('alerts.action.pause')));
  if (pair?.status === 'active' || pair?.status === 'paused') choices.push(button({ name: 'pair', pair: pair.id }, t('alerts.action.end')));
  if (pair?.status === 'proposed') choices.push(button({ name: 'end', pair: pair.id, reason: 'other' }, t('alerts.action.withdraw')));
  if (alert.status !== 'open') lines.push(t(`alerts.status.${alert.status}`));
  const about = [alert.participantId, pair?.menteeId, pair?.mentorId].filter((id): id is number => typeof id === 'number');
  return { lines, choices, about };
}

/** What happened, in one line: "#12 Olena asks you to contact them." */
function headline(tx: Tx, alert: Alert): Text {
  const who = alert.participantId === null ? '' : label(participant(tx, alert.participantId) ?? { id: alert.participantId, name: null });
  return t(`alerts.kind.${alert.kind}`, { ...detailsOf(alert), who, pair: alert.pairId ?? '' });
}

/** Started, last meeting, recent ratings, goals, and the likely reason: what a coordinator needs to act. */
function pairContext(tx: Tx, pair: typeof pairs.$inferSelect, alert: Alert, timeZone: string): Text[] {
  const name = (id: number) => label(participant(tx, id) ?? { id, name: null });
  const lines: Text[] = [
    t('alerts.context.pair', {
      pair: pair.id,
      mentee: name(pair.menteeId),
      mentor: name(pair.mentorId),
      status: t(`coordinator.pairStatus.${pair.status}`),
    }),
  ];
  if (pair.activatedAt) lines.push(t('alerts.context.started', { date: localDay(new Date(pair.activatedAt), timeZone) }));
  const met = tx
    .select({ last: sql<string | null>`max(${meetings.metOn})`, count: sql<number>`count(*)` })
    .from(meetings)
    .where(eq(meetings.pairId, pair.id))
    .get();
  if (pair.status !== 'proposed') {
    lines.push(met?.last ? t('alerts.context.lastMeeting', { date: met.last, count: met.count }) : t('alerts.context.noMeeting'));
  }
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
  if (typeof details.note === 'string') lines.push(t('alerts.context.note', { note: oneLine(details.note) }));
  return lines;
}

export const detailsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

function detailsOf(alert: Alert): Record<string, string | number> {
  return parseJson(alert.details, detailsSchema) ?? {};
}

function answersOf(checkin: typeof checkins.$inferSelect): Answers {
  return parseAnswers(checkin.answers ?? '{}');
}

function findAlert(c: CommandContext, arg: string | undefined): Alert | undefined {
  const id = idArg(arg);
  if (id === undefined) return undefined;
  return c.tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.id, id), eq(alerts.programmeId, c.ctx.programme.id)))
    .get();
}
