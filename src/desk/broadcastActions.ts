import { broadcastCommand, broadcastProblemReply } from '../broadcasts/broadcastCommand';
import { type BroadcastScope, draftBroadcast, setBroadcastText } from '../broadcasts/broadcasts';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { parseSegment } from '../people/segments';
import { t } from '../text/messages';
import type { DeskAction } from './deskView';

const LIST = '/desk/broadcasts';

/**
 * The broadcasts page's forms, each over the chat's own functions: a draft to a group
 * (`draftBroadcast`, as `/broadcast GROUP LANG: TEXT`), a text in another language (`setBroadcastText`,
 * as `/broadcast N LANG: TEXT`), and `/broadcast N send` (only after "Yes, I am sure") and `/broadcast N cancel`.
 */
export const BROADCAST_ACTIONS: DeskAction[] = [
  {
    path: '/broadcasts/new',
    run: (c, { form }) => {
      const segment = parseSegment(form.segment ?? '');
      if (!segment) return { result: reply(t('desk.broadcasts.chooseGroup')), next: LIST };
      const language = form.language ?? '';
      const draft = draftBroadcast(scope(c), { segment, language, text: (form.text ?? '').trim() });
      return typeof draft === 'string' ? { result: broadcastProblemReply(scope(c), draft, language), next: LIST } : { result: quiet(), next: `${LIST}/${draft.id}` };
    },
  },
  {
    path: '/broadcasts/:id/text',
    run: (c, { params, form }) => {
      const id = idArg(params.id) ?? 0;
      const language = form.language ?? '';
      const changed = setBroadcastText(scope(c), id, language, (form.text ?? '').trim());
      return { result: typeof changed === 'string' ? broadcastProblemReply(scope(c), changed, language, id) : quiet(), next: `${LIST}/${id}` };
    },
  },
  {
    path: '/broadcasts/:id/send',
    run: (c, { params, form }) => ({
      result: form.confirm === 'yes' ? broadcastCommand(c, [params.id ?? '', 'send']) : reply(t('desk.pair.confirmFirst')),
      next: `${LIST}/${params.id ?? ''}`,
    }),
  },
  { path: '/broadcasts/:id/cancel', run: (c, { params }) => ({ result: broadcastCommand(c, [params.id ?? '', 'cancel']), next: LIST }) },
];

function scope(c: CommandContext): BroadcastScope {
  return { tx: c.tx, programme: c.ctx.programme, actorId: c.actorId, now: c.ctx.now };
}

/** Nothing to say: the page shown next is the answer. */
function quiet(): CommandResult {
  return { messages: [], notices: [] };
}
