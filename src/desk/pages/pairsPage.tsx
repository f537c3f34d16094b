import { namedRounds } from '../../../flows/applicationRounds';
import { pairBoard, type BoardPair } from '../../pairs/pairBoard';
import { namesOf } from '../../people/people';
import { auditEach } from '../../privacy/audit';
import { t } from '../../text/messages';
import { personLabel } from '../../text/personText';
import { Pager } from '../deskParts';
import type { DeskPage } from '../deskView';

/** Rows on one page of the board; each shows both members' ratings, so each is written in the audit log. */
export const BOARD_PAGE_SIZE = 50;

const FILTERS = ['all', 'quiet', 'ending', 'paused', 'alerts'] as const;
const SORTS = ['pair', 'lastMeeting', 'daysLeft', 'alerts'] as const;

/** The running pairs with their health at a glance, filtered and sorted, a page at a time. */
export const pairsPage: DeskPage = {
  path: '/pairs',
  nav: 'pairs',
  render: ({ c, tr, query }) => {
    const filter = FILTERS.find((f) => f === query('show')) ?? 'all';
    const sort = SORTS.find((s) => s === query('sort')) ?? 'pair';
    const rounds = namedRounds(c.ctx.programme.rounds).map((r) => r.id);
    const round = rounds.find((r) => r === query('round')) ?? '';
    const chosen = pairBoard(c.tx, c.ctx.programme, c.ctx.now)
      .filter((b) => keep(b, filter) && (round === '' || b.round === round))
      .sort(order(sort));
    const pages = Math.max(1, Math.ceil(chosen.length / BOARD_PAGE_SIZE));
    const pageNumber = Math.min(pages, Math.max(1, Number.parseInt(query('page') ?? '1', 10) || 1));
    const shown = chosen.slice((pageNumber - 1) * BOARD_PAGE_SIZE, pageNumber * BOARD_PAGE_SIZE);
    auditEach(
      c.tx,
      { programmeId: c.ctx.programme.id, actorId: c.actorId, action: 'listPairs', at: c.ctx.now },
      shown.flatMap(({ pair }) => [pair.menteeId, pair.mentorId]),
    );
    const names = namesOf(
      c.tx,
      shown.flatMap(({ pair }) => [pair.menteeId, pair.mentorId]),
    );
    const name = (id: number) => tr(personLabel(names.get(id) ?? { id, name: null }));
    const label = (f: (typeof FILTERS)[number]) =>
      f === 'all'
        ? t('desk.filter.all')
        : f === 'quiet'
          ? t('desk.today.quiet')
          : f === 'ending'
            ? t('desk.today.ending')
            : f === 'paused'
              ? t('desk.figure.paused')
              : t('desk.col.alerts');
    const sortLabel = (s: (typeof SORTS)[number]) => t(s === 'pair' ? 'desk.col.pair' : `desk.col.${s}`);
    const link = (n: number) => `/desk/pairs?show=${filter}&sort=${sort}${round === '' ? '' : `&round=${round}`}&page=${n}`;
    return {
      title: t('desk.nav.pairs'),
      body: (
        <>
          <form method="get" action="/desk/pairs" class="filters">
            <label>
              {tr(t('desk.filter.show'))}
              <select name="show">
                {FILTERS.map((f) => (
                  <option value={f} selected={f === filter}>
                    {tr(label(f))}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {tr(t('desk.filter.sort'))}
              <select name="sort">
                {SORTS.map((s) => (
                  <option value={s} selected={s === sort}>
                    {tr(sortLabel(s))}
                  </option>
                ))}
              </select>
            </label>
            {rounds.length > 0 ? (
              <label>
                {tr(t('desk.filter.round'))}
                <select name="round">
                  <option value="" selected={round === ''}>
                    {tr(t('desk.filter.all'))}
                  </option>
                  {rounds.map((r) => (
                    <option value={r} selected={r === round}>
                      {r}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <button type="submit">{tr(t('desk.filter.show'))}</button>
          </form>
          <p role="status">{tr(t('desk.filter.count', { number: chosen.length }))}</p>
          <div class="scroll">
            <table class="board">
              <thead>
                <tr>
                  <th scope="col">{tr(t('desk.col.pair'))}</th>
                  <th scope="col">{tr(t('desk.filter.status'))}</th>
                  <th scope="col">{tr(t('desk.col.lastMeeting'))}</th>
                  <th scope="col">{tr(t('desk.col.ratings'))}</th>
                  <th scope="col">{tr(t('desk.col.goals'))}</th>
                  <th scope="col">{tr(t('desk.col.alerts'))}</th>
                  <th scope="col">{tr(t('desk.col.daysLeft'))}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((b) => (
                  <tr class={b.health.openAlerts > 0 || b.quiet ? 'attention' : undefined}>
                    <td>
                      <a href={`/desk/pairs/${b.pair.id}`}>{tr(t('coordinator.action.openPair', { pair: b.pair.id }))}</a>
                      <br />
                      {name(b.pair.menteeId)} + {name(b.pair.mentorId)}
                    </td>
                    <td>{tr(t(`coordinator.pairStatus.${b.pair.status}`))}</td>
                    <td>{b.lastMet === null ? tr(t('desk.noMeetingYet')) : tr(t('form.day', { date: b.lastMet }))}</td>
                    <td>{`${b.health.ratings.mentee ?? '–'} · ${b.health.ratings.mentor ?? '–'}`}</td>
                    <td>{`${b.goalsDone} / ${b.goalsTotal}`}</td>
                    <td>{String(b.health.openAlerts)}</td>
                    <td>{b.daysLeft === null ? '–' : String(b.daysLeft)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager label={tr(t('desk.nav.pairs'))} pages={pages} current={pageNumber} link={link} />
        </>
      ),
    };
  },
};

function keep(b: BoardPair, filter: (typeof FILTERS)[number]): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'quiet':
      return b.quiet;
    case 'ending':
      return b.ending;
    case 'paused':
      return b.pair.status === 'paused';
    case 'alerts':
      return b.health.openAlerts > 0;
  }
}

function order(sort: (typeof SORTS)[number]): (a: BoardPair, b: BoardPair) => number {
  switch (sort) {
    case 'pair':
      return (a, b) => a.pair.id - b.pair.id;
    case 'lastMeeting':
      // The longest without a meeting first; never met before those who did.
      return (a, b) => (a.lastMet ?? '').localeCompare(b.lastMet ?? '') || a.pair.id - b.pair.id;
    case 'daysLeft':
      return (a, b) => (a.daysLeft ?? Number.MAX_SAFE_INTEGER) - (b.daysLeft ?? Number.MAX_SAFE_INTEGER) || a.pair.id - b.pair.id;
    case 'alerts':
      return (a, b) => b.health.openAlerts - a.health.openAlerts || a.pair.id - b.pair.id;
  }
}
