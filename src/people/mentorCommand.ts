import { and, eq, isNotNull } from 'drizzle-orm';
import { pairs } from '../../db/schema';
import { button } from '../conversation/actions';
import { type CommandContext, type CommandResult, reply } from '../conversation/commandContext';
import { openPairOf } from '../pairs/pairs';
import { localDay } from '../text/calendar';
import { type Choice, t, type Text } from '../text/messages';
import { personName } from '../text/personText';
import { mentorRow, type MentorRow, pause, resume, setCapacity } from './mentorControls';
import { mentorHistory, showMentor } from './mentorProfile';
import { screenMentor } from './mentorScreening';
import { latestApplicationOf, participant } from './people';

/**
 * `/mentor`: for a coordinator, a mentor's profile (`/mentor M`) and the screening decision
 * (`/mentor M approve|talk|decline`); for a mentor, their own place in the bank (`/mentor`,
 * `/mentor capacity N`, `/mentor pause [YYYY-MM-DD]`, `/mentor resume`); for anyone else who is not
 * waiting for a mentor or in a pair, the mentor registration.
 */
export function mentorCommand(c: CommandContext, args: string[]): CommandResult {
  const me = participant(c.tx, c.actorId);
  if (me?.role === 'coordinator') return coordinatorMentorCommand(c, args);
  const row = mentorRow(c.tx, c.actorId);
  if (!row) return registerAsMentor(c);
  const [word, value] = args;
  switch (word) {
    case undefined:
      return { messages: [{ lines: ownView(c, row), choices: ownChoices(row) }], notices: [] };
    case 'capacity': {
      const capacity = /^\d$/.test(value ?? '') ? Number(value) : undefined;
      if (capacity === undefined) return reply(t('mentorCare.own.capacityHow'));
      setCapacity(c.tx, row, capacity, c.ctx.now);
      return reply(capacity === 0 ? t('mentorCare.own.pausedOpen') : t('mentorCare.own.capacitySet', { capacity }));
    }
    case 'pause': {
      if (value === undefined) {
        pause(c.tx, row, null, c.ctx.now);
        return reply(t('mentorCare.own.pausedOpen'));
      }
      const until = futureDay(value, localDay(c.ctx.now, c.ctx.programme.timezone));
      if (!until) return reply(t('mentorCare.own.pauseHow'));
      pause(c.tx, row, until, c.ctx.now);
      return reply(t('mentorCare.own.pausedUntil', { date: until }));
    }
    case 'resume':
      resume(c.tx, row, c.ctx.now);
      return reply(t('mentorCare.own.resumed'));
    default:
      return reply(t('mentorCare.own.usage'));
  }
}

function coordinatorMentorCommand(c: CommandContext, [id, decision]: string[]): CommandResult {
  if (id === undefined) return reply(t('mentorCare.usage'));
  if (decision === undefined) return showMentor(c, id);
  if (decision === 'approve' || decision === 'talk' || decision === 'decline') return screenMentor(c, id, decision);
  return reply(t('mentorCare.usage'));
}

/**
 * A person who is not a mentor yet registers as one: a former mentee too (their pairs as a mentee
 * stay theirs and are not counted as a mentor's). Not while they are in a pair as a mentee or still
 * wait for their first mentor: one person has one role at a time.
 */
function registerAsMentor(c: CommandContext): CommandResult {
  const application = latestApplicationOf(c.tx, c.actorId);
  const hadPair = c.tx
    .select({ id: pairs.id })
    .from(pairs)
    .where(and(eq(pairs.menteeId, c.actorId), isNotNull(pairs.activatedAt)))
    .get();
  const waiting = application !== undefined && ['submitted', 'interview', 'waitlisted', 'accepted'].includes(application.status) && !hadPair;
  if (openPairOf(c.tx, c.actorId) || waiting) return reply(t('mentorCare.own.finishFirst'));
  return { messages: [], notices: [], start: { flowId: 'mentor', given: {} } };
}

/** The mentor's own view: room, pause, screening, and the mentees they have and had. */
function ownView(c: CommandContext, row: MentorRow): Text[] {
  const history = mentorHistory(c.tx, row.participantId);
  const load = history.filter((p) => p.status === 'proposed' || p.status === 'active' || p.status === 'paused').length;
  const pauseLine = row.capacity > 0 ? [] : [row.pausedUntil ? t('mentorCare.own.pausedUntil', { date: row.pausedUntil }) : t('mentorCare.own.pausedOpen')];
  const screening = row.screening === 'approved' ? [] : [t('mentorCare.own.notApprovedYet')];
  return [
    t('mentorCare.own.title', { capacity: row.capacity, load }),
    ...pauseLine,
    ...screening,
    ...(history.length === 0
      ? [t('mentorCare.own.noPairs')]
      : [
          t('mentorCare.own.pairsTitle'),
          ...history.map((p) => t('mentorCare.own.pairLine', { name: personName({ id: p.menteeId, name: p.menteeName }), status: t(`coordinator.pairStatus.${p.status}`) })),
        ]),
  ];
}

function ownChoices(row: MentorRow): Choice[] {
  const capacities = [1, 2, 3].filter((n) => n !== row.capacity);
  return [
    ...capacities.map((capacity) => button({ name: 'mentorCapacity', capacity }, t('mentorCare.own.capacityButton', { capacity }))),
    row.capacity > 0 ? button({ name: 'mentorPause' }, t('mentorCare.own.pauseButton')) : button({ name: 'mentorResume' }, t('mentorCare.own.resumeButton')),
    button({ name: 'profile' }, t('mentorCare.own.profileButton')),
  ];
}

/** A typed day after today (YYYY-MM-DD, a real date), or undefined. */
function futureDay(text: string, today: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text && text > today ? text : undefined;
}
