import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { participants } from '../../db/schema';
import { normalise } from '../../flows/parseAnswer';
import { button } from '../conversation/actions';
import { type CommandContext, type CommandResult, reply } from '../conversation/commandContext';
import { PAGE_SIZE } from '../conversation/listPage';
import { openPairOf } from '../pairs/pairs';
import { audit } from '../privacy/audit';
import { type Choice, t, type Text } from '../text/messages';
import { personLabel } from '../text/personText';
import { mentorBank } from './listMentors';
import { latestApplicationOf } from './people';

/**
 * `/find NAME`: the people whose name holds these words (any case, with or without accents), each
 * with their number and where they stand. Each person shown is written in the audit log as seen.
 */
export function findPeople(c: CommandContext, query: string): CommandResult {
  const wanted = normalise(query);
  if (wanted.length < 2) return reply(t('coordinator.find.usage'));
  const found = c.tx
    .select({ id: participants.id, name: participants.name, role: participants.role })
    .from(participants)
    .where(and(eq(participants.programmeId, c.ctx.programme.id), isNull(participants.erasedAt), isNotNull(participants.name)))
    .all()
    .filter((p) => normalise(p.name ?? '').includes(wanted));
  if (found.length === 0) return reply(t('coordinator.find.none'));
  const shown = found.slice(0, PAGE_SIZE);
  const bank = new Map(mentorBank(c.tx, c.ctx.programme.id).map((m) => [m.id, m]));
  const lines: Text[] = [t('coordinator.find.title', { count: found.length })];
  const choices: Choice[] = [];
  for (const person of shown) {
    audit(c.tx, { programmeId: c.ctx.programme.id, actorId: c.actorId, action: 'findPerson', subjectId: person.id, at: c.ctx.now });
    const who = personLabel(person);
    const mentor = bank.get(person.id);
    const pair = openPairOf(c.tx, person.id);
    const application = latestApplicationOf(c.tx, person.id);
    if (person.role === 'coordinator') lines.push(t('coordinator.find.coordinator', { who }));
    else if (mentor) lines.push(t('coordinator.find.mentor', { who, load: mentor.load, capacity: mentor.capacity }));
    else if (pair) lines.push(t('coordinator.find.inPair', { who, pair: pair.id, status: t(`coordinator.pairStatus.${pair.status}`) }));
    else if (application) lines.push(t('coordinator.find.applicant', { who, status: t(`coordinator.status.${application.status}`) }));
    else lines.push(t('coordinator.find.notApplied', { who }));
    if (application) choices.push({ ...button({ name: 'view', applicant: person.id }, t('coordinator.action.view', { who })), number: person.id });
  }
  if (found.length > shown.length) lines.push(t('coordinator.find.more', { count: found.length - shown.length }));
  return { messages: [{ lines, choices }], notices: [] };
}
