import { namedRounds } from '../../../flows/applicationRounds';
import { applicationQueue, type QueuedApplication } from '../../people/applicationQueue';
import { t } from '../../text/messages';
import { personLabel } from '../../text/personText';
import { LANGUAGES } from '../../text/languages';
import { Pager } from '../deskParts';
import type { DeskPage } from '../deskView';

/** Rows on one page of the table. */
const PAGE_SIZE = 50;

const STATUSES = ['submitted', 'interview', 'waitlisted', 'accepted'] as const;
const FLAGS = ['rightToWork', 'region', 'languageLevel', 'degree', 'age', 'gender', 'commitment'] as const;

/** The applications that wait for a coordinator, with filters and a search by name or number. */
export const applicationsPage: DeskPage = {
  path: '/applications',
  nav: 'applications',
  render: ({ c, tr, query }) => {
    const all = applicationQueue(c.tx, c.ctx.programme.id, c.ctx.now);
    const chosen = {
      status: query('status') ?? '',
      flag: query('flag') ?? '',
      language: query('language') ?? '',
      city: query('city') ?? '',
      days: query('days') ?? '',
      q: (query('q') ?? '').trim(),
      round: query('round') ?? '',
    };
    const rounds = namedRounds(c.ctx.programme.rounds).map((r) => r.id);
    const matching = all.filter((a) => matches(a, chosen));
    const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
    const pageNumber = Math.min(pages, Math.max(1, Number.parseInt(query('page') ?? '1', 10) || 1));
    const shown = matching.slice((pageNumber - 1) * PAGE_SIZE, pageNumber * PAGE_SIZE);
    const link = (n: number) => `/desk/applications?${new URLSearchParams({ ...chosen, page: String(n) }).toString()}`;
    const cities = [...new Set(all.map((a) => a.city).filter((city) => city !== ''))].sort();
    const languages = [...new Set(all.map((a) => a.language ?? ''))].filter((l) => l !== '').sort();
    const option = (value: string, label: string, current: string) => (
      <option value={value} selected={value === current}>
        {label}
      </option>
    );
    return {
      title: t('desk.nav.applications'),
      body: (
        <>
          <form method="get" action="/desk/applications" class="filters" role="search">
            <label>
              {tr(t('desk.filter.search'))}
              <input type="search" name="q" value={chosen.q} />
            </label>
            <label>
              {tr(t('desk.filter.status'))}
              <select name="status">
                {option('', tr(t('desk.filter.all')), chosen.status)}
                {STATUSES.map((s) => option(s, tr(t(`coordinator.status.${s}`)), chosen.status))}
              </select>
            </label>
            <label>
              {tr(t('desk.filter.flag'))}
              <select name="flag">
                {option('', tr(t('desk.filter.all')), chosen.flag)}
                {option('none', tr(t('coordinator.noFlags')), chosen.flag)}
                {FLAGS.map((f) => option(f, tr(t(`coordinator.flag.${f}`)), chosen.flag))}
              </select>
            </label>
            <label>
              {tr(t('desk.filter.language'))}
              <select name="language">
                {option('', tr(t('desk.filter.all')), chosen.language)}
                {languages.map((l) => option(l, (LANGUAGES as Record<string, { name: string } | undefined>)[l]?.name ?? l, chosen.language))}
              </select>
            </label>
            <label>
              {tr(t('desk.filter.city'))}
              <select name="city">
                {option('', tr(t('desk.filter.all')), chosen.city)}
                {cities.map((city) => option(city, city, chosen.city))}
              </select>
            </label>
            {rounds.length > 0 ? (
              <label>
                {tr(t('desk.filter.round'))}
                <select name="round">
                  {option('', tr(t('desk.filter.all')), chosen.round)}
                  {rounds.map((r) => option(r, r, chosen.round))}
                </select>
              </label>
            ) : null}
            <label>
              {tr(t('desk.filter.days'))}
              <input type="number" name="days" min="0" inputmode="numeric" value={chosen.days} />
            </label>
            <button type="submit">{tr(t('desk.filter.show'))}</button>
          </form>
          <p role="status">{tr(t('desk.filter.count', { number: matching.length }))}</p>
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{tr(t('desk.col.person'))}</th>
                  <th scope="col">{tr(t('desk.filter.status'))}</th>
                  <th scope="col">{tr(t('desk.filter.flag'))}</th>
                  <th scope="col">{tr(t('desk.filter.language'))}</th>
                  <th scope="col">{tr(t('desk.filter.city'))}</th>
                  <th scope="col">{tr(t('desk.filter.days'))}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((a) => (
                  <tr>
                    <td>
                      <a href={`/desk/applications/${a.id}`}>{tr(personLabel(a))}</a>
                    </td>
                    <td>{tr(t(a.status === 'accepted' ? 'coordinator.queue.needsMentor' : `coordinator.status.${a.status}`))}</td>
                    <td>{a.flags.map((f) => tr(t(`coordinator.flag.${f}`))).join(', ')}</td>
                    <td>{a.language ?? ''}</td>
                    <td>{a.city}</td>
                    <td>{String(a.waitingDays)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager label={tr(t('desk.nav.applications'))} pages={pages} current={pageNumber} link={link} />
        </>
      ),
    };
  },
};

function matches(a: QueuedApplication, f: { status: string; flag: string; language: string; city: string; days: string; q: string; round: string }): boolean {
  if (f.status !== '' && a.status !== f.status) return false;
  if (f.round !== '' && a.round !== f.round) return false;
  if (f.flag === 'none' ? a.flags.length > 0 : f.flag !== '' && !a.flags.includes(f.flag)) return false;
  if (f.language !== '' && a.language !== f.language) return false;
  if (f.city !== '' && a.city !== f.city) return false;
  const days = Number(f.days);
  if (f.days !== '' && Number.isFinite(days) && a.waitingDays < days) return false;
  if (f.q === '') return true;
  const number = /^#?(\d+)$/.exec(f.q)?.[1];
  if (number !== undefined) return a.id === Number(number);
  return (a.name ?? '').toLocaleLowerCase().includes(f.q.toLocaleLowerCase());
}
