import { and, eq, inArray } from 'drizzle-orm';
import { pairs } from '../../../db/schema';
import { mentorBank } from '../../people/listMentors';
import { namesOf } from '../../people/people';
import { OPEN_PAIR_STATES } from '../../pairs/pairs';
import { t } from '../../text/messages';
import { personLabel } from '../../text/personText';
import { ActionForm, BarChart, Section } from '../deskParts';
import type { DeskPage } from '../deskView';

/**
 * The mentor bank as `/mentors` lists it (those with room first), each with where their screening
 * stands and their open pairs; first the mentors waiting for a decision, with the chat's approve,
 * talk and decline; last the mentors and pairs per company where the programme has company agreements.
 */
export const mentorsPage: DeskPage = {
  path: '/mentors',
  nav: 'mentors',
  render: ({ c, tr, num, csrf }) => {
    const bank = mentorBank(c.tx, c.ctx.programme.id).sort((a, b) => b.capacity - b.load - (a.capacity - a.load) || a.id - b.id);
    const open = c.tx
      .select({ id: pairs.id, menteeId: pairs.menteeId, mentorId: pairs.mentorId, status: pairs.status })
      .from(pairs)
      .where(and(eq(pairs.programmeId, c.ctx.programme.id), inArray(pairs.status, [...OPEN_PAIR_STATES])))
      .all();
    // Each mentor's open pairs, and the mentees' names, gathered once for the whole bank.
    const byMentor = new Map<number, typeof open>();
    for (const p of open) byMentor.set(p.mentorId, [...(byMentor.get(p.mentorId) ?? []), p]);
    const mentees = (mentorId: number) => byMentor.get(mentorId) ?? [];
    const names = namesOf(
      c.tx,
      open.map((p) => p.menteeId),
    );
    const withRoom = bank.filter((m) => m.load < m.capacity).length;
    const deciding = bank.filter((m) => m.screening === 'new' || m.screening === 'talk');
    const { companies } = c.ctx.programme;
    const companyOf = (code: string | null) => companies.find((co) => co.code.toUpperCase() === (code ?? '').toUpperCase());
    const status = (m: (typeof bank)[number]) => tr(t(`mentorCare.status.${m.screening}`));
    return {
      title: t('desk.nav.mentors'),
      body:
        bank.length === 0 ? (
          <p class="empty">{tr(t('coordinator.mentors.empty'))}</p>
        ) : (
          <>
            <Section title={`${tr(t('desk.mentors.deciding'))} (${deciding.length})`} empty={tr(t('desk.none'))}>
              {deciding.length > 0 ? (
                <ul class="mentors">
                  {deciding.map((m) => (
                    <li>
                      {tr(t('mentorCare.title', { who: personLabel(m), status: t(`mentorCare.status.${m.screening}`) }))}
                      <div class="actions">
                        {(['approve', 'talk', 'decline'] as const).map((decision) => (
                          <ActionForm action={`/desk/mentors/${m.id}/${decision}`} csrf={csrf} label={tr(t(`mentorCare.action.${decision}`))} />
                        ))}
                      </div>
                    </li>
                  ))}
                </ul>
              ) : null}
            </Section>
            <p>{tr(t('coordinator.mentors.title', { count: bank.length, room: withRoom }))}</p>
            <ul class="mentors">
              {bank.map((m) => (
                <li>
                  {tr(t('coordinator.mentors.line', { who: personLabel(m), profession: m.profession === '' ? '–' : m.profession, load: m.load, capacity: m.capacity }))} –{' '}
                  {status(m)}
                  {companyOf(m.company) ? ` – ${tr(t('mentorCare.company', { company: companyOf(m.company)?.name ?? '' }))}` : null}
                  {mentees(m.id).length > 0 ? (
                    <ul>
                      {mentees(m.id).map((p) => (
                        <li>
                          <a href={`/desk/pairs/${p.id}`}>{tr(t('coordinator.action.openPair', { pair: p.id }))}</a>:{' '}
                          {tr(personLabel(names.get(p.menteeId) ?? { id: p.menteeId, name: null }))} – {tr(t(`coordinator.pairStatus.${p.status}`))}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
            {companies.length > 0 ? (
              <section>
                <h2>{tr(t('report.section.companies'))}</h2>
                <BarChart
                  num={num}
                  label={tr(t('report.section.companies'))}
                  bars={companies.flatMap((co) => {
                    const theirs = bank.filter((m) => companyOf(m.company) === co);
                    const pairsOfThem = open.filter((p) => theirs.some((m) => m.id === p.mentorId)).length;
                    return [
                      { label: tr(t('report.item.companyMentors', { company: co.name })), value: theirs.length },
                      { label: tr(t('report.item.companyPairs', { company: co.name })), value: pairsOfThem },
                    ];
                  })}
                />
              </section>
            ) : null}
          </>
        ),
    };
  },
};
