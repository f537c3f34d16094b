import { and, asc, eq, or } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import {
  alerts,
  applications,
  auditLog,
  channelIdentities,
  checkins,
  consents,
  goalChanges,
  goals,
  meetings,
  mentors,
  outcomes,
  pairs,
  surveyInvitations,
  surveyResponses,
} from '../../db/schema';
import { summaryLines } from '../../flows/form';
import { intakeFlow } from '../../flows/intake/intakeFlow';
import { mentorFlow } from '../../flows/mentor/mentorFlow';
import { localDay } from '../text/calendar';
import type { CommandContext, CommandResult } from '../conversation/commandContext';
import type { Text } from '../text/messages';
import { t } from '../text/messages';
import { participant } from '../people/people';
import { loadSession } from '../conversation/sessionStore';
import { parseAnswers } from '../people/storedAnswers';
import { threadsForMyData } from '../threads/threadsForMyData';
import { gatheringsForMyData } from '../gatherings/gatheringsForMyData';
import { introductionsForMyData } from '../pairs/introduction';
import { pairStartData } from '../pairs/pairStartData';
import { memberOf } from '../pairs/pairs';

/**
 * Everything Kompis holds about one person, as plain JSON: their profile and answers, their goals,
 * the meetings they logged, their check-ins and survey answers (anonymous ones too: they are theirs),
 * their consents, which alerts were raised about them and when coordinators looked at their data.
 * Nothing about anyone else: a pair is described by its dates, never by the partner.
 */
export function collectMyData(tx: Tx, participantId: number) {
  const person = participant(tx, participantId);
  if (!person) return undefined;
  const answers = (json: string | null) => (json === null ? null : parseAnswers(json));
  const session = loadSession(tx, participantId)?.session;
  const respondentId = person.respondentId ?? '';
  return {
    person: {
      id: person.id,
      name: person.name,
      role: person.role,
      language: person.language,
      since: person.createdAt,
      lastActive: person.lastActiveAt,
      surveyId: person.respondentId,
      programmeNews: !person.newsOff,
    },
    channels: tx
      .select({ channel: channelIdentities.channel, id: channelIdentities.externalUserId, since: channelIdentities.createdAt })
      .from(channelIdentities)
      .where(eq(channelIdentities.participantId, participantId))
      .all(),
    consents: tx
      .select({ kind: consents.kind, version: consents.version, decision: consents.decision, language: consents.language, channel: consents.channel, at: consents.decidedAt })
      .from(consents)
      .where(eq(consents.participantId, participantId))
      .orderBy(asc(consents.id))
      .all(),
    applications: tx
      .select()
      .from(applications)
      .where(eq(applications.participantId, participantId))
      .all()
      .map((a) => ({ status: a.status, submittedAt: a.submittedAt, answers: answers(a.answers), notes: JSON.parse(a.flags) as unknown })),
    mentorProfile: tx
      .select()
      .from(mentors)
      .where(eq(mentors.participantId, participantId))
      .all()
      .map((m) => ({ registeredAt: m.registeredAt, capacity: m.capacity, answers: answers(m.answers) })),
    pairs: tx
      .select()
      .from(pairs)
      .where(memberOf(participantId))
      .all()
      .map((p) => {
        const mentee = p.menteeId === participantId;
        return {
          pair: p.id,
          yourRole: mentee ? 'mentee' : 'mentor',
          status: p.status,
          yourDecision: mentee ? p.menteeDecision : p.mentorDecision,
          proposedAt: p.proposedAt,
          startedAt: p.activatedAt,
          endsOn: p.endsOn,
          endedAt: p.endedAt,
          endReason: p.endReason,
          yourKickoffAnswers: answers(mentee ? p.kickoffMentee : p.kickoffMentor),
        };
      }),
    goals: tx
      .select()
      .from(goals)
      .where(eq(goals.menteeId, participantId))
      .all()
      .map((g) => ({
        kind: g.kind,
        goalType: g.goalType,
        text: g.text,
        month: g.targetMonth,
        status: g.status,
        createdAt: g.createdAt,
        changes: tx
          .select({ change: goalChanges.change, before: goalChanges.before, reason: goalChanges.reason, at: goalChanges.at })
          .from(goalChanges)
          .where(eq(goalChanges.goalId, g.id))
          .all(),
      })),
    meetingsYouLogged: tx
      .select({ pair: meetings.pairId, day: meetings.metOn, mode: meetings.mode, topics: meetings.topics, loggedAt: meetings.loggedAt })
      .from(meetings)
      .where(eq(meetings.loggedBy, participantId))
      .all()
      .map((m) => ({ ...m, topics: JSON.parse(m.topics) as unknown })),
    checkins: tx
      .select()
      .from(checkins)
      .where(eq(checkins.participantId, participantId))
      .all()
      .map((c) => ({ pair: c.pairId, round: c.round, sentAt: c.sentAt, answeredAt: c.answeredAt, answers: answers(c.answers) })),
    surveys: tx
      .select({ survey: surveyInvitations.surveyId, timepoint: surveyInvitations.timepoint, sentAt: surveyInvitations.sentAt, answeredAt: surveyInvitations.answeredAt })
      .from(surveyInvitations)
      .where(eq(surveyInvitations.participantId, participantId))
      .all(),
    surveyAnswers: tx
      .select()
      .from(surveyResponses)
      .where(or(eq(surveyResponses.participantId, participantId), eq(surveyResponses.respondentId, respondentId)))
      .all()
      .map((r) => ({ survey: r.surveyId, timepoint: r.timepoint, anonymous: r.participantId === null, answeredAt: r.answeredAt, answers: answers(r.answers) })),
    outcomes: tx
      .select({
        timepoint: outcomes.timepoint,
        status: outcomes.status,
        jobUsesEducation: outcomes.jobUsesEducation,
        permanent: outcomes.permanent,
        fullTime: outcomes.fullTime,
        recordedAt: outcomes.recordedAt,
      })
      .from(outcomes)
      .where(eq(outcomes.respondentId, respondentId))
      .all(),
    alertsAboutYou: tx
      .select({ kind: alerts.kind, status: alerts.status, openedAt: alerts.openedAt, resolvedAt: alerts.resolvedAt })
      .from(alerts)
      .where(eq(alerts.participantId, participantId))
      .all(),
    coordinatorViews: tx
      .select({ action: auditLog.action, at: auditLog.at })
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, participantId), eq(auditLog.programmeId, person.programmeId)))
      .all(),
    conversationsWithCoordinators: threadsForMyData(tx, participantId),
    gatherings: gatheringsForMyData(tx, participantId),
    howYourPartnersMayReachYou: introductionsForMyData(tx, participantId),
    ...pairStartData(tx, participantId),
    conversationInProgress: session?.form ? { flow: session.form.flowId, answers: session.form.answers } : null,
  };
}

