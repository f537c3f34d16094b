import { eq } from 'drizzle-orm';
import { mentors } from '../../db/schema';
import { type CommandContext, type CommandResult, reply } from '../conversation/commandContext';
import { t } from '../text/messages';
import { latestApplicationOf, participant } from './people';
import { parseAnswers } from './storedAnswers';

/**
 * `/profile`: the person's application (or mentor profile) as its summary, where any answer can be
 * changed; sending it saves the new answers. Nothing changes until it is sent.
 */
export function profileCommand(c: CommandContext): CommandResult {
  const person = participant(c.tx, c.actorId);
  const given = { edit: 1 };
  if (person?.role === 'mentor') {
    const profile = c.tx.select().from(mentors).where(eq(mentors.participantId, person.id)).get();
    if (profile) return { messages: [], notices: [], start: { flowId: 'mentor', given, answers: parseAnswers(profile.answers) } };
  }
  const application = person?.role === 'coordinator' ? undefined : latestApplicationOf(c.tx, c.actorId);
  if (application) return { messages: [], notices: [], start: { flowId: 'intake', given, answers: parseAnswers(application.answers) } };
  return reply(t('privacy.noProfile'));
}
