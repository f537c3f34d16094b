import { and, eq, inArray } from 'drizzle-orm';
import { pairs } from '../../../db/schema';
import { mentorBank } from '../../people/listMentors';
import { namesOf } from '../../people/people';
import { OPEN_PAIR_STATES } from '../../pairs/pairs';
import { t } from '../../text/messages';
import { personLabel } from '../../text/personText';
import type { DeskPage } from '../deskView';

/** The mentor bank as `/mentors` lists it (those with room first), each with their open pairs. */
export const mentorsPage: DeskPage = {
  path: '/mentors',
  nav: 'mentors',
  render: ({ c, tr }) => {
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
    return {
      title: t('desk.nav.mentors'),
      body:
        bank.length === 0 ? (
          <p class="empty">{tr(t('coordinator.mentors.empty'))}</p>
        ) : (
          <>
            <p>{tr(t('coordinator.mentors.title', { count: bank.length, room: withRoom }))}</p>
            <ul class="mentors">
              {bank.map((m) => (
                <li>
                  {tr(t('coordinator.mentors.line', { who: personLabel(m), profession: m.profession === '' ? '–' : m.profession, load: m.load, capacity: m.capacity }))}
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
          </>
        ),
    };
  },
};
