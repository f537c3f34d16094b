import { personLabel, personName } from '../text/personText';
import { openPairOf, pairById, partnerOf } from './pairs';
import { healthLine, pairHealth } from './pairHealth';
import { kickoffSection } from './kickoffSection';
import { button } from '../conversation/actions';
import { eq } from 'drizzle-orm';
import { pairs } from '../../db/schema';
import { resolveAlertsOf } from '../alerts/raiseAlert';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import type { Choice } from '../text/messages';
import { t } from '../text/messages';
import { addDays, daysBetween, localDay } from '../text/calendar';
import { participant } from '../people/people';
import { mentorBank } from '../people/listMentors';
import { audit } from '../privacy/audit';
import type { Notice } from '../people/people';
import { END_REASONS } from './endReasons';

type Pair = typeof pairs.$inferSelect;

/** How long a coordinator can undo ending a pair; the end surveys wait as long. */
export const UNDO_END_MS = 24 * 60 * 60 * 1000;

/** `/pair P`: one pair, its members, state and dates, and what can be done with it. */
export function showPair(c: CommandContext, arg: string | undefined): CommandResult {
  const pair = findPair(c, arg);
  if (!pair) return reply(t('coordinator.pairNotFound', { id: arg ?? '' }));
  // The pair's kickoff answers and ratings are both members' data: each is written down as seen.
  for (const subjectId of members(pair)) {
    audit(c.tx, { programmeId: c.ctx.programme.id, actorId: c.actorId, action: 'viewPair', subjectId, at: c.ctx.now });
  }
  // Each date once, in the coordinator's language: a running pair's end date is on its health line.
  const date = (iso: string | null) => (iso ? localDay(new Date(iso), c.ctx.programme.timezone) : '–');
  const running = pair.status === 'active' || pair.status === 'paused';
  const dates = { proposed: date(pair.proposedAt), active: date(pair.activatedAt) };
  return {
    messages: [
      {
        lines: [
          t('coordinator.pair.title', {
            pair: pair.id,
            mentee: name(c, pair.menteeId),
            mentor: name(c, pair.mentorId),
            status: t(`coordinator.pairStatus.${pair.status}`),
          }),
          running ? t('coordinator.pair.datesRunning', dates) : t('coordinator.pair.dates', { ...dates, ends: pair.endsOn ?? '–' }),
          ...(pair.endReason ? [t('coordinator.pair.endReason', { reason: t(`coordinator.endReason.${pair.endReason}`) })] : []),
          ...(running ? [healthLine(pairHealth(c.tx, pair, c.ctx.programme.timezone), pair)] : []),
          ...kickoffSection(c.tx, pair),
        ],
        choices: pairChoices(c, pair),
      },
    ],
    notices: [],
  };
}

function pairChoices(c: CommandContext, pair: Pair): Choice[] {
  if (canUndoEnd(pair, c.ctx.now)) return [button({ name: 'undoEnd', pair: pair.id }, t('coordinator.action.undoEnd'))];
  if (pair.status !== 'active' && pair.status !== 'paused') return [];
  return [
    pair.status === 'active' ? button({ name: 'pause', pair: pair.id }, t('coordinator.action.pause')) : button({ name: 'resume', pair: pair.id }, t('coordinator.action.resume')),
    ...END_REASONS.map((r) => button({ name: 'end', pair: pair.id, reason: r }, t(`coordinator.endReason.${r}`))),
  ];
}

/**
 * `/pause P` and `/resume P`: both members hear it. Time off is not the end: the days a pair was
 * paused are added to its end date when it goes on, and both hear the new date.
 */
