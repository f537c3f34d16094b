import { type CommandContext, type CommandResult, reply } from '../conversation/commandContext';
import { extendPair } from '../pairs/extendPair';
import { endPair, pauseOrResume } from '../pairs/pairCommands';
import { t } from '../text/messages';
import type { DeskAction } from './deskView';

/**
 * The pair page's changes, each the chat command's own function (`/pause`, `/resume`, `/extend`,
 * `/end P REASON share|quiet`, `/end P undo`), and each only when "Yes, I am sure" was ticked.
 */
export const PAIR_ACTIONS: DeskAction[] = [
  confirmed('/pairs/:id/pause', (c, { params }) => pauseOrResume(c, params.id, 'paused')),
  confirmed('/pairs/:id/resume', (c, { params }) => pauseOrResume(c, params.id, 'active')),
  confirmed('/pairs/:id/extend', (c, { params, form }) => extendPair(c, params.id, form.months)),
  confirmed('/pairs/:id/end', (c, { params, form }) => endPair(c, [params.id ?? '', form.reason ?? '', form.tell === 'quiet' ? 'quiet' : 'share'])),
  confirmed('/pairs/:id/undo', (c, { params }) => endPair(c, [params.id ?? '', 'undo'])),
];

type Run = (c: CommandContext, input: { params: Record<string, string | undefined>; form: Record<string, string | undefined> }) => CommandResult;

function confirmed(path: string, run: Run): DeskAction {
  return {
    path,
    run: (c, input) => ({
      result: input.form.confirm === 'yes' ? run(c, input) : reply(t('desk.pair.confirmFirst')),
      next: `/desk/pairs/${input.params.id ?? ''}`,
    }),
  };
}
