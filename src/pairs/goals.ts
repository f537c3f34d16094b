import { type Pair, partnerOf, RUNNING_PAIR_STATES, pairById, sideOf } from './pairs';
import { agreedFrequency, frequencyOf } from './meetingFrequency';
import { writeButton } from './introduction';
import { button } from '../conversation/actions';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { goalChanges, goals, pairs } from '../../db/schema';
import type { Answers } from '../../flows/types';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import type { Choice, Text } from '../text/messages';
import { t } from '../text/messages';
import { coordinatorsOf, latestApplicationOf, type Notice, participant, personNameOf } from '../people/people';
import { parseAnswers } from '../people/storedAnswers';
import { personName } from '../text/personText';
import { theirWords } from '../people/answerLines';
import { firstMeetingInvitation } from './firstMeeting';

type Goal = typeof goals.$inferSelect;

/** The running (active or paused) pair in which the person is the mentee; a mentee has one at most. */
function menteePair(c: CommandContext) {
  return c.tx
    .select()
    .from(pairs)
    .where(and(eq(pairs.menteeId, c.actorId), inArray(pairs.status, [...RUNNING_PAIR_STATES])))
    .get();
}

/** The running pairs in which the person is the mentor; a mentor may have several mentees. */
function mentorPairs(c: CommandContext) {
  return c.tx
    .select()
    .from(pairs)
    .where(and(eq(pairs.mentorId, c.actorId), inArray(pairs.status, [...RUNNING_PAIR_STATES])))
    .orderBy(asc(pairs.id))
    .all();
}

/** `/kickoff P`: a member of active pair P starts the kickoff questions. */
export function startKickoff(c: CommandContext, arg: string | undefined): CommandResult {
  const id = idArg(arg);
  const pair = pairById(c.tx, id);
  const side = sideOf(pair, c.actorId);
  if (!pair || !side || pair.status !== 'active') return reply(t('proposal.notYours'));
  if ((side === 'mentee' ? pair.kickoffMentee : pair.kickoffMentor) !== null) return reply(t('kickoff.already'));
  const partner = participant(c.tx, side === 'mentee' ? pair.mentorId : pair.menteeId);
  return {
    messages: [],
    notices: [],
    start: {
      flowId: 'kickoff',
      given: { pair: pair.id, partner: partner?.name ?? '', partnerId: side === 'mentee' ? pair.mentorId : pair.menteeId, endsOn: pair.endsOn ?? '', side },
    },
  };
}

/** Keeps one member's kickoff answers; when both have answered, the pair has started. */
export function recordKickoff(c: CommandContext, pairId: number, answers: Answers): Notice[] {
  const pair = pairById(c.tx, pairId);
  if (pair?.status !== 'active' || (pair.menteeId !== c.actorId && pair.mentorId !== c.actorId)) return [];
  const json = JSON.stringify(answers);
  const side = pair.menteeId === c.actorId ? { kickoffMentee: json } : { kickoffMentor: json };
  c.tx.update(pairs).set(side).where(eq(pairs.id, pairId)).run();
  const other = pair.menteeId === c.actorId ? pair.kickoffMentor : pair.kickoffMentee;
  if (other === null) return [];
  const both = pair.menteeId === c.actorId ? { kickoffMentee: json, kickoffMentor: other } : { kickoffMentee: other, kickoffMentor: json };
  const differ = frequencyNotices(c, pair, both);
  const message = { lines: [t('kickoff.startedForCoordinator', { pair: pairId }), ...differ.forCoordinator] };
  return [
    ...coordinatorsOf(c.tx, c.ctx.programme.id).map((participantId) => ({ participantId, message })),
    ...differ.forMembers,
    ...firstMeetingInvitation(c.tx, pair),
    {
      participantId: pair.menteeId,
      message: { lines: [t('kickoff.setGoals')], choices: [button({ name: 'goals' }, t('goals.action.set'))] },
    },
  ];
}

/**
 * When mentor and mentee chose different meeting frequencies, each is told kindly what the other
 * chose, that they agree it together, and that reminders follow the less frequent choice until then;
 * the coordinators get a line in the quiet "has started" note (no alert: nothing is wrong).
 */
function frequencyNotices(c: CommandContext, pair: Pair, kickoff: { kickoffMentee: string; kickoffMentor: string }): { forMembers: Notice[]; forCoordinator: Text[] } {
  const mentee = frequencyOf(kickoff.kickoffMentee);
  const mentor = frequencyOf(kickoff.kickoffMentor);
  const agreed = agreedFrequency(kickoff);
  if (mentee === undefined || mentor === undefined || agreed === undefined || mentee === mentor) return { forMembers: [], forCoordinator: [] };
  const label = (f: string) => t(`kickoff.options.frequency.${f}`);
  const tell = (memberId: number, mine: string, theirs: string): Notice => {
    const otherId = partnerOf(pair, memberId);
    const name = personNameOf(c.tx, otherId);
    // They settle it between them: "Write to NAME" goes through Kompis (see `relay.ts`).
    const lines = [t('kickoff.frequencyDiffers', { name, yours: label(mine), theirs: label(theirs), agreed: label(agreed) })];
    return { participantId: memberId, message: { lines, choices: [writeButton(c.tx, pair, memberId)] } };
  };
  return {
    forMembers: [tell(pair.menteeId, mentee, mentor), tell(pair.mentorId, mentor, mentee)],
    forCoordinator: [t('kickoff.frequencyDiffersForCoordinator', { mentee: label(mentee), mentor: label(mentor), agreed: label(agreed) })],
  };
}

