import { and, asc, desc, eq, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Db, orderWithLimit, prepared, type Tx } from '../../db/client';
import { applications, checkins, fitChecks, goals, outbox, pairs, surveyInvitations } from '../../db/schema';
import { cleanText, matchActionStrictly } from '../../flows/parseAnswer';
import type { FlowContext } from '../../flows/types';
import type { InboundContent } from '../channels/channel';
import { surveyInvitation } from '../evaluation/evaluation';
import { participant, personNameOf } from '../people/people';
import { stillInterestedChoices } from '../people/stillInterested';
import { checkinInvitation } from '../pairs/checkins';
import { agreedFirstMeeting, answerMessage, firstMetOn, inviteMessage, openFirstMeeting } from '../pairs/firstMeeting';
import { fitQuestion } from '../pairs/fitCheck';
import { openPairOf, pairById, partnerOf } from '../pairs/pairs';
import type { Programme } from '../settings/programme';
import type { Choice, Text } from '../text/messages';
import { t } from '../text/messages';
import { button } from './actions';

/** What a person is asked to decide now: the question in plain words, and the choices that answer it. */
export interface OpenDecision {
  lines: Text[];
  choices: Choice[];
}

/**
 * The most pressing thing waiting for this person's answer, read from the database: a proposal they
 * have not answered, a goal step their mentor proposed, their open check-in, the early fit check
 * they were sent, a survey they were sent, the start questions of their new pair, the first meeting
 * their partner proposed (or, for a mentor, that one is still to be proposed), whether they still
 * want a mentor from the waiting list. Read anew on every turn, so it stays answerable by its number or words after any command,
 * a restart or days, until it is answered or withdrawn.
 */
export function openDecision(tx: Tx, participantId: number, programme: Programme): OpenDecision | undefined {
  return (
    proposal(tx, participantId) ??
    proposedGoal(tx, participantId) ??
    checkin(tx, participantId) ??
    fitCheck(tx, participantId) ??
    survey(tx, participantId, programme) ??
    kickoff(tx, participantId) ??
    firstMeeting(tx, participantId) ??
    stillInterested(tx, participantId)
  );
}

/**
 * Outside a form, a typed number or the words of one of the open decision's choices mean that choice;
 * anything else (a command, a question, an answer that fits several) is left as it is.
 */
export function decisionChoice(decision: OpenDecision | undefined, content: InboundContent, ctx: FlowContext): InboundContent | undefined {
  if (!decision || content.kind !== 'text' || cleanText(content.text).startsWith('/')) return undefined;
  const option = matchActionStrictly(decision.choices, content.text, ctx.translate);
  return option ? { kind: 'choice', value: option.value } : undefined;
}

function proposal(tx: Tx, me: number): OpenDecision | undefined {
  const pair = prepared(tx, selectProposal).get({ me });
  if (!pair) return undefined;
  const otherId = partnerOf(pair, me);
  const name = personNameOf(tx, otherId);
  const side = pair.menteeId === me ? 'mentee' : 'mentor';
  return {
    lines: [t(`decision.proposal.${side}`, { name }), t('decision.yesOrNo')],
    choices: [
      { ...button({ name: 'proposal', pair: pair.id, answer: 'yes' }, t('proposal.yes')), means: 'yes' },
      { ...button({ name: 'proposal', pair: pair.id, answer: 'no' }, t('proposal.no')), means: 'no' },
    ],
  };
}

function proposedGoal(tx: Tx, me: number): OpenDecision | undefined {
  const goal = prepared(tx, selectProposedGoal).get({ me });
  if (!goal) return undefined;
  const by = goal.proposedBy ?? 0;
  const name = personNameOf(tx, by);
  return {
    lines: [t('goals.proposal', { name, goal: goal.text, month: goal.targetMonth ?? '' }), t('decision.yesOrNo')],
    choices: [
      { ...button({ name: 'goal', goal: goal.id, step: 'accept' }, t('goals.action.accept')), means: 'yes' },
      { ...button({ name: 'goal', goal: goal.id, step: 'decline' }, t('goals.action.decline')), means: 'no' },
    ],
  };
}

/** "Is this a good match for you?", sent to this member of a running pair and not answered yet. */
function fitCheck(tx: Tx, me: number): OpenDecision | undefined {
  const pair = prepared(tx, selectFitCheckPair).get({ me });
  if (!pair) return undefined;
  const { lines, choices } = fitQuestion(pair, me, participant(tx, partnerOf(pair, me))?.name ?? null);
  return { lines, choices };
}

/** The start questions of a pair that began, which this member has not answered yet. */
function kickoff(tx: Tx, me: number): OpenDecision | undefined {
  const pair = prepared(tx, selectKickoffPair).get({ me });
  if (!pair) return undefined;
  const otherId = partnerOf(pair, me);
  return {
    lines: [t('decision.kickoff', { name: personNameOf(tx, otherId) })],
    choices: [button({ name: 'kickoff', pair: pair.id }, t('kickoff.action'))],
  };
}

