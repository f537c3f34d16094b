import { eq } from 'drizzle-orm';
import { participants } from '../../db/schema';
import { type CommandContext, type CommandResult, reply } from '../conversation/commandContext';
import { t } from '../text/messages';

/**
 * `/keep`: the answer to the warning before the retention purge. It counts as activity, so the
 * retention period starts again from now.
 */
export function keepData(c: CommandContext): CommandResult {
  c.tx.update(participants).set({ lastActiveAt: c.ctx.now.toISOString() }).where(eq(participants.id, c.actorId)).run();
  return reply(t('mentorCare.retention.kept'));
}
