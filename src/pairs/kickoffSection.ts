import { z } from 'zod';
import type { Tx } from '../../db/client';
import { participant } from '../people/people';
import { parseJson } from '../runtime/parseJson';
import { t, type Text } from '../text/messages';
import { personLabel } from '../text/personText';
import { agreedFrequency, frequencyOf } from './meetingFrequency';
import type { Pair } from './pairs';

const contactSchema = z.object({ contact: z.array(z.string()).catch([]) });
const CONTACT_WAYS = ['chat', 'phone', 'video', 'email', 'inPerson'];

/**
 * What each member answered at the kickoff (how often they meet, how they keep in touch), for the
 * coordinator's view of a pair, as the kickoff promises them; and how often reminders expect them to
 * meet. Nothing for a pair that never started.
 */
export function kickoffSection(tx: Tx, pair: Pair): Text[] {
  if (pair.activatedAt === null) return [];
  const member = (id: number, kickoff: string | null): Text => {
    const who = personLabel(participant(tx, id) ?? { id, name: null });
    const frequency = frequencyOf(kickoff);
    if (kickoff === null || frequency === undefined) return t('coordinator.kickoff.notAnswered', { who });
    const ways = (parseJson(kickoff, contactSchema)?.contact ?? []).filter((w) => CONTACT_WAYS.includes(w));
    return t('coordinator.kickoff.answers', {
      who,
      frequency: t(`kickoff.options.frequency.${frequency}`),
      contact: ways.map((w) => t(`kickoff.options.contact.${w}`)),
    });
  };
  const agreed = agreedFrequency(pair);
  return [
    t('coordinator.kickoff.title'),
    member(pair.menteeId, pair.kickoffMentee),
    member(pair.mentorId, pair.kickoffMentor),
    ...(agreed && frequencyOf(pair.kickoffMentee) !== frequencyOf(pair.kickoffMentor)
      ? [t('coordinator.kickoff.differ', { agreed: t(`kickoff.options.frequency.${agreed}`) })]
      : []),
  ];
}