/**
 * `/mydata`: a readable summary in the chat (the profile as the person answered it, and how many goals,
 * meetings, check-ins and surveys there are), then the whole of it as a JSON file.
 */
export function myDataCommand(c: CommandContext): CommandResult {
  const data = collectMyData(c.tx, c.actorId);
  if (!data) return { messages: [], notices: [] };
  const { person } = data;
  const lines: Text[] = [t('privacy.myData.title'), t('privacy.myData.person', { name: person.name ?? '–', since: localDay(new Date(person.since), c.ctx.programme.timezone) })];
  const application = data.applications.at(-1);
  if (application?.answers) lines.push(t('privacy.myData.application'), ...summaryLines(intakeFlow, application.answers, c.ctx));
  const profile = data.mentorProfile[0];
  if (profile?.answers) lines.push(t('privacy.myData.mentorProfile'), ...summaryLines(mentorFlow, profile.answers, c.ctx));
  lines.push(
    t('privacy.myData.counts', {
      pairs: data.pairs.length,
      goals: data.goals.length,
      meetings: data.meetingsYouLogged.length,
      checkins: data.checkins.filter((x) => x.answers !== null).length,
      surveys: data.surveyAnswers.length,
    }),
    t('privacy.myData.more'),
  );
  const threadMessages = data.conversationsWithCoordinators.reduce((n, thread) => n + thread.messages.length, 0);
  if (threadMessages > 0) lines.splice(-1, 0, t('threads.myDataCount', { number: threadMessages }));
  if (data.gatherings.length > 0) lines.splice(-1, 0, t('gatherings.myDataCount', { number: data.gatherings.length }));
  const day = c.ctx.now.toISOString().slice(0, 10);
  const document = { filename: `kompis-my-data-${day}.json`, mimeType: 'application/json' as const, content: `${JSON.stringify(data, null, 2)}\n` };
  return { messages: [{ lines }, { lines: [t('privacy.myData.file')], document }], notices: [] };
}
