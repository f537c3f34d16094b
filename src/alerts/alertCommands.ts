import { nudgePair } from './tellCoordinators';
import { alertList, alertMessage } from './alertView';
import { type Alert, type AlertScope } from './alertKinds';
import { and, eq } from 'drizzle-orm';
import { alerts } from '../../db/schema';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { t } from '../text/messages';
import { audit } from '../privacy/audit';
import { localDay } from '../text/calendar';
import { pairById } from '../pairs/pairs';
import { pageArg } from '../conversation/listPage';

const SNOOZE_DAYS = 7;

/** `/alerts` (`/alerts 2` for the next page): the open alerts, most urgent first, each with a button to see it whole. */
export function listAlerts(c: CommandContext, pageArgument?: string): CommandResult {
  const message = alertList(c.tx, c.ctx.programme, pageArg(pageArgument));
  return message ? { messages: [message], notices: [] } : reply(t('alerts.none'));
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
      c.tx.update(alerts).set({ status: 'resolved', resolvedAt: c.ctx.now.toISOString(), resolvedBy: c.actorId }).where(eq(alerts.id, alert.id)).run();
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

function findAlert(c: CommandContext, arg: string | undefined): Alert | undefined {
  const id = idArg(arg);
  if (id === undefined) return undefined;
  return c.tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.id, id), eq(alerts.programmeId, c.ctx.programme.id)))
    .get();
}
