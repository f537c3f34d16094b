import { button } from '../conversation/actions';
import { and, asc, desc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import { applications, mentors, pairs, participants } from '../../db/schema';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { resolveAlertsOf, resolvePersonAlerts } from '../alerts/raiseAlert';
import { addMonths, atLocalHour, localDay } from '../text/calendar';
import { namedRounds } from '../../flows/applicationRounds';
import { maySuggest, type MentorCandidate, type Suggestion, suggestMentors, withChatLanguage } from './matching';
import { proposalProfile } from './proposalProfile';
import { t } from '../text/messages';
import { coordinatorsOf, latestApplicationOf, type Notice, participant } from '../people/people';
import { OPEN_PAIR_STATES, openPairOf, pairById, sideOf } from './pairs';
import { parseAnswers } from '../people/storedAnswers';
import { audit } from '../privacy/audit';
import { personLabel, personName } from '../text/personText';
import { trainedMentors } from '../gatherings/attendance';
import { introduce } from './introduction';

/** `/suggest N`: the five best mentors for applicant N, with scores, reasons and a button to propose each. */
export function suggest(c: CommandContext, arg: string | undefined): CommandResult {
  const found = mentorSuggestions(c, idArg(arg));
  if (!found) return reply(t('coordinator.notFound', { id: arg ?? '' }));
  const { mentee, suggestions } = found;
  if (suggestions.length === 0) return reply(t('matching.none', { who: personLabel(mentee) }));
  return {
    messages: [
      {
        lines: [
          t('matching.title', { who: personLabel(mentee) }),
          ...suggestions.map((s) => t('matching.line', { who: personLabel({ id: s.mentorId, name: s.name }), score: s.score, reasons: s.reasons })),
        ],
        // Typing a mentor's number (the one shown, #7) proposes that mentor.
        choices: suggestions.map((s) => ({
          ...button({ name: 'match', mentee: mentee.id, mentor: s.mentorId }, t('matching.propose', { who: personLabel({ id: s.mentorId, name: s.name }) })),
          number: s.mentorId,
        })),
      },
    ],
    notices: [],
  };
}

/**
 * The best mentors for applicant `id` with scores and reasons, as `/suggest` and the desk show them;
 * undefined when there is no such applicant. Written in the audit log when there are suggestions:
 * the reasons read the applicant's answers (field, place, languages, goal).
 */
export function mentorSuggestions(c: CommandContext, id: number | undefined): { mentee: { id: number; name: string | null }; suggestions: Suggestion[] } | undefined {
  const mentee = id === undefined ? undefined : participant(c.tx, id);
  const application = id === undefined ? undefined : latestApplicationOf(c.tx, id);
  if (!mentee || !application) return undefined;
  const { matching, localLanguage } = c.ctx.programme;
  const answers = withChatLanguage(parseAnswers(application.answers), mentee.language, localLanguage);
  const suggestions = suggestMentors(answers, mentorCandidates(c, mentee.id, 'suggestable'), matching.weights);
  if (suggestions.length > 0) audit(c.tx, { programmeId: c.ctx.programme.id, actorId: c.actorId, action: 'suggestMentors', subjectId: mentee.id, at: c.ctx.now });
  return { mentee, suggestions };
}

/**
 * The bank's mentors as candidates for mentee `menteeId`; `suggestable` leaves out, before their
 * answers are read, those `maySuggest` rules out (the suggestions are the same; the work is less).
 */
export function mentorCandidates(c: CommandContext, menteeId: number, which: 'all' | 'suggestable'): MentorCandidate[] {
  const rows = c.tx
    .select({ id: participants.id, name: participants.name, language: participants.language, answers: mentors.answers, capacity: mentors.capacity, screening: mentors.screening })
    .from(mentors)
    .innerJoin(participants, eq(participants.id, mentors.participantId))
    // A former mentee who became a mentor is never their own mentor.
    .where(and(eq(participants.programmeId, c.ctx.programme.id), ne(participants.id, menteeId)))
    .orderBy(asc(participants.id))
    .all();
  // Each mentor's open pairs, counted once: the bank can hold hundreds of mentors.
  const taken = new Map<number, number>();
  for (const p of c.tx
    .select({ mentorId: pairs.mentorId })
    .from(pairs)
    .where(inArray(pairs.status, [...OPEN_PAIR_STATES]))
    .all())
    taken.set(p.mentorId, (taken.get(p.mentorId) ?? 0) + 1);
  const declined = c.tx
    .select({ mentorId: pairs.mentorId })
    .from(pairs)
    .where(and(eq(pairs.menteeId, menteeId), eq(pairs.status, 'declined')))
    .all()
    .map((r) => r.mentorId);
  // Newest first, so the reason kept for each mentor is that of their latest pair with the mentee.
  const before = new Map<number, string>();
  const ended = c.tx
    .select({ mentorId: pairs.mentorId, endReason: pairs.endReason })
    .from(pairs)
    .where(and(eq(pairs.menteeId, menteeId), inArray(pairs.status, ['completed', 'ended']), isNotNull(pairs.activatedAt)))
    .orderBy(desc(pairs.id))
    .all();
  for (const p of ended) if (!before.has(p.mentorId)) before.set(p.mentorId, p.endReason ?? 'other');
  const trained = trainedMentors(c.tx, c.ctx.programme);
  const { requireTraining } = c.ctx.programme.matching;
  const kept =
    which === 'all'
      ? rows
      : rows.filter((r) =>
          maySuggest({ approved: r.screening === 'approved', capacity: r.capacity, load: taken.get(r.id) ?? 0, trainingMissing: requireTraining && !trained.has(r.id) }),
        );
  return kept.map((r) => ({
    id: r.id,
    name: r.name ?? '?',
    answers: withChatLanguage(parseAnswers(r.answers), r.language, c.ctx.programme.localLanguage),
    capacity: r.capacity,
    load: taken.get(r.id) ?? 0,
    declinedBefore: declined.includes(r.id),
    pairedBefore: before.get(r.id) ?? null,
    preparedOn: trained.get(r.id) ?? null,
    trainingMissing: requireTraining && !trained.has(r.id),
    approved: r.screening === 'approved',
  }));
}

/** `/match N M`: proposes mentor M to applicant N; each gets a short profile of the other to accept or decline. */
export function match(c: CommandContext, menteeArg: string | undefined, mentorArg: string | undefined): CommandResult {
  const menteeId = idArg(menteeArg);
  const mentorId = idArg(mentorArg);
  const mentee = menteeId === undefined ? undefined : participant(c.tx, menteeId);
  const application = menteeId === undefined ? undefined : latestApplicationOf(c.tx, menteeId);
  const mentor = mentorId === undefined ? undefined : participant(c.tx, mentorId);
  const mentorRow = mentorId === undefined ? undefined : c.tx.select().from(mentors).where(eq(mentors.participantId, mentorId)).get();
  if (!mentee || !application) return reply(t('coordinator.notFound', { id: menteeArg ?? '' }));
  if (!mentor || !mentorRow) return reply(t('coordinator.notMentor', { id: mentorArg ?? '' }));
  if (application.status !== 'accepted' && application.status !== 'waitlisted') {
    return reply(t('coordinator.acceptFirst', { who: personLabel(mentee) }));
  }
  if (openPairOf(c.tx, mentee.id)) return reply(t('coordinator.alreadyPaired', { who: personLabel(mentee) }));
  const candidate = mentorCandidates(c, mentee.id, 'all').find((m) => m.id === mentor.id);
  if (candidate && !candidate.approved) return reply(t('mentorCare.notApproved', { who: personLabel(mentor), id: mentor.id }));
  if (!candidate || candidate.load >= candidate.capacity) return reply(t('coordinator.mentorFull', { who: personLabel(mentor) }));
  if (candidate.declinedBefore) return reply(t('coordinator.declinedBefore', { who: personLabel(mentor) }));
  const pair = c.tx
    .insert(pairs)
    .values({
      programmeId: c.ctx.programme.id,
      menteeId: mentee.id,
      mentorId: mentor.id,
      status: 'proposed',
      proposedBy: c.actorId,
      proposedAt: c.ctx.now.toISOString(),
    })
    .returning({ id: pairs.id })
    .get();
  resolvePersonAlerts(c.tx, mentee.id, c.ctx.now, ['waitingForMatch']);
  // Proposed a mentor, an applicant from the waiting list is in the proposal stage like an accepted
  // one: taken off the list today, and back in the queue as accepted if the proposal is declined.
  if (application.status === 'waitlisted') {
    c.tx.update(applications).set({ status: 'accepted', interestAskedAt: null, updatedAt: c.ctx.now.toISOString() }).where(eq(applications.id, application.id)).run();
  }
  const choices = [
    { ...button({ name: 'proposal', pair: pair.id, answer: 'yes' }, t('proposal.yes')), means: 'yes' as const },
    { ...button({ name: 'proposal', pair: pair.id, answer: 'no' }, t('proposal.no')), means: 'no' as const },
  ];
  return {
    messages: [{ lines: [t('proposal.sent', { pair: pair.id, mentee: personLabel(mentee), mentor: personLabel(mentor) })] }],
    notices: [
      {
        participantId: mentee.id,
        message: {
          lines: [
            t('proposal.toMentee', { name: personName(mentor) }),
            ...proposalProfile('mentor', parseAnswers(mentorRow.answers), personName(mentor), c.ctx),
            t('proposal.question', { name: personName(mentor) }),
          ],
          choices,
          about: [mentor.id],
        },
      },
      {
        participantId: mentor.id,
        message: {
          lines: [
            t('proposal.toMentor', { name: personName(mentee) }),
            ...proposalProfile('mentee', parseAnswers(application.answers), personName(mentee), c.ctx),
            t('proposal.question', { name: personName(mentee) }),
          ],
          choices,
          about: [mentee.id],
        },
      },
    ],
  };
}

const DECLINE_REASONS = ['time', 'fit', 'other'];

/**
 * `/proposal P yes|no|reason R` from a member of pair P (the buttons under a proposal send it). The pair
 * becomes active when both said yes; a no ends the proposal, tells the coordinators and the other
 * side kindly, and puts the applicant back in the queue.
 */
export function answerProposal(c: CommandContext, args: string[]): CommandResult {
  const [pairArg, answer, reason] = args;
  const id = idArg(pairArg);
  const pair = pairById(c.tx, id);
  const side = sideOf(pair, c.actorId);
  if (!pair || !side) return reply(t('proposal.notYours'));
  const other = participant(c.tx, side === 'mentee' ? pair.mentorId : pair.menteeId);
  const me = participant(c.tx, c.actorId);
  if (!other || !me) return reply(t('proposal.notYours'));
  const mine = side === 'mentee' ? pair.menteeDecision : pair.mentorDecision;
  if (answer === 'reason') {
    if (pair.status !== 'declined' || mine !== 'declined' || pair.declineReason || !reason || !DECLINE_REASONS.includes(reason)) {
      return reply(t('proposal.alreadyAnswered'));
    }
    c.tx.update(pairs).set({ declineReason: reason }).where(eq(pairs.id, pair.id)).run();
    return {
      // The reason goes to the coordinators only, never to the other side.
      messages: [{ lines: [t('proposal.reasonThanks')] }],
      notices: toCoordinators(c, { lines: [t('proposal.reasonForCoordinator', { pair: pair.id, reason: t(`proposal.reason.${reason}`) })] }),
    };
  }
  if (pair.status !== 'proposed' || mine) return reply(t('proposal.alreadyAnswered'));
  if (answer !== 'yes' && answer !== 'no') return reply(t('proposal.notYours'));
  const decision: 'accepted' | 'declined' = answer === 'yes' ? 'accepted' : 'declined';
  const column = side === 'mentee' ? { menteeDecision: decision } : { mentorDecision: decision };
  if (decision === 'declined') {
    c.tx
      .update(pairs)
      .set({ ...column, status: 'declined', endedAt: c.ctx.now.toISOString() })
      .where(eq(pairs.id, pair.id))
      .run();
    resolveAlertsOf(c.tx, pair.id, c.ctx.now, ['proposalUnanswered']);
    return {
      messages: [
        {
          lines: [t('proposal.declinedThanks')],
          choices: DECLINE_REASONS.map((r) => button({ name: 'proposalReason', pair: pair.id, reason: r }, t(`proposal.reason.${r}`))),
        },
      ],
      notices: [
        { participantId: other.id, message: { lines: [t(`proposal.declinedBy.${side}`, { name: personName(me) })] } },
        ...toCoordinators(c, { lines: [t('proposal.declinedForCoordinator', { pair: pair.id, who: personLabel(me) })] }),
      ],
    };
  }
  const otherDecided = side === 'mentee' ? pair.mentorDecision : pair.menteeDecision;
  if (otherDecided !== 'accepted') {
    c.tx.update(pairs).set(column).where(eq(pairs.id, pair.id)).run();
    return reply(t('proposal.waiting', { name: personName(other) }));
  }
  const cohortStart = cohortStartOf(c, pair.menteeId);
  const startDay = cohortStart ?? localDay(c.ctx.now, c.ctx.programme.timezone);
  const activatedAt = cohortStart ? atLocalHour(cohortStart, 0, c.ctx.programme.timezone).toISOString() : c.ctx.now.toISOString();
  const endsOn = addMonths(startDay, c.ctx.programme.durations.pairMonths);
  c.tx
    .update(pairs)
    .set({ ...column, status: 'active', activatedAt, endsOn })
    .where(eq(pairs.id, pair.id))
    .run();
  resolveAlertsOf(c.tx, pair.id, c.ctx.now, ['proposalUnanswered']);
  c.tx
    .update(participants)
    .set({ role: 'mentee' })
    .where(and(eq(participants.id, pair.menteeId), eq(participants.role, 'applicant')))
    .run();
  const date = endsOn;
  const together = cohortStart ? [t('rounds.startsOn', { date: cohortStart })] : [];
  const kickoff = [button({ name: 'kickoff', pair: pair.id }, t('kickoff.action'))];
  // Each is asked how the other may reach them (see `introduce`).
  const active = { ...pair, status: 'active' as const };
  return {
    messages: [introduce(c.tx, { pair: active, memberId: me.id, message: { lines: [t('proposal.active', { name: personName(other), date }), ...together], choices: kickoff } })],
    notices: [
      {
        participantId: other.id,
        message: introduce(c.tx, {
          pair: active,
          memberId: other.id,
          message: { lines: [t('proposal.active', { name: personName(me), date }), ...together], choices: kickoff },
        }),
      },
      ...toCoordinators(c, { lines: [t('proposal.activeForCoordinator', { pair: pair.id })] }),
    ],
  };
}

/**
 * The common start of the mentee's application round when it is still ahead: the pair is active from
 * the day both said yes (they can meet and agree on goals), but its start, and with it the check-ins,
 * the fit check and the end date, is the round's cohort start. Null for rolling intake or a start passed.
 */
function cohortStartOf(c: CommandContext, menteeId: number): string | null {
  const round = latestApplicationOf(c.tx, menteeId)?.round;
  if (!round) return null;
  const cohortStart = namedRounds(c.ctx.programme.rounds).find((r) => r.id === round)?.cohortStart;
  return cohortStart !== undefined && cohortStart > localDay(c.ctx.now, c.ctx.programme.timezone) ? cohortStart : null;
}

function toCoordinators(c: CommandContext, message: Notice['message']): Notice[] {
  return coordinatorsOf(c.tx, c.ctx.programme.id).map((participantId) => ({ participantId, message }));
}
