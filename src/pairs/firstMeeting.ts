import { and, asc, eq, gte, inArray, lte, min, or } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { firstMeetings, meetings, pairs } from '../../db/schema';
import { button } from '../conversation/actions';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { coordinatorsOf, type Notice, participant } from '../people/people';
import { theirWords } from '../people/answerLines';
import { t, type Text } from '../text/messages';
import { personLabel, personName } from '../text/personText';
import { MEETING_TIMES } from '../../flows/firstMeeting/firstMeetingFlow';
import { type Pair, pairById, partnerOf, sideOf } from './pairs';

export type FirstMeeting = typeof firstMeetings.$inferSelect;

/**
 * The mentor is asked to propose the first meeting; called once the pair has started (both members
 * answered the kickoff). Either member may propose; the mentor is asked so that someone does.
 */
export function firstMeetingInvitation(tx: Tx, pair: Pair): Notice[] {
  return [{ participantId: pair.mentorId, message: inviteMessage(tx, pair, 'firstMeeting.invite') }];
}

/** The message that asks a member to propose the first meeting, with the button that starts it. */
export function inviteMessage(tx: Tx, pair: Pair, key: 'firstMeeting.invite' | 'firstMeeting.inviteAgain'): Notice['message'] {
  return {
    lines: [t(key, { name: nameOf(tx, pair.menteeId) })],
    choices: [button({ name: 'firstMeeting', pair: pair.id }, t('firstMeeting.action.propose'))],
    about: [pair.menteeId],
  };
}

/**
 * `/firstmeeting` (or `/firstmeeting P` with several pairs): a member proposes the first meeting, or
 * another day for it; `/firstmeeting accept N` agrees to proposal N (see `acceptFirstMeeting`).
 */
export function firstMeetingCommand(c: CommandContext, args: string[]): CommandResult {
  const [first, second] = args;
  if (first?.toLowerCase() === 'accept') return acceptFirstMeeting(c, second);
  const running = c.tx
    .select()
    .from(pairs)
    .where(and(or(eq(pairs.menteeId, c.actorId), eq(pairs.mentorId, c.actorId)), eq(pairs.status, 'active')))
    .orderBy(asc(pairs.id))
    .all();
  const id = idArg(first);
  const pair = id === undefined && running.length === 1 ? running[0] : running.find((p) => p.id === id);
  if (!pair) return reply(t(running.length === 0 ? 'meeting.noPair' : 'firstMeeting.whichPair'));
  if (hasMet(c.tx, pair.id)) return reply(t('firstMeeting.alreadyMet'));
  const partnerId = partnerOf(pair, c.actorId);
  return { messages: [], notices: [], start: { flowId: 'firstMeeting', given: { pair: pair.id, partner: participant(c.tx, partnerId)?.name ?? '', partnerId } } };
}

/**
 * Keeps a member's proposal for the first meeting (replacing any earlier one of the pair, agreed or
 * not) and asks the other member to agree or to propose another.
 */
export function proposeFirstMeeting(c: CommandContext, plan: { pairId: number; day: string; time: string; place: string | null }): Notice[] {
  const pair = pairById(c.tx, plan.pairId);
  if (pair?.status !== 'active' || !sideOf(pair, c.actorId)) return [];
  c.tx
    .update(firstMeetings)
    .set({ status: 'replaced' })
    .where(and(eq(firstMeetings.pairId, pair.id), inArray(firstMeetings.status, ['proposed', 'agreed'])))
    .run();
  const row = c.tx
    .insert(firstMeetings)
    .values({ pairId: pair.id, proposedBy: c.actorId, day: plan.day, time: plan.time, place: plan.place, status: 'proposed', proposedAt: c.ctx.now.toISOString() })
    .returning()
    .get();
  const otherId = partnerOf(pair, c.actorId);
  return [{ participantId: otherId, message: answerMessage(c.tx, pair, row, 'firstMeeting.proposed') }];
}

/** A proposal as the member who answers it sees it: who proposes what, Agree, or Propose another. */
export function answerMessage(tx: Tx, pair: Pair, plan: FirstMeeting, key: 'firstMeeting.proposed' | 'firstMeeting.proposedAgain'): Notice['message'] {
  return {
    lines: [t(key, { name: nameOf(tx, plan.proposedBy) }), ...planLines(plan)],
    choices: [
      button({ name: 'firstMeetingAccept', plan: plan.id }, t('firstMeeting.action.accept')),
      button({ name: 'firstMeeting', pair: pair.id }, t('firstMeeting.action.other')),
    ],
    about: [plan.proposedBy],
  };
}

