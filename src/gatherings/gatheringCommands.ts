import { and, asc, eq, gt } from 'drizzle-orm';
import { gatherings } from '../../db/schema';
import { button } from '../conversation/actions';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { participant } from '../people/people';
import { parseSegment } from '../people/segments';
import { audit } from '../privacy/audit';
import { atLocalHour, localDay } from '../text/calendar';
import { type Choice, t, type Text } from '../text/messages';
import { oneLine } from '../text/oneLine';
import { personLabel } from '../text/personText';
import { answerGathering } from './answerGathering';
import { gatheringByCode, markCame } from './attendance';
import { cancelGathering, changeGathering } from './changeGathering';
import { type Audience, createGathering } from './createGathering';
import { countsOf, GATHERING_KINDS, type Gathering, gatheringById, type Invite, inviteOf, invitesOf, isAhead, localTime, textIn, whenAndWhere } from './gatherings';
import { gatheringMessage } from './gatheringMessages';

/**
 * The chat's commands over gatherings: thin, so the desk can call the same domain functions.
 *
 * A coordinator's `/gathering`: the gatherings; `/gathering new …` plans one; `/gathering G` shows
 * one with who answered and who came; `/gathering G came N M`, `… move DAY HH:MM-HH:MM`,
 * `… place TEXT`, `… cancel`.
 */
export function gatheringCommand(c: CommandContext, args: string[]): CommandResult {
  const [first, verb, ...rest] = args;
  if (first === undefined) return listGatherings(c);
  if (first.toLowerCase() === 'new') return planGathering(c, args.slice(1).join(' '));
  const id = idArg(first);
  const g = id === undefined ? undefined : gatheringById(c.tx, c.ctx.programme.id, id);
  if (!g) return reply(t('gatherings.coordinator.notFound', { id: first }));
  switch (verb?.toLowerCase()) {
    case undefined:
      return showGathering(c, g);
    case 'came': {
      const ids = rest.map(idArg).filter((n): n is number => n !== undefined);
      const recorded = markCame(c.tx, g, { participantIds: ids, by: 'coordinator', now: c.ctx.now });
      const people = recorded.map((p) => personLabel(participant(c.tx, p) ?? { id: p, name: null }));
      const result = showGathering(c, g);
      const lines: Text[] = people.length > 0 ? [t('gatherings.coordinator.marked', { who: people })] : [t('gatherings.coordinator.markedNone')];
      return { ...result, messages: [{ lines }, ...result.messages] };
    }
    case 'move': {
      const times = timesOf(c, rest[0], rest[1]);
      if (!times) return reply(t('gatherings.coordinator.unclear'), t('gatherings.coordinator.changeUsage'));
      return changed(changeGathering(c.tx, c.ctx.programme, { gathering: g, change: times }, c.ctx.now));
    }
    case 'place':
      return changed(changeGathering(c.tx, c.ctx.programme, { gathering: g, change: { place: rest.join(' ') } }, c.ctx.now));
    case 'cancel':
      return changed(cancelGathering(c.tx, c.ctx.programme, { gathering: g }, c.ctx.now));
    default:
      return reply(t('gatherings.coordinator.changeUsage'));
  }
}

function changed(result: ReturnType<typeof changeGathering>): CommandResult {
  if (result.ok) return reply(t('gatherings.coordinator.told', { number: result.told }));
  return reply(t(result.problem === 'over' ? 'gatherings.over' : 'gatherings.coordinator.unclear'), t('gatherings.coordinator.changeUsage'));
}

/**
 * `/gathering new KIND DAY HH:MM-HH:MM | title | place | who | places [count] | description`: who is
 * a group (`mentors`, `pairs`, `waiting`, …) or `invite 12 14`; places a number or `none`, with
 * `count` when those invited may see how many said yes. The title and description are in the
 * coordinator's language; other languages fall back to them.
 */
function planGathering(c: CommandContext, text: string): CommandResult {
  const [head = '', title = '', place = '', who = '', places = '', description = ''] = text.split('|').map((part) => part.trim());
  const [kind = '', day = '', time = ''] = head.split(/\s+/);
  const [from = '', to = ''] = time.split(/[-–]/);
  return planGatheringFrom(c, { kind, day, from, to, title, place, who, places, description });
}

/** A gathering's plan as its parts: the chat reads them from `/gathering new …`, the desk from its form. */
export interface GatheringPlan {
  kind: string;
  /** YYYY-MM-DD, and HH:MM each, in the programme's time zone. */
  day: string;
  from: string;
  to: string;
  title: string;
  place: string;
  /** A group (`mentors`, `pairs`, `waiting`, …) or `invite 12 14`. */
  who: string;
  /** A number, or `none`; with ` count` when those invited may see how many said yes. */
  places: string;
  description: string;
}

