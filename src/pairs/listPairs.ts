import { and, asc, eq, inArray } from 'drizzle-orm';
import { pairs } from '../../db/schema';
import { button } from '../conversation/actions';
import { type CommandContext, type CommandResult, reply } from '../conversation/commandContext';
import { listPage, pageArg, pageLine } from '../conversation/listPage';
import { participant } from '../people/people';
import { audit } from '../privacy/audit';
import { addDays, daysBetween, localDay } from '../text/calendar';
import { t, type Text } from '../text/messages';
import { personLabel } from '../text/personText';
import { agreedFrequency, quietDaysFor } from './meetingFrequency';
import { healthLine, pairHealth, type PairHealth } from './pairHealth';
import { OPEN_PAIR_STATES, type Pair, RUNNING_PAIR_STATES } from './pairs';

/** Pairs whose end date is this close show under `/pairs ending`. */
const ENDING_WITHIN_DAYS = 30;

const FILTERS = ['quiet', 'ending', 'all'] as const;
type Filter = (typeof FILTERS)[number] | 'open';

/**
 * `/pairs`: the open pairs, each with its health (last sign of a meeting, latest ratings, open
 * alerts). `/pairs quiet`: running pairs without a sign of a meeting for the nudge's number of days,
 * the quietest first; `/pairs ending`: pairs ending within a month, soonest first; `/pairs all`:
 * every pair. A last number is the page: `/pairs quiet 2`.
 */
export function listPairs(c: CommandContext, args: string[]): CommandResult {
  const word = args[0]?.toLowerCase();
  const filter: Filter | undefined = word === undefined || pageArg(word) !== undefined ? 'open' : FILTERS.find((f) => f === word);
  if (!filter) return reply(t('coordinator.pairs.usage'));
  const page = pageArg(filter === 'open' ? args[0] : args[1]);
  const today = localDay(c.ctx.now, c.ctx.programme.timezone);
  const states = filter === 'all' ? undefined : filter === 'open' ? [...OPEN_PAIR_STATES] : [...RUNNING_PAIR_STATES];
  const rows = c.tx
    .select()
    .from(pairs)
    .where(and(eq(pairs.programmeId, c.ctx.programme.id), states ? inArray(pairs.status, states) : undefined))
    .orderBy(asc(pairs.id))
    .all()
    .map((pair) => ({ pair, health: isRunning(pair) ? pairHealth(c.tx, pair, c.ctx.programme.timezone) : undefined }));
  const chosen = choose(rows, filter, today, c.ctx.programme.thresholds.nudgeAfterDays);
  if (chosen.length === 0) return reply(t(filter === 'open' || filter === 'all' ? 'coordinator.pairs.empty' : `coordinator.pairs.none.${filter}`));
  const shown = listPage(chosen, page);
  const name = (id: number) => personLabel(participant(c.tx, id) ?? { id, name: null });
  const entry = ({ pair: p, health }: (typeof rows)[number]): Text[] => [
    t('coordinator.pairs.line', { pair: p.id, mentee: name(p.menteeId), mentor: name(p.mentorId), status: t(`coordinator.pairStatus.${p.status}`) }),
    ...(health ? [healthLine(health, p)] : []),
  ];
  // Each line shows the members' latest check-in ratings: everyone on the page is written down as seen.
  for (const { pair: p } of shown.items) {
    for (const subjectId of [p.menteeId, p.mentorId]) {
      audit(c.tx, { programmeId: c.ctx.programme.id, actorId: c.actorId, action: 'listPairs', subjectId, at: c.ctx.now });
    }
  }
  const command = filter === 'open' ? '/pairs' : `/pairs ${filter}`;
  return {
    messages: [
      {
        lines: [t(`coordinator.pairs.list.${filter}`, { count: chosen.length }), ...shown.items.flatMap(entry), ...pageLine(shown, command)],
        choices: shown.items.map(({ pair: p }) => ({ ...button({ name: 'pair', pair: p.id }, t('coordinator.action.openPair', { pair: p.id })), number: p.id })),
      },
    ],
    notices: [],
  };
}

type Row = { pair: Pair; health: PairHealth | undefined };

function choose(rows: Row[], filter: Filter, today: string, nudgeAfterDays: number): Row[] {
  switch (filter) {
    case 'open':
    case 'all':
      return rows;
    case 'quiet':
      return rows
        .filter((r) => r.pair.status === 'active' && r.health?.lastSign && daysBetween(r.health.lastSign, today) >= quietDaysFor(agreedFrequency(r.pair), nudgeAfterDays))
        .sort((a, b) => (a.health?.lastSign ?? '').localeCompare(b.health?.lastSign ?? ''));
    case 'ending': {
      const until = addDays(today, ENDING_WITHIN_DAYS);
      return rows.filter((r) => r.pair.endsOn !== null && r.pair.endsOn <= until).sort((a, b) => (a.pair.endsOn ?? '').localeCompare(b.pair.endsOn ?? ''));
    }
  }
}

function isRunning(pair: Pair): boolean {
  return (RUNNING_PAIR_STATES as readonly string[]).includes(pair.status);
}