export function pauseOrResume(c: CommandContext, arg: string | undefined, to: 'paused' | 'active'): CommandResult {
  const pair = findPair(c, arg);
  const from = to === 'paused' ? 'active' : 'paused';
  if (!pair) return reply(t('coordinator.pairNotFound', { id: arg ?? '' }));
  if (pair.status !== from) return reply(t('coordinator.pairNotNow', { pair: pair.id, status: t(`coordinator.pairStatus.${pair.status}`) }));
  const now = c.ctx.now.toISOString();
  const endsOn = to === 'active' ? endAfterPause(pair, c.ctx.now, c.ctx.programme.timezone) : pair.endsOn;
  const change = to === 'paused' ? { pausedAt: now } : { resumedAt: now, pausedAt: null, endsOn };
  c.tx
    .update(pairs)
    .set({ status: to, ...change })
    .where(eq(pairs.id, pair.id))
    .run();
  const news = to === 'paused' ? t('pair.paused') : endsOn ? t('pair.resumedUntil', { date: endsOn }) : t('pair.resumed');
  const changed = t('coordinator.pairChanged', { pair: pair.id, status: t(`coordinator.pairStatus.${to}`) });
  return {
    messages: [{ lines: to === 'active' && endsOn ? [changed, t('coordinator.pairEnds', { pair: pair.id, date: endsOn })] : [changed] }],
    notices: members(pair).map((participantId) => ({ participantId, message: { lines: [news], choices: to === 'paused' ? [writeToCoordinator()] : [] } })),
  };
}

/** The end date of a paused pair that goes on now: later by the days it was paused. */
function endAfterPause(pair: Pair, now: Date, timeZone: string): string | null {
  if (!pair.endsOn || !pair.pausedAt) return pair.endsOn;
  return addDays(pair.endsOn, Math.max(0, daysBetween(localDay(new Date(pair.pausedAt), timeZone), localDay(now, timeZone))));
}

/**
 * `/end P REASON`: asks first — whether to end it, and whether the members hear the reason. Then
 * `/end P REASON share|quiet` ends it: `completed`, or ended early with the reason. The members are
 * told kindly, with the reason when the coordinator shares it, and whom to write to; the mentee keeps
 * their goals and can be matched again. A proposal nobody answered is withdrawn the same way.
 */
export function endPair(c: CommandContext, args: string[]): CommandResult {
  const [arg, reasonArg, tellArg] = args;
  if (reasonArg?.toLowerCase() === 'undo') return undoEnd(c, arg);
  const pair = findPair(c, arg);
  const reason = END_REASONS.find((r) => r.toLowerCase() === reasonArg?.toLowerCase());
  if (!pair) return reply(t('coordinator.pairNotFound', { id: arg ?? '' }));
  if (!reason) return reply(t('coordinator.endUsage', { reasons: END_REASONS.join(', ') }));
  if (pair.status !== 'active' && pair.status !== 'paused' && pair.status !== 'proposed') {
    return reply(t('coordinator.pairNotNow', { pair: pair.id, status: t(`coordinator.pairStatus.${pair.status}`) }));
  }
  const tell = tellArg?.toLowerCase();
  if (tell !== 'share' && tell !== 'quiet') return confirmEnd(c, pair, reason);
  // A proposal nobody answered is withdrawn; the mentee can then be proposed someone else.
  const withdrawn = pair.status === 'proposed';
  const status = withdrawn ? 'ended' : reason === 'completed' ? 'completed' : 'ended';
  c.tx
    .update(pairs)
    .set({ status, endReason: reason, endedAt: c.ctx.now.toISOString(), endedFrom: pair.status === 'proposed' ? null : pair.status })
    .where(eq(pairs.id, pair.id))
    .run();
  resolveAlertsOf(c.tx, pair.id, c.ctx.now);
  const { contact } = c.ctx.programme;
  const news = (memberId: number): Notice['message'] => {
    if (withdrawn) return { lines: [t('pair.withdrawn')] };
    const partner = personName({ id: partnerOf(pair, memberId), name: participant(c.tx, partnerOf(pair, memberId))?.name ?? null });
    return {
      lines: [
        tell === 'share' ? t('pair.endedWithReason', { name: partner, reason: t(`coordinator.endReason.${reason}`) }) : t('pair.endedNoReason', { name: partner }),
        t('pair.endedContact', { contact }),
      ],
      choices: [writeToCoordinator()],
    };
  };
  return {
    messages: [
      {
        lines: [
          t('coordinator.pairChanged', { pair: pair.id, status: t(`coordinator.pairStatus.${status}`) }),
          ...(withdrawn ? [] : [t('coordinator.endUndoHint', { pair: pair.id })]),
        ],
        choices: withdrawn ? [] : [button({ name: 'undoEnd', pair: pair.id }, t('coordinator.action.undoEnd'))],
      },
    ],
    notices: members(pair).map((participantId) => ({ participantId, message: news(participantId) })),
  };
}