/** Plans the gathering and invites its audience (`createGathering`), or says what to put right. */
export function planGatheringFrom(c: CommandContext, plan: GatheringPlan): CommandResult {
  const { title, place, description } = plan;
  const kind = GATHERING_KINDS.find((k) => k === plan.kind.toLowerCase());
  const times = timesOf(c, plan.day, plan.from === '' || plan.to === '' ? undefined : `${plan.from}-${plan.to}`);
  const audience = audienceOf(plan.who);
  const [limit = '', count] = plan.places.toLowerCase().split(/\s+/);
  const capacity = limit === 'none' ? null : /^\d{1,5}$/.test(limit) ? Number(limit) : undefined;
  if (!kind || !times?.startsAt || !times.endsAt || !audience || capacity === undefined || title === '' || place === '') {
    return reply(t('gatherings.coordinator.unclear'), t('gatherings.coordinator.usage'));
  }
  const language = participant(c.tx, c.actorId)?.language ?? c.ctx.programme.defaultLanguage;
  const result = createGathering(
    c.tx,
    c.ctx.programme,
    {
      kind,
      title: { [language]: title },
      description: description === '' ? {} : { [language]: description },
      startsAt: times.startsAt,
      endsAt: times.endsAt,
      place,
      audience,
      capacity,
      showCount: count === 'count',
      createdBy: c.actorId,
    },
    c.ctx.now,
  );
  if (!result.ok) return reply(t(`gatherings.coordinator.problem.${result.problem}`), t('gatherings.coordinator.usage'));
  return reply(t('gatherings.coordinator.created', { id: result.gatheringId, invited: result.invited, unreachable: result.unreachable, code: result.code }));
}

function audienceOf(who: string): Audience | undefined {
  const [word, ...ids] = who.split(/\s+/);
  if (word?.toLowerCase() === 'invite') {
    const people = ids.map(idArg);
    return people.length > 0 && people.every((p) => p !== undefined) ? { people: people.filter((p): p is number => p !== undefined) } : undefined;
  }
  const segment = parseSegment(who);
  return segment ? { segment } : undefined;
}

/** `2026-11-20` and `18:00-20:00` as moments in the programme's time zone. */
function timesOf(c: CommandContext, day: string | undefined, range: string | undefined): { startsAt: Date; endsAt: Date } | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) return undefined;
  const match = /^([01]?\d|2[0-3]):([0-5]\d)[-–]([01]?\d|2[0-3]):([0-5]\d)$/.exec(range ?? '');
  if (!match) return undefined;
  const at = (hour: string, minute: string) => new Date(atLocalHour(day, Number(hour), c.ctx.programme.timezone).getTime() + Number(minute) * 60_000);
  const [, h1 = '', m1 = '', h2 = '', m2 = ''] = match;
  return { startsAt: at(h1, m1), endsAt: at(h2, m2) };
}

/** The gatherings still to come, and those of the last 30 days, by start. */
function listGatherings(c: CommandContext): CommandResult {
  const since = new Date(c.ctx.now.getTime() - 30 * 86_400_000).toISOString();
  const rows = c.tx
    .select()
    .from(gatherings)
    .where(and(eq(gatherings.programmeId, c.ctx.programme.id), gt(gatherings.endsAt, since)))
    .orderBy(asc(gatherings.startsAt))
    .limit(20)
    .all();
  if (rows.length === 0) return reply(t('gatherings.coordinator.none'), t('gatherings.coordinator.usage'));
  const tz = c.ctx.programme.timezone;
  return {
    messages: [
      {
        lines: [
          t('gatherings.coordinator.listTitle'),
          ...rows.map((g) => {
            const n = countsOf(c.tx, g.id);
            const start = new Date(g.startsAt);
            return t(g.status === 'cancelled' ? 'gatherings.coordinator.lineCancelled' : 'gatherings.coordinator.line', {
              id: g.id,
              title: textIn(g.title, c.ctx.language, c.ctx.programme),
              date: localDay(start, tz),
              from: localTime(start, tz),
              yes: n.yes,
              waiting: n.waiting,
              came: n.came,
            });
          }),
        ],
        choices: rows.map((g) => ({ ...button({ name: 'gathering', gathering: g.id }, t('gatherings.coordinator.open', { id: g.id })), number: g.id })),
      },
    ],
    notices: [],
  };
}

