import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { audit } from '../privacy/audit';
import { t } from '../text/messages';
import { personLabel } from '../text/personText';
import { joinCodeOf } from './joinCodes';
import { participant } from './people';

/**
 * `/invitecode N`: the personal code of a person imported from the programme's spreadsheet, for the
 * coordinator to hand them (on paper, by phone, in their own email). Kompis never writes to them
 * first; they start the chat with the code. Written to the audit log as a view of the person.
 */
export function inviteCodeCommand(c: CommandContext, arg: string | undefined): CommandResult {
  const id = idArg(arg);
  const person = id === undefined ? undefined : participant(c.tx, id);
  const code = person && person.programmeId === c.ctx.programme.id && !person.erasedAt ? joinCodeOf(c.tx, person.id) : undefined;
  if (!person || code === undefined) return reply(t('join.noCode'));
  audit(c.tx, { programmeId: c.ctx.programme.id, actorId: c.actorId, action: 'viewJoinCode', subjectId: person.id, at: c.ctx.now });
  return reply(t('join.code', { who: personLabel(person), code }));
}
