import { and, eq } from 'drizzle-orm';
import { alerts } from '../../db/schema';
import { alertCommand } from '../alerts/alertCommands';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { endPair, pauseOrResume } from '../pairs/pairCommands';
import { rematchCommand } from '../pairs/rematch';
import { t } from '../text/messages';
import { closeCommand, contactCommand, replyCommand, takeCommand } from '../threads/threadCommands';
import type { DeskAction } from './deskView';

const BACK = '/desk/alerts';

/**
 * The alerts page's buttons, each the chat's own command for the alert's button: `/alert nudge|snooze|resolve N`,
 * `/contact P TEXT` (Reply), `/pause P`, `/rematch P yes` and `/end P other quiet` (withdraw a proposal: its members
 * are told the same either way),
 * the last three only after "Yes, I am sure". The person and the pair come from the alert, never from the form.
 */
export const ALERT_ACTIONS: DeskAction[] = [
  ...(['nudge', 'snooze', 'resolve'] as const).map((act) => ({
    path: `/alerts/:id/${act}`,
    run: (c: CommandContext, { params }: { params: Record<string, string> }) => ({ result: alertCommand(c, [act, params.id ?? '']), next: BACK }),
  })),
  onAlert('reply', false, (c, alert, form) => (alert.participantId === null ? undefined : said(form.text, (text) => contactCommand(c, [String(alert.participantId), text])))),
  onAlert('pause', true, (c, alert) => (alert.pairId === null ? undefined : pauseOrResume(c, String(alert.pairId), 'paused'))),
  onAlert('rematch', true, (c, alert) => (alert.pairId === null ? undefined : rematchCommand(c, [String(alert.pairId), 'yes']))),
  onAlert('withdraw', true, (c, alert) => (alert.pairId === null ? undefined : endPair(c, [String(alert.pairId), 'other', 'quiet']))),
];

/** The threads' buttons: `/reply T TEXT`, `/take T`, `/close T`. */
export const THREAD_ACTIONS: DeskAction[] = [
  { path: '/threads/:id/reply', run: (c, { params, form }) => ({ result: said(form.text, (text) => replyCommand(c, [params.id ?? '', text])), next: BACK }) },
  { path: '/threads/:id/take', run: (c, { params }) => ({ result: takeCommand(c, params.id), next: BACK }) },
  { path: '/threads/:id/close', run: (c, { params }) => ({ result: closeCommand(c, params.id), next: BACK }) },
];

type Alert = typeof alerts.$inferSelect;

function onAlert(act: string, confirm: boolean, run: (c: CommandContext, alert: Alert, form: Record<string, string>) => CommandResult | undefined): DeskAction {
  return {
    path: `/alerts/:id/${act}`,
    run: (c, { params, form }) => {
      const id = idArg(params.id);
      const alert =
        id === undefined
          ? undefined
          : c.tx
              .select()
              .from(alerts)
              .where(and(eq(alerts.id, id), eq(alerts.programmeId, c.ctx.programme.id)))
              .get();
      if (!alert) return { result: reply(t('alerts.notFound', { id: params.id ?? '' })), next: BACK };
      if (confirm && form.confirm !== 'yes') return { result: reply(t('desk.pair.confirmFirst')), next: BACK };
      return { result: run(c, alert, form) ?? reply(t('alerts.usage')), next: BACK };
    },
  };
}

/**
 * A reply from the desk is sent at once, with its words: an empty one changes nothing (in the chat,
 * `/reply T` alone would turn the coordinator's next chat messages into the reply).
 */
function said(text: string | undefined, send: (text: string) => CommandResult): CommandResult {
  const words = (text ?? '').trim();
  return words === '' ? reply(t('desk.alerts.writeFirst')) : send(words);
}