/** One gathering for a coordinator: its details and code, the figures, and who answered or came (each view audited). */
function showGathering(c: CommandContext, g: Gathering): CommandResult {
  const n = countsOf(c.tx, g.id);
  const people = invitesOf(c.tx, g.id).filter((i) => i.answer !== null || i.cameAt !== null);
  const label = (i: Invite) => personLabel(participant(c.tx, i.participantId) ?? { id: i.participantId, name: null });
  for (const i of people) audit(c.tx, { programmeId: c.ctx.programme.id, actorId: c.actorId, action: 'viewGathering', subjectId: i.participantId, at: c.ctx.now });
  const lines: Text[] = [
    t('gatherings.coordinator.title', { id: g.id, title: textIn(g.title, c.ctx.language, c.ctx.programme), kind: t(`gatherings.kind.${g.kind}`) }),
    ...whenAndWhere(g, c.ctx.programme),
    t('gatherings.coordinator.audience', { audience: g.audience, places: g.capacity === null ? t('gatherings.coordinator.noLimit') : String(g.capacity) }),
    ...(g.status === 'cancelled' ? [t('gatherings.coordinator.isCancelled')] : [t('gatherings.coordinator.code', { code: g.code })]),
    t('gatherings.coordinator.figures', { ...n }),
    ...people.map((i) => t(i.cameAt ? 'gatherings.coordinator.personCame' : 'gatherings.coordinator.person', { who: label(i), answer: answerText(i) })),
  ];
  const choices: Choice[] = people
    .filter((i) => i.cameAt === null && i.answer !== 'no')
    .map((i) => ({ ...button({ name: 'came', gathering: g.id, person: i.participantId }, t('gatherings.coordinator.came', { who: label(i) })), number: i.participantId }));
  return { messages: [{ lines, ...(choices.length > 0 ? { choices } : {}) }], notices: [] };
}

function answerText(invite: Invite | undefined): Text {
  return t(`gatherings.yourAnswer.${invite?.answer ?? 'none'}`);
}

/** `/events`: the gatherings the person is invited to that are still ahead; `/events G`: one, with its answer buttons and calendar file. */
export function eventsCommand(c: CommandContext, args: string[]): CommandResult {
  if (args[0] !== undefined) {
    const id = idArg(args[0]);
    const g = id === undefined ? undefined : gatheringById(c.tx, c.ctx.programme.id, id);
    const invite = g ? inviteOf(c.tx, g.id, c.actorId) : undefined;
    if (!g || !invite?.invitedAt) return reply(t('gatherings.notFound'));
    if (!isAhead(g, c.ctx.now)) return reply(t('gatherings.over'));
    const message = gatheringMessage(c.tx, c.ctx.programme, g, 'show', c.ctx.language, c.ctx.now);
    return { messages: [{ ...message, lines: [...message.lines.slice(0, -1), t('gatherings.current', { answer: answerText(invite) }), ...message.lines.slice(-1)] }], notices: [] };
  }
  const rows = c.tx
    .select()
    .from(gatherings)
    .where(and(eq(gatherings.programmeId, c.ctx.programme.id), eq(gatherings.status, 'planned'), gt(gatherings.endsAt, c.ctx.now.toISOString())))
    .orderBy(asc(gatherings.startsAt))
    .all()
    .map((g) => ({ g, invite: inviteOf(c.tx, g.id, c.actorId) }))
    .filter((r) => r.invite?.invitedAt);
  if (rows.length === 0) return reply(t('gatherings.none'));
  const tz = c.ctx.programme.timezone;
  const lines = rows.map(({ g, invite }) => {
    const start = new Date(g.startsAt);
    return t('gatherings.line', { title: textIn(g.title, c.ctx.language, c.ctx.programme), date: localDay(start, tz), from: localTime(start, tz), answer: answerText(invite) });
  });
  const choices = rows.map(({ g }) => button({ name: 'event', gathering: g.id }, t('gatherings.open', { title: textIn(g.title, c.ctx.language, c.ctx.programme) })));
  return { messages: [{ lines: [t('gatherings.listTitle'), ...lines], choices }], notices: [] };
}

/** `/rsvp G yes|no|maybe`: the person's answer to an invitation. */
export function rsvpCommand(c: CommandContext, args: string[]): CommandResult {
  const id = idArg(args[0]);
  const answer = args[1]?.toLowerCase();
  const g = id === undefined ? undefined : gatheringById(c.tx, c.ctx.programme.id, id);
  if (!g || (answer !== 'yes' && answer !== 'no' && answer !== 'maybe')) return reply(t('gatherings.notFound'));
  const result = answerGathering(c.tx, c.ctx.programme, { gathering: g, participantId: c.actorId, answer }, c.ctx.now);
  if (!result.ok) return reply(t(result.problem === 'over' ? 'gatherings.over' : 'gatherings.notFound'));
  if (result.answer === 'waiting') return reply(t('gatherings.waiting', { place: result.waitingPlace ?? 1 }));
  return reply(t(`gatherings.said.${result.answer}`));
}

/** `/here CODE`: the person came to today's gathering with this code. */
export function hereCommand(c: CommandContext, args: string[]): CommandResult {
  const g = gatheringByCode(c.tx, c.ctx.programme, args.join(''), c.ctx.now);
  if (!g) return reply(t('gatherings.here.wrong'));
  markCame(c.tx, g, { participantIds: [c.actorId], by: 'code', now: c.ctx.now });
  // Coordinators are not counted among those who came.
  if (!inviteOf(c.tx, g.id, c.actorId)?.cameAt) return reply(t('gatherings.here.wrong'));
  return reply(t('gatherings.here.welcome', { title: oneLine(textIn(g.title, c.ctx.language, c.ctx.programme)) }));
}
