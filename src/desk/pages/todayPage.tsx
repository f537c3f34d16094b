import { and, eq, sql } from 'drizzle-orm';
import { mentors, pairs, participants } from '../../../db/schema';
import { alertList } from '../../alerts/alertView';
import { applicationQueue } from '../../people/applicationQueue';
import { mentorBank } from '../../people/listMentors';
import { pairBoard } from '../../pairs/pairBoard';
import { listThreads } from '../../threads/threadCommands';
import { t } from '../../text/messages';
import { personLabel } from '../../text/personText';
import type { DeskPage, DeskView } from '../deskView';
import { BarChart, Lines, Section } from '../deskParts';

/** What needs a human now, then the programme's key figures. */
export const todayPage: DeskPage = {
  path: '/',
  nav: 'today',
  render: (view) => {
    const { c, tr } = view;
    const { programme, now } = c.ctx;
    const alerts = alertList(c.tx, programme);
    const threads = listThreads(c).messages.flatMap((m) => m.lines);
    const queue = applicationQueue(c.tx, programme.id, now);
    const waiting = queue.filter((a) => a.status === 'submitted' || a.status === 'interview').sort((a, b) => b.waitingDays - a.waitingDays);
    const board = pairBoard(c.tx, programme, now);
    const name = (id: number) =>
      tr(personLabel(c.tx.select({ id: participants.id, name: participants.name }).from(participants).where(eq(participants.id, id)).get() ?? { id, name: null }));
    const proposals = c.tx
      .select()
      .from(pairs)
      .where(and(eq(pairs.programmeId, programme.id), eq(pairs.status, 'proposed')))
      .all();
    const bank = mentorBank(c.tx, programme.id);
    const mentorCount =
      c.tx
        .select({ n: sql<number>`count(*)` })
        .from(mentors)
        .get()?.n ?? 0;
    const days = (n: number) => tr(t('desk.days', { count: n }));
    return {
      title: t('desk.nav.today'),
      body: (
        <>
          <Section title={tr(t('desk.today.alerts'))} empty={tr(t('desk.none'))}>
            {alerts ? <Lines lines={alerts.lines.map(tr)} /> : null}
          </Section>
          <Section title={tr(t('desk.today.threads'))} empty={tr(t('desk.none'))}>
            <Lines lines={threads.map(tr)} />
          </Section>
          <Section title={tr(t('desk.today.waiting'))} empty={tr(t('desk.none'))}>
            {waiting.length > 0 ? (
              <ul>
                {waiting.map((a) => (
                  <li>
                    <a href={`/desk/applications/${a.id}`}>{tr(personLabel(a))}</a> – {tr(t(`coordinator.status.${a.status}`))} · {days(a.waitingDays)}
                  </li>
                ))}
              </ul>
            ) : null}
          </Section>
          <Section title={tr(t('desk.today.proposals'))} empty={tr(t('desk.none'))}>
            {proposals.length > 0 ? (
              <ul>
                {proposals.map((p) => (
                  <li>
                    <a href={`/desk/pairs/${p.id}`}>{tr(t('coordinator.action.openPair', { pair: p.id }))}</a>: {name(p.menteeId)} + {name(p.mentorId)} ·{' '}
                    {days(Math.floor((now.getTime() - Date.parse(p.proposedAt)) / 86_400_000))}
                  </li>
                ))}
              </ul>
            ) : null}
          </Section>
          <Section title={tr(t('desk.today.quiet'))} empty={tr(t('desk.none'))}>
            {pairList(
              view,
              board.filter((b) => b.quiet).map((b) => b.pair),
              name,
            )}
          </Section>
          <Section title={tr(t('desk.today.ending'))} empty={tr(t('desk.none'))}>
            {pairList(
              view,
              board.filter((b) => b.ending).map((b) => b.pair),
              name,
            )}
          </Section>
          <section>
            <h2>{tr(t('desk.today.figures'))}</h2>
            <BarChart
              label={tr(t('desk.today.figures'))}
              bars={[
                { label: tr(t('desk.today.waiting')), value: queue.length },
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

function pairList(view: DeskView, shown: { id: number; menteeId: number; mentorId: number }[], name: (id: number) => string) {
  if (shown.length === 0) return null;
  return (
    <ul>
      {shown.map((p) => (
        <li>
          <a href={`/desk/pairs/${p.id}`}>{view.tr(t('coordinator.action.openPair', { pair: p.id }))}</a>: {name(p.menteeId)} + {name(p.mentorId)}
        </li>
      ))}
    </ul>
  );
}