/**
 * The first meeting of a started pair, while none is agreed or logged: the proposal the partner made,
 * to agree to or answer with another; with no proposal open, the mentor is asked to propose one.
 */
function firstMeeting(tx: Tx, me: number): OpenDecision | undefined {
  const pair = prepared(tx, selectStartedPair).get({ me });
  if (!pair || agreedFirstMeeting(tx, pair.id) || firstMetOn(tx, pair.id) !== undefined) return undefined;
  const open = openFirstMeeting(tx, pair.id);
  if (open) return open.proposedBy === me ? undefined : withChoices(answerMessage(tx, pair, open, 'firstMeeting.proposed'));
  return pair.mentorId === me ? withChoices(inviteMessage(tx, pair, 'firstMeeting.inviteAgain')) : undefined;
}

function withChoices({ lines, choices = [] }: { lines: Text[]; choices?: Choice[] }): OpenDecision {
  return { lines, choices };
}

function checkin(tx: Tx, me: number): OpenDecision | undefined {
  const latest = prepared(tx, selectLatestCheckin).get({ me });
  if (!latest || latest.answeredAt !== null) return undefined;
  const pair = pairById(tx, latest.pairId);
  if (pair?.status !== 'active') return undefined;
  const otherId = partnerOf(pair, me);
  return checkinInvitation(latest.id, personNameOf(tx, otherId), false);
}

function survey(tx: Tx, me: number, programme: Programme): OpenDecision | undefined {
  const invitation = prepared(tx, selectOpenSurvey).get({ me });
  // A survey taken out of use cannot be answered any more.
  if (!invitation || !programme.surveyDefinitions[invitation.surveyId]) return undefined;
  const { lines, choices = [] } = surveyInvitation(invitation, false);
  return { lines, choices };
}

function stillInterested(tx: Tx, me: number): OpenDecision | undefined {
  const application = prepared(tx, selectAskedIfInterested).get({ me });
  // Proposed a mentor meanwhile: the question is no longer theirs to answer.
  if (!application || openPairOf(tx, me)) return undefined;
  return { lines: [t('applicant.stillInterested.question'), t('decision.yesOrNo')], choices: stillInterestedChoices(application.id) };
}

// Read on every turn outside a form: each query is built once per connection (see `prepared`).

const ME = sql.placeholder('me');

/** A builder for `prepared`: the person's first pair (the oldest) that `where` finds. */
function firstPair(where: SQL | undefined) {
  return (db: Db | Tx) =>
    db
      .select()
      .from(pairs)
      .where(where)
      .orderBy(orderWithLimit(1, asc(pairs.id)))
      .prepare();
}

const selectProposal = firstPair(
  and(eq(pairs.status, 'proposed'), or(and(eq(pairs.menteeId, ME), isNull(pairs.menteeDecision)), and(eq(pairs.mentorId, ME), isNull(pairs.mentorDecision)))),
);

function selectProposedGoal(db: Db | Tx) {
  return db
    .select()
    .from(goals)
    .where(and(eq(goals.menteeId, ME), eq(goals.status, 'proposed')))
    .orderBy(orderWithLimit(1, asc(goals.id)))
    .prepare();
}

const selectFitCheckPair = firstPair(
  and(
    eq(pairs.status, 'active'),
    or(eq(pairs.menteeId, ME), eq(pairs.mentorId, ME)),
    // Names its own table (drizzle leaves a single table's columns unqualified, and `id` would be the
    // outbox's), and builds the key from the integer column: a bound number would read "3.0".
    sql`exists (select 1 from ${outbox} o where o.participant_id = ${ME} and o.dedupe_key = 'fit-check:' || pairs.id || ':' || o.participant_id)`,
    sql`not exists (select 1 from ${fitChecks} f where f.pair_id = pairs.id and f.participant_id = ${ME})`,
  ),
);

const selectKickoffPair = firstPair(
  and(eq(pairs.status, 'active'), or(and(eq(pairs.menteeId, ME), isNull(pairs.kickoffMentee)), and(eq(pairs.mentorId, ME), isNull(pairs.kickoffMentor)))),
);

const selectStartedPair = firstPair(
  and(eq(pairs.status, 'active'), or(eq(pairs.menteeId, ME), eq(pairs.mentorId, ME)), isNotNull(pairs.kickoffMentee), isNotNull(pairs.kickoffMentor)),
);

function selectLatestCheckin(db: Db | Tx) {
  return db
    .select()
    .from(checkins)
    .where(eq(checkins.participantId, ME))
    .orderBy(orderWithLimit(1, desc(checkins.id)))
    .prepare();
}

function selectOpenSurvey(db: Db | Tx) {
  return db
    .select()
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.participantId, ME), isNull(surveyInvitations.answeredAt)))
    .orderBy(orderWithLimit(1, asc(surveyInvitations.id)))
    .prepare();
}

function selectAskedIfInterested(db: Db | Tx) {
  return db
    .select()
    .from(applications)
    .where(and(eq(applications.participantId, ME), eq(applications.status, 'waitlisted'), isNotNull(applications.interestAskedAt)))
    .orderBy(orderWithLimit(1, desc(applications.id)))
    .prepare();
}
