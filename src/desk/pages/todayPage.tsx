import { and, eq, sql } from 'drizzle-orm';
import { mentors, pairs } from '../../../db/schema';
import { alertList } from '../../alerts/alertView';
import { queueSummary } from '../../people/applicationQueue';
import { mentorBank } from '../../people/listMentors';
import { namesOf } from '../../people/people';
import { pairBoard } from '../../pairs/pairBoard';
import { listThreads } from '../../threads/threadCommands';
import { t, type Text } from '../../text/messages';
import { personLabel } from '../../text/personText';
import type { DeskPage, DeskView } from '../deskView';
import { BarChart, Lines, Section } from '../deskParts';

/** Each list on Today shows this many, the most urgent first; its page shows them all. */
const SHOWN = 10;

/** What needs a human now, then the programme's key figures. */
export const todayPage: DeskPage = {
  path: '/',
  nav: 'today',
  render: (view) => {
    const { c, tr } = view;
    const { programme, now } = c.ctx;
    // The chat's own lines, without the chat's "write /alerts 2 for the next page".
    const chatOnly = (line: Text) => line.key !== 'lists.page' && line.key !== 'lists.lastPage';
    const alertMessage = alertList(c.tx, programme);
    const alerts = alertMessage?.lines.filter(chatOnly) ?? [];
    // Each alert's own place on the alerts page, as the chat's buttons open each one.
    const alertLinks = (alertMessage?.choices ?? []).flatMap((choice) => (choice.number === undefined ? [] : [{ id: choice.number, label: choice.label }]));
    const threadMessages = listThreads(c).messages;
    const threads = threadMessages.flatMap((m) => m.lines.filter(chatOnly));
    const threadLinks = threadMessages.flatMap((m) => m.choices ?? []).flatMap((choice) => (choice.number === undefined ? [] : [{ id: choice.number, label: choice.label }]));
    const queue = queueSummary(c.tx, programme.id, now, SHOWN);
    const board = pairBoard(c.tx, programme, now);
    const proposals = c.tx
      .select()
      .from(pairs)
      .where(and(eq(pairs.programmeId, programme.id), eq(pairs.status, 'proposed')))
      .orderBy(pairs.proposedAt)
      .all();
    const bank = mentorBank(c.tx, programme.id);
    const mentorCount =
      c.tx
        .select({ n: sql<number>`count(*)` })
        .from(mentors)
        .get()?.n ?? 0;
    const days = (n: number) => tr(t('desk.days', { count: n }));
    const quiet = board.filter((b) => b.quiet).map((b) => b.pair);
    const ending = board.filter((b) => b.ending).map((b) => b.pair);
    // The names of the people in the pairs shown, read in one query.
    const shownPairs = [proposals, quiet, ending].flatMap((list) => list.slice(0, SHOWN));
    const names = namesOf(
      c.tx,
      shownPairs.flatMap((p) => [p.menteeId, p.mentorId]),
    );
    const name = (id: number) => tr(personLabel(names.get(id) ?? { id, name: null }));
    const heading = (key: string, count: number) => `${tr(t(key))} (${view.num(count)})`;
    return {
      title: t('desk.nav.today'),
      body: (
        <>
          <Section title={tr(t('desk.today.alerts'))} empty={tr(t('desk.none'))}>
            {alerts.length > 0 ? (
              <>
                <Lines lines={alerts.map(tr)} />
                <Links items={alertLinks.map((a) => ({ href: `/desk/alerts#alert-${a.id}`, label: tr(a.label) }))} all={tr(t('desk.nav.alerts'))} />
              </>
            ) : null}
          </Section>
          <Section title={tr(t('desk.today.threads'))} empty={tr(t('desk.none'))}>
            {threads.length > 0 ? (
              <>
                <Lines lines={threads.map(tr)} />
                <Links items={threadLinks.map((th) => ({ href: `/desk/alerts#thread-${th.id}`, label: tr(th.label) }))} all={tr(t('desk.nav.alerts'))} />
              </>
            ) : null}
          </Section>
          <Section title={heading('desk.today.waiting', queue.deciding)} empty={tr(t('desk.none'))}>
            {queue.longest.length > 0 ? (
              <ul>
                {queue.longest.map((a) => (
                  <li>
                    <a href={`/desk/applications/${a.id}`}>{tr(personLabel(a))}</a> – {tr(t(`coordinator.status.${a.status}`))} · {days(a.waitingDays)}
                  </li>
                ))}
              </ul>
            ) : null}
            {queue.deciding > SHOWN ? <a href="/desk/applications">{tr(t('desk.nav.applications'))} →</a> : null}
          </Section>
          <Section title={heading('desk.today.proposals', proposals.length)} empty={tr(t('desk.none'))}>
            {proposals.length > 0 ? (
              <ul>
                {proposals.slice(0, SHOWN).map((p) => (
                  <li>
                    <a href={`/desk/pairs/${p.id}`}>{tr(t('coordinator.action.openPair', { pair: p.id }))}</a>: {name(p.menteeId)} + {name(p.mentorId)} ·{' '}
                    {days(Math.floor((now.getTime() - Date.parse(p.proposedAt)) / 86_400_000))}
                  </li>
                ))}
              </ul>
            ) : null}
          </Section>
          <Section title={heading('desk.today.quiet', quiet.length)} empty={tr(t('desk.none'))}>
            {pairList(view, quiet, name, '/desk/pairs?show=quiet&sort=lastMeeting')}
          </Section>
          <Section title={heading('desk.today.ending', ending.length)} empty={tr(t('desk.none'))}>
            {pairList(view, ending, name, '/desk/pairs?show=ending&sort=daysLeft')}
          </Section>
          <section>
            <h2>{tr(t('desk.today.figures'))}</h2>
            <BarChart
              num={view.num}
              label={tr(t('desk.today.figures'))}
              bars={[
                // The same count as the section above; those accepted or waitlisted wait for a mentor, not a decision.
                { label: tr(t('desk.today.waiting')), value: queue.deciding },
                { label: tr(t('desk.figure.needMentor')), value: queue.needMentor },
                { label: tr(t('desk.figure.active')), value: board.filter((b) => b.pair.status === 'active').length },
                { label: tr(t('desk.figure.paused')), value: board.filter((b) => b.pair.status === 'paused').length },
                { label: tr(t('desk.figure.mentors')), value: mentorCount },
                { label: tr(t('desk.figure.room')), value: bank.filter((m) => m.load < m.capacity).length },
              ]}
            />
          </section>
        </>
      ),
    };
  },
};

/** Links to each alert or conversation on the alerts page, then to the page itself. */
function Links(props: { items: { href: string; label: string }[]; all: string }) {
  return (
    <p class="links">
      {props.items.map((item) => (
        <>
          <a href={item.href}>{item.label}</a>{' '}
        </>
      ))}
      <a href="/desk/alerts">{props.all} →</a>
    </p>
  );
}

function pairList(view: DeskView, pairs: { id: number; menteeId: number; mentorId: number }[], name: (id: number) => string, all: string) {
  if (pairs.length === 0) return null;
  return (
    <>
      <ul>
        {pairs.slice(0, SHOWN).map((p) => (
          <li>
            <a href={`/desk/pairs/${p.id}`}>{view.tr(t('coordinator.action.openPair', { pair: p.id }))}</a>: {name(p.menteeId)} + {name(p.mentorId)}
          </li>
        ))}
      </ul>
      {pairs.length > SHOWN ? <a href={all}>{view.tr(t('desk.nav.pairs'))} →</a> : null}
    </>
  );
}
