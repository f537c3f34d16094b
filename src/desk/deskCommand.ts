import { type CommandContext, type CommandResult, reply } from '../conversation/commandContext';
import { t } from '../text/messages';
import { createDeskLink, DESK_LINK_MS } from './deskSignIn';

/**
 * `/desk`: a one-time link that signs the coordinator in to the desk, valid for ten minutes. Where
 * no HTTP server runs (the console alone), it says so instead of giving a link that cannot work.
 */
export function deskCommand(c: CommandContext): CommandResult {
  if (!c.deskUrl) return reply(t('desk.off'));
  const token = createDeskLink(c.tx, c.actorId, c.ctx.now);
  return reply(t('desk.link', { url: `${c.deskUrl.replace(/\/+$/, '')}/desk/login/${token}`, minutes: DESK_LINK_MS / 60_000 }));
}
