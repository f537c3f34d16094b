import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { mentors, pairs, participants, surveyInvitations, surveyResponses } from '../../db/schema';
import { mentorFlow } from '../../flows/mentor/mentorFlow';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { END_REASONS } from '../pairs/endReasons';
import { isOpen } from '../pairs/pairs';
import { audit } from '../privacy/audit';
import { type Choice, type OutMessage, t, type Text } from '../text/messages';
import { personLabel } from '../text/personText';
import { answerLines } from './answerLines';
import { button } from '../conversation/actions';
import { participant } from './people';
import { parseAnswers } from './storedAnswers';

export type MentorAgain = 'yes' | 'maybe' | 'no';
export type ScreeningDecision = 'approve' | 'talk' | 'decline';

/** One pair a person was the mentor of, and how it went. Pairs in which the person was the mentee are not here. */
export interface MentorPairEntry {
  pairId: number;
  menteeId: number;
  menteeName: string | null;
  status: (typeof pairs.$inferSelect)['status'];
  endReason: string | null;
  /** What the mentor answered to "would you be a mentor again?" in this pair's end survey, when they answered with their name. */
  again: MentorAgain | undefined;
}

/**
 * `/mentor M`: a mentor's profile for a coordinator (the registration, screening, room, pause and
 * the pairs they mentored), written in the audit log.
 */
export function showMentor(c: CommandContext, arg: string | undefined): CommandResult {
  const id = idArg(arg);
  const view = id === undefined ? undefined : mentorProfileView(c, id);
  if (!view || id === undefined) return reply(t('coordinator.notMentor', { id: arg ?? '' }));
  audit(c.tx, { programmeId: c.ctx.programme.id, actorId: c.actorId, action: 'viewMentor', subjectId: id, at: c.ctx.now });
  return { messages: [view], notices: [] };
}

/** The company agreement the mentor registered under, by the name the programme gives it. */
function companyLine(c: CommandContext, code: string | null): Text[] {
  const company = c.ctx.programme.companies.find((co) => co.code === code);
  return company ? [t('mentorCare.company', { company: company.name })] : [];
}

/** The coordinator's view of one mentor, with the screening buttons until they are approved. */
export function mentorProfileView(c: CommandContext, mentorId: number, intro?: Text): OutMessage | undefined {
  const person = participant(c.tx, mentorId);
  const row = c.tx.select().from(mentors).where(eq(mentors.participantId, mentorId)).get();
  if (!person || !row || person.erasedAt !== null || person.programmeId !== c.ctx.programme.id) return undefined;
  const history = mentorHistory(c.tx, mentorId);
  const load = history.filter((p) => isOpen(p.status)).length;
  const pause = row.capacity > 0 ? [] : [row.pausedUntil ? t('mentorCare.pausedUntil', { date: row.pausedUntil }) : t('mentorCare.pausedOpen')];
  return {
    lines: [
      ...(intro ? [intro] : []),
      t('mentorCare.title', { who: personLabel(person), status: t(`mentorCare.status.${row.screening}`) }),
      t('mentorCare.room', { load, capacity: row.capacity }),
      ...pause,
      ...companyLine(c, row.company),
      ...answerLines(mentorFlow, parseAnswers(row.answers), c.ctx),
      ...(history.length === 0 ? [t('mentorCare.historyNone')] : [t('mentorCare.historyTitle'), ...history.map(historyLine)]),
    ],
    choices: row.screening === 'approved' ? [] : screeningChoices(mentorId),
    about: [mentorId],
  };
}

function historyLine(p: MentorPairEntry): Text {
  const reason = END_REASONS.find((r) => r === p.endReason);
  const status = p.status === 'ended' && reason ? t(`coordinator.endReason.${reason}`) : t(`coordinator.pairStatus.${p.status}`);
  const line = t('mentorCare.historyLine', { pair: p.pairId, who: personLabel({ id: p.menteeId, name: p.menteeName }), status });
  return p.again ? t('mentorCare.historyAgain', { line, again: t(`mentorCare.again.${p.again}`) }) : line;
}

/** The pairs a person mentored (proposals they said no to left out), oldest first, with their end-survey "again". */
export function mentorHistory(tx: Tx, mentorId: number): MentorPairEntry[] {
  return tx
    .select({ pairId: pairs.id, menteeId: pairs.menteeId, menteeName: participants.name, status: pairs.status, endReason: pairs.endReason })
    .from(pairs)
    .innerJoin(participants, eq(participants.id, pairs.menteeId))
    .where(eq(pairs.mentorId, mentorId))
    .orderBy(asc(pairs.id))
    .all()
    .filter((p) => p.status !== 'declined')
    .map((p) => ({ ...p, again: againOf(tx, mentorId, p.pairId) }));
}

/**
 * The mentor's answer to "again" in the end survey of one pair, linked through the invitation, only
 * when they answered with their name: anonymous answers are seen in totals only.
 */
export function againOf(tx: Tx, mentorId: number, pairId: number): MentorAgain | undefined {
  const invitation = tx
    .select({ answeredAt: surveyInvitations.answeredAt })
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.participantId, mentorId), eq(surveyInvitations.pairId, pairId), eq(surveyInvitations.timepoint, 'end')))
    .get();
  if (!invitation?.answeredAt) return undefined;
  const response = tx
    .select({ answers: surveyResponses.answers })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.participantId, mentorId), eq(surveyResponses.timepoint, 'end'), eq(surveyResponses.answeredAt, invitation.answeredAt)))
    .get();
  const again = response ? parseAnswers(response.answers).again : undefined;
  return again === 'yes' || again === 'maybe' || again === 'no' ? again : undefined;
}

/** The buttons a coordinator screens a mentor with. */
export function screeningChoices(mentorId: number): Choice[] {
  return [
    button({ name: 'mentorScreen', mentor: mentorId, decision: 'approve' }, t('mentorCare.action.approve')),
    button({ name: 'mentorScreen', mentor: mentorId, decision: 'talk' }, t('mentorCare.action.talk')),
    button({ name: 'mentorScreen', mentor: mentorId, decision: 'decline' }, t('mentorCare.action.decline')),
  ];
}
