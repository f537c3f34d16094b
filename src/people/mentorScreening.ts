import { eq } from 'drizzle-orm';
import { mentors } from '../../db/schema';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { audit } from '../privacy/audit';
import { t, type Text } from '../text/messages';
import { personLabel } from '../text/personText';
import { scopeOf } from '../threads/threadCommands';
import { openThreadOf, startWriting } from '../threads/threads';
import { mentorProfileView, type ScreeningDecision } from './mentorProfile';
import { coordinatorsOf, type Notice, participant } from './people';

export type MentorScreening = (typeof mentors.$inferSelect)['screening'];

/** A new mentor's registration, for each coordinator once, with approve, talk and decline; written in the audit log. */
export function newMentorNotices(c: CommandContext, mentorId: number): Notice[] {
  const message = mentorProfileView(c, mentorId, t('mentorCare.new'));
  if (!message) return [];
  return coordinatorsOf(c.tx, c.ctx.programme.id).map((id) => {
    audit(c.tx, { programmeId: c.ctx.programme.id, actorId: id, action: 'applicationSent', subjectId: mentorId, at: c.ctx.now });
    return { participantId: id, message };
  });
}

const SCREENING: Record<ScreeningDecision, MentorScreening> = { approve: 'approved', talk: 'talk', decline: 'declined' };

/**
 * `/mentor M approve|talk|decline`: the coordinators' decision on a mentor, and the mentor hears it.
 * Approved, the mentor can be suggested and matched; asked for a talk, the mentor gets a thread on
 * the coordinator line to find a time; declined, a kind message with the programme's own text. A
 * decision can be changed (approve after a talk). A mentor already in a pair keeps that pair.
 */
export function screenMentor(c: CommandContext, arg: string | undefined, decision: ScreeningDecision): CommandResult {
  const id = idArg(arg);
  const row = id === undefined ? undefined : c.tx.select().from(mentors).where(eq(mentors.participantId, id)).get();
  const person = id === undefined ? undefined : participant(c.tx, id);
  if (!row || !person || person.erasedAt !== null) return reply(t('coordinator.notMentor', { id: arg ?? '' }));
  c.tx.update(mentors).set({ screening: SCREENING[decision], updatedAt: c.ctx.now.toISOString() }).where(eq(mentors.participantId, person.id)).run();
  const who = personLabel(person);
  if (decision === 'talk') {
    const s = scopeOf(c);
    const thread = openThreadOf(s, person.id, 'interview');
    startWriting(s, person.id, thread);
    return {
      messages: [{ lines: [t('mentorCare.talkSent', { who, thread: thread.id })] }],
      notices: [{ participantId: person.id, message: { lines: [t('mentorCare.toMentor.talk'), t('threads.interviewHint')] } }],
    };
  }
  const toMentor: Text[] = decision === 'approve' ? [t('mentorCare.toMentor.approved')] : [t('mentorCare.toMentor.declined'), declineText(c, person.language)];
  return {
    messages: [{ lines: [t(decision === 'approve' ? 'mentorCare.approved' : 'mentorCare.declined', { who })] }],
    notices: [{ participantId: person.id, message: { lines: toMentor } }],
  };
}

/** The programme's own words for a declined mentor, in their language or the programme's, else Kompis's kind sentence. */
function declineText(c: CommandContext, language: string | null): Text {
  const { screening, defaultLanguage, contact } = c.ctx.programme;
  const own = screening.mentorDeclineText[language ?? defaultLanguage] ?? screening.mentorDeclineText[defaultLanguage];
  return own ? t('common.raw', { text: own }) : t('mentorCare.toMentor.declineDefault', { contact });
}