/** The question before a pair ends: end it and share the reason, end it without, or keep it. */
function confirmEnd(c: CommandContext, pair: Pair, reason: (typeof END_REASONS)[number]): CommandResult {
  const who = { pair: pair.id, mentee: name(c, pair.menteeId), mentor: name(c, pair.mentorId), reason: t(`coordinator.endReason.${reason}`) };
  const keep = button({ name: 'pair', pair: pair.id }, t('coordinator.action.keepPair'));
  if (pair.status === 'proposed') {
    return {
      messages: [{ lines: [t('coordinator.confirmWithdraw', who)], choices: [button({ name: 'end', pair: pair.id, reason, tell: 'quiet' }, t('alerts.action.withdraw')), keep] }],
      notices: [],
    };
  }
  return {
    messages: [
      {
        lines: [t('coordinator.confirmEnd', who)],
        choices: [
          button({ name: 'end', pair: pair.id, reason, tell: 'share' }, t('coordinator.action.endShare')),
          button({ name: 'end', pair: pair.id, reason, tell: 'quiet' }, t('coordinator.action.endQuiet')),
          keep,
        ],
      },
    ],
    notices: [],
  };
}

/**
 * `/end P undo`: within a day of ending a pair, it goes on as it was (active or paused). What was
 * sent stays sent; the members hear that it goes on, and the end surveys, which wait out the day,
 * are not sent.
 */
function undoEnd(c: CommandContext, arg: string | undefined): CommandResult {
  const pair = findPair(c, arg);
  if (!pair) return reply(t('coordinator.pairNotFound', { id: arg ?? '' }));
  if (!canUndoEnd(pair, c.ctx.now) || !pair.endedFrom) return reply(t('coordinator.cannotUndoEnd', { pair: pair.id }));
  const other = openPairOf(c.tx, pair.menteeId);
  if (other) return reply(t('coordinator.undoEndPaired', { pair: pair.id, other: other.id, who: name(c, pair.menteeId) }));
  // The mentor's place may have gone to another mentee in the meantime.
  const mentor = mentorBank(c.tx, c.ctx.programme.id).find((m) => m.id === pair.mentorId);
  if (mentor && mentor.load >= mentor.capacity) return reply(t('coordinator.mentorFull', { who: name(c, pair.mentorId) }));
  c.tx.update(pairs).set({ status: pair.endedFrom, endReason: null, endedAt: null, endedFrom: null }).where(eq(pairs.id, pair.id)).run();
  return {
    messages: [{ lines: [t('coordinator.endUndone', { pair: pair.id, status: t(`coordinator.pairStatus.${pair.endedFrom}`) })] }],
    notices: members(pair).map((participantId) => ({
      participantId,
      message: {
        lines: [t('pair.endUndone', { name: personName({ id: partnerOf(pair, participantId), name: participant(c.tx, partnerOf(pair, participantId))?.name ?? null }) })],
      },
    })),
  };
}

/** Whether a coordinator ended this pair less than a day ago, so the end can still be undone. */
export function canUndoEnd(pair: Pair, now: Date): boolean {
  return pair.endedFrom !== null && pair.endedAt !== null && (pair.status === 'ended' || pair.status === 'completed') && now.getTime() - Date.parse(pair.endedAt) < UNDO_END_MS;
}

function findPair(c: CommandContext, arg: string | undefined): Pair | undefined {
  const id = idArg(arg);
  return pairById(c.tx, id);
}

function name(c: CommandContext, id: number) {
  return personLabel(participant(c.tx, id) ?? { id, name: null });
}

function members(pair: Pair): number[] {
  return [pair.menteeId, pair.mentorId];
}

/** Where Kompis says "write to your coordinator", this button does it (`/contact`). */
function writeToCoordinator(): Choice {
  return button({ name: 'contact' }, t('threads.action.write'));
}