/**
 * `/goals`: a mentee without goals sets them; with goals, sees them with what can be done. A mentor
 * sees the mentee's goals and can propose one.
 */
export function showGoals(c: CommandContext): CommandResult {
  const mentoring = mentorPairs(c);
  if (mentoring.length > 0) {
    return {
      messages: mentoring.map((pair) => {
        const mentee = participant(c.tx, pair.menteeId);
        return {
          lines: [t('goals.titleFor', { name: personName({ id: pair.menteeId, name: mentee?.name ?? null }) }), ...goalsOf(c, pair.menteeId).map(goalLine)],
          choices: [button({ name: 'goalPropose', pair: pair.id }, t('goals.action.propose'))],
          about: [pair.menteeId],
        };
      }),
      notices: [],
    };
  }
  const own = menteePair(c);
  if (!own) return reply(t('goals.noPair'));
  const list = goalsOf(c, c.actorId);
  if (!list.some((g) => g.kind === 'end')) {
    // The end goal the mentee wrote when applying is offered, not asked for again.
    const applied = parseAnswers(latestApplicationOf(c.tx, c.actorId)?.answers ?? '{}');
    const given = {
      goal: typeof applied.goal === 'string' ? applied.goal : '',
      goalType: typeof applied.goalType === 'string' ? applied.goalType : '',
      endsOn: own.endsOn ?? '',
    };
    return { messages: [], notices: [], start: { flowId: 'goals', given } };
  }
  const choices: Choice[] = list
    .filter((g) => g.status === 'active')
    .flatMap((g) => [
      ...(g.kind === 'step' ? [button({ name: 'goal', goal: g.id, step: 'done' }, t('goals.action.done', { n: g.id }))] : []),
      button({ name: 'goal', goal: g.id, step: 'change' }, t('goals.action.change', { n: g.id })),
      button({ name: 'goal', goal: g.id, step: 'drop' }, t('goals.action.drop', { n: g.id })),
    ]);
  return { messages: [{ lines: [t('goals.title'), ...list.map(goalLine)], choices }], notices: [] };
}

/** `/goal G done|change|drop|accept|decline` and `/goal propose`. */
export function goalCommand(c: CommandContext, args: string[]): CommandResult {
  const [first, action] = args;
  if (first === 'propose') {
    const pair = mentorPairs(c).find((p) => p.id === idArg(action));
    if (!pair) return reply(t('goals.notYours'));
    return { messages: [], notices: [], start: { flowId: 'goalEdit', given: { action: 'propose', pair: pair.id, endsOn: pair.endsOn ?? '' } } };
  }
  const id = idArg(first);
  const goal = id === undefined ? undefined : c.tx.select().from(goals).where(eq(goals.id, id)).get();
  if (!goal || goal.menteeId !== c.actorId) return reply(t('goals.notYours'));
  if (action === 'accept' || action === 'decline') {
    if (goal.status !== 'proposed') return reply(t('goals.alreadyAnswered'));
    const status = action === 'accept' ? 'active' : 'declined';
    update(c, goal, { status }, action === 'accept' ? 'accepted' : 'declined', undefined);
    return {
      messages: [{ lines: [t(`goals.${status === 'active' ? 'accepted' : 'declined'}`)] }],
      notices: goal.proposedBy
        ? [
            {
              participantId: goal.proposedBy,
              message: { lines: [t(`goals.${status === 'active' ? 'acceptedForMentor' : 'declinedForMentor'}`, { goal: goal.text })], about: [c.actorId] },
            },
          ]
        : [],
    };
  }
  if (goal.status !== 'active') return reply(t('goals.alreadyAnswered'));
  if (action === 'done') {
    update(c, goal, { status: 'done' }, 'done', undefined);
    return reply(t('goals.doneThanks', { goal: goal.text }));
  }
  if (action === 'change' || action === 'drop') {
    return { messages: [], notices: [], start: { flowId: 'goalEdit', given: { action, goal: goal.id, text: goal.text, endsOn: menteePair(c)?.endsOn ?? '' } } };
  }
  return reply(t('goals.notYours'));
}