/**
 * `/firstmeeting accept N`: the member who did not propose agrees. Both hear it is agreed and that a
 * reminder comes the day before; when the programme wants a coordinator at first meetings, the
 * coordinators are told the time and the place.
 */
function acceptFirstMeeting(c: CommandContext, arg: string | undefined): CommandResult {
  const id = idArg(arg);
  const plan = id === undefined ? undefined : c.tx.select().from(firstMeetings).where(eq(firstMeetings.id, id)).get();
  const pair = pairById(c.tx, plan?.pairId);
  if (!plan || !pair || !sideOf(pair, c.actorId)) return reply(t('firstMeeting.notYours'));
  if (plan.proposedBy === c.actorId) return reply(t('firstMeeting.waitForAnswer', { name: nameOf(c.tx, partnerOf(pair, c.actorId)) }));
  if (plan.status !== 'proposed' || pair.status !== 'active') return reply(t('firstMeeting.notOpen'));
  c.tx.update(firstMeetings).set({ status: 'agreed', agreedAt: c.ctx.now.toISOString() }).where(eq(firstMeetings.id, plan.id)).run();
  const agreed = (memberId: number): Notice['message'] => ({
    lines: [t('firstMeeting.agreed', { name: nameOf(c.tx, partnerOf(pair, memberId)) }), ...planLines(plan), t('firstMeeting.reminderPromise')],
    about: [partnerOf(pair, memberId)],
  });
  const forCoordinators: Notice['message'] = {
    lines: [t('firstMeeting.forCoordinator', { pair: pair.id, mentee: labelOf(c.tx, pair.menteeId), mentor: labelOf(c.tx, pair.mentorId) }), ...planLines(plan)],
    choices: [button({ name: 'pair', pair: pair.id }, t('firstMeeting.action.showPair'))],
    about: [pair.menteeId, pair.mentorId],
  };
  return {
    messages: [agreed(c.actorId)],
    notices: [
      { participantId: plan.proposedBy, message: agreed(plan.proposedBy) },
      ...(c.ctx.programme.kickoff.coordinatorJoins ? coordinatorsOf(c.tx, c.ctx.programme.id).map((participantId) => ({ participantId, message: forCoordinators })) : []),
    ],
  };
}

/** "Day: …", "Time: …", "Place: …": a time or place the person typed is shown as their words. */
export function planLines(plan: FirstMeeting): Text[] {
  return [
    t('firstMeeting.lineWhen', { date: plan.day, time: MEETING_TIMES.includes(plan.time) ? plan.time : theirWords(plan.time) }),
    plan.place === null ? t('firstMeeting.lineVideo') : t('firstMeeting.linePlace', { place: theirWords(plan.place) }),
  ];
}

/** The pair's agreed first meeting, if there is one. */
export function agreedFirstMeeting(tx: Tx, pairId: number): FirstMeeting | undefined {
  return tx
    .select()
    .from(firstMeetings)
    .where(and(eq(firstMeetings.pairId, pairId), eq(firstMeetings.status, 'agreed')))
    .get();
}

/** The pair's proposal waiting for an answer, if there is one. */
export function openFirstMeeting(tx: Tx, pairId: number): FirstMeeting | undefined {
  return tx
    .select()
    .from(firstMeetings)
    .where(and(eq(firstMeetings.pairId, pairId), eq(firstMeetings.status, 'proposed')))
    .get();
}

/** The day of the pair's first logged meeting, if they logged one: then the first meeting is behind them. */
export function firstMetOn(tx: Tx, pairId: number): string | undefined {
  return (
    tx
      .select({ day: min(meetings.metOn) })
      .from(meetings)
      .where(eq(meetings.pairId, pairId))
      .get()?.day ?? undefined
  );
}

function hasMet(tx: Tx, pairId: number): boolean {
  return firstMetOn(tx, pairId) !== undefined;
}

/** Active pairs that started between these two moments (ISO), oldest first. */
export function pairsStartedBetween(tx: Tx, programmeId: string, from: string, to: string): Pair[] {
  return tx
    .select()
    .from(pairs)
    .where(and(eq(pairs.programmeId, programmeId), eq(pairs.status, 'active'), gte(pairs.activatedAt, from), lte(pairs.activatedAt, to)))
    .orderBy(asc(pairs.id))
    .all();
}

function nameOf(tx: Tx, id: number): Text {
  return personName({ id, name: participant(tx, id)?.name ?? null });
}

function labelOf(tx: Tx, id: number): Text {
  return personLabel(participant(tx, id) ?? { id, name: null });
}
