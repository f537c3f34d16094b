import { button } from '../conversation/actions';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { outcomes, participants, surveyInvitations, surveyResponses } from '../../db/schema';
import type { Answers } from '../../flows/types';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import type { OutMessage } from '../text/messages';
import { t } from '../text/messages';
import { participant } from '../people/people';

type Invitation = typeof surveyInvitations.$inferSelect;

/** The message that asks a person to answer a survey (and, once, reminds them). */
export function surveyInvitation(invitation: Invitation, reminder: boolean): OutMessage {
  const kind = invitation.timepoint === 'end' || invitation.timepoint === 'intake' ? invitation.timepoint : 'followup';
  return {
    lines: [t(reminder ? 'survey.reminder' : `survey.invite.${kind}`), t('survey.private')],
    choices: [button({ name: 'survey', invitation: invitation.id }, t('survey.action'))],
  };
}

/** `/survey N`: answer survey invitation N; `/survey`: the oldest one still open. */
export function startSurvey(c: CommandContext, arg: string | undefined): CommandResult {
  const id = idArg(arg);
  const invitation = c.tx
    .select()
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.participantId, c.actorId), id === undefined ? isNull(surveyInvitations.answeredAt) : eq(surveyInvitations.id, id)))
    .orderBy(asc(surveyInvitations.id))
    .get();
  if (!invitation) return reply(t('survey.none'));
  if (invitation.answeredAt !== null) return reply(t('survey.already'));
  if (!c.ctx.programme.surveyDefinitions[invitation.surveyId]) return reply(t('survey.gone'));
  return { messages: [], notices: [], start: { flowId: 'survey', given: { survey: invitation.surveyId, invitation: invitation.id } } };
}

/** The person's pseudonymous respondent id, made at their first survey. */
export function respondentIdOf(tx: Tx, participantId: number): string {
  const existing = participant(tx, participantId)?.respondentId;
  if (existing) return existing;
  const id = randomUUID();
  tx.update(participants).set({ respondentId: id }).where(eq(participants.id, participantId)).run();
  return id;
}

const OUTCOME_ORDER = ['job', 'internship', 'education', 'business'] as const;

/**
 * Keeps a survey's answers under the person's respondent id (with their id too only when they chose
 * to answer with their name) and, from a survey that asks what happened since the start, their
 * outcome at that time point.
 */
export function recordSurveyAnswer(c: CommandContext, answer: { invitationId: number; anonymous: boolean; answers: Answers }): void {
  const now = c.ctx.now.toISOString();
  const open = and(eq(surveyInvitations.id, answer.invitationId), eq(surveyInvitations.participantId, c.actorId), isNull(surveyInvitations.answeredAt));
  const invitation = c.tx.select().from(surveyInvitations).where(open).get();
  const survey = invitation ? c.ctx.programme.surveyDefinitions[invitation.surveyId] : undefined;
  if (!invitation || !survey) return;
  c.tx.update(surveyInvitations).set({ answeredAt: now }).where(open).run();
  const respondentId = respondentIdOf(c.tx, c.actorId);
  const programmeId = c.ctx.programme.id;
  c.tx
    .insert(surveyResponses)
    .values({
      programmeId,
      respondentId,
      participantId: answer.anonymous ? null : c.actorId,
      surveyId: survey.id,
      timepoint: invitation.timepoint,
      role: survey.audience,
      answers: JSON.stringify(answer.answers),
      answeredAt: now,
    })
    .run();
  const happened = answer.answers.outcome;
  if (survey.audience !== 'mentee' || !Array.isArray(happened)) return;
  const status: (typeof outcomes.$inferInsert)['status'] = OUTCOME_ORDER.find((o) => happened.includes(o)) ?? 'none';
  const job = status === 'job';
  const pick = <T extends string>(value: unknown, allowed: readonly T[]): T | null => allowed.find((a) => a === value) ?? null;
  const row = {
    status,
    jobUsesEducation: job ? pick(answer.answers.jobEducation, ['yes', 'partly', 'no']) : null,
    permanent: job && answer.answers.jobPermanent !== undefined ? answer.answers.jobPermanent === 'permanent' : null,
    fullTime: job && answer.answers.jobFullTime !== undefined ? answer.answers.jobFullTime === 'fullTime' : null,
    contribution: job && answer.answers.contribution !== undefined ? Number(answer.answers.contribution) : null,
    recordedAt: now,
  };
  c.tx
    .insert(outcomes)
    .values({ programmeId, respondentId, timepoint: invitation.timepoint, ...row })
    .onConflictDoUpdate({ target: [outcomes.respondentId, outcomes.timepoint], set: row })
    .run();
}