/** The goals from the goals flow, replacing none: a mentee sets them once and then changes them one by one. */
export function setGoals(c: CommandContext, end: { goalType: string; text: string }, steps: { text: string; month: string }[]): Notice[] {
  const pair = menteePair(c);
  if (!pair) return [];
  const now = c.ctx.now.toISOString();
  const rows = [
    { kind: 'end' as const, goalType: end.goalType, text: end.text, targetMonth: null },
    ...steps.map((s) => ({ kind: 'step' as const, goalType: null, text: s.text, targetMonth: s.month })),
  ];
  for (const row of rows) {
    const goal = c.tx
      .insert(goals)
      .values({ ...row, menteeId: c.actorId, status: 'active', proposedBy: c.actorId, createdAt: now, updatedAt: now })
      .returning({ id: goals.id })
      .get();
    c.tx.insert(goalChanges).values({ goalId: goal.id, byId: c.actorId, change: 'created', at: now }).run();
  }
  const me = participant(c.tx, c.actorId);
  const lines = [t('goals.setForMentor', { name: personName({ id: c.actorId, name: me?.name ?? null }) }), ...goalsOf(c, c.actorId).map(goalLine)];
  return [{ participantId: pair.mentorId, message: { lines, about: [c.actorId] } }];
}

/**
 * The steps the mentee said are done in her check-in are done, as if she had pressed "done" under
 * `/goals`. Only her own active steps: the mentor's check-in answers never change her goals, and the
 * end goal is hers to close under `/goals`.
 */
export function markStepsDone(c: CommandContext, goalIds: number[]): void {
  for (const id of goalIds) {
    const goal = c.tx.select().from(goals).where(eq(goals.id, id)).get();
    if (goal?.menteeId === c.actorId && goal.kind === 'step' && goal.status === 'active') update(c, goal, { status: 'done' }, 'done', undefined);
  }
}

export function changeGoal(c: CommandContext, change: { goalId: number; text?: string; month?: string; reason: string }): void {
  const goal = c.tx.select().from(goals).where(eq(goals.id, change.goalId)).get();
  if (goal?.menteeId !== c.actorId || goal.status !== 'active') return;
  const set = { ...(change.text ? { text: change.text } : {}), ...(change.month ? { targetMonth: change.month } : {}) };
  update(c, goal, set, 'changed', change.reason);
}

export function dropGoal(c: CommandContext, goalId: number, reason: string): void {
  const goal = c.tx.select().from(goals).where(eq(goals.id, goalId)).get();
  if (goal?.menteeId === c.actorId && goal.status === 'active') update(c, goal, { status: 'dropped' }, 'dropped', reason);
}

/** A mentor's proposed step; it waits for the mentee, who gets buttons to accept or decline it. */
export function proposeGoal(c: CommandContext, proposal: { pairId: number; text: string; month: string }): Notice[] {
  const { text, month } = proposal;
  const pair = mentorPairs(c).find((p) => p.id === proposal.pairId);
  if (!pair) return [];
  const now = c.ctx.now.toISOString();
  const goal = c.tx
    .insert(goals)
    .values({ menteeId: pair.menteeId, kind: 'step', text, targetMonth: month, status: 'proposed', proposedBy: c.actorId, createdAt: now, updatedAt: now })
    .returning({ id: goals.id })
    .get();
  c.tx.insert(goalChanges).values({ goalId: goal.id, byId: c.actorId, change: 'proposed', at: now }).run();
  const mentor = participant(c.tx, c.actorId);
  return [
    {
      participantId: pair.menteeId,
      message: {
        lines: [t('goals.proposal', { name: personName({ id: c.actorId, name: mentor?.name ?? null }), goal: text, month })],
        choices: [
          { ...button({ name: 'goal', goal: goal.id, step: 'accept' }, t('goals.action.accept')), means: 'yes' },
          { ...button({ name: 'goal', goal: goal.id, step: 'decline' }, t('goals.action.decline')), means: 'no' },
        ],
        about: [c.actorId],
      },
    },
  ];
}

function update(c: CommandContext, goal: Goal, set: Partial<Goal>, change: (typeof goalChanges.$inferInsert)['change'], reason: string | undefined) {
  const now = c.ctx.now.toISOString();
  c.tx
    .update(goals)
    .set({ ...set, updatedAt: now })
    .where(eq(goals.id, goal.id))
    .run();
  c.tx
    .insert(goalChanges)
    .values({ goalId: goal.id, byId: c.actorId, change, before: JSON.stringify({ text: goal.text, month: goal.targetMonth }), reason, at: now })
    .run();
}

function goalsOf(c: CommandContext, menteeId: number): Goal[] {
  return c.tx
    .select()
    .from(goals)
    .where(and(eq(goals.menteeId, menteeId), inArray(goals.status, ['active', 'done', 'proposed'])))
    .orderBy(asc(goals.id))
    .all();
}

/** A goal in a list: the mentee's words in quotation marks, so they cannot pass for Kompis's own lines. */
function goalLine(g: Goal): Text {
  const goal = theirWords(g.text);
  if (g.kind === 'end') return t('goals.endLine', { n: g.id, goal, type: t(`intake.options.goalType.${g.goalType}`) });
  return t(`goals.stepLine.${g.status}`, { n: g.id, goal, month: g.targetMonth ?? '' });
}
