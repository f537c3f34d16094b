import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { mentors, participants } from '../../db/schema';
import { type CommandContext, type CommandResult, reply } from '../conversation/commandContext';
import { listPage, pageArg, pageLine } from '../conversation/listPage';
import { openStatesSql } from '../pairs/pairs';
import { type Text, t } from '../text/messages';
import { oneLine } from '../text/oneLine';
import { personLabel } from '../text/personText';
import { textAnswer } from './storedAnswers';
import { trainedMentors } from '../gatherings/attendance';
import { button } from '../conversation/actions';
import { assertNever } from '../runtime/errors';
import type { MentorScreening } from './mentorScreening';

export interface BankMentor {
  id: number;
  name: string | null;
  profession: string;
  capacity: number;
  /** Open pairs (proposed, active, paused): each takes a place. */
  load: number;
  screening: MentorScreening;
  /** Capacity 0: on pause, until `pausedUntil` or until they resume. */
  paused: boolean;
  /** The code of the company agreement they registered under, or null. */
  company: string | null;
}

/** The lists `/mentors` can show: new (not approved yet, or asked for a talk), approved, paused, with room. */
export const MENTOR_FILTERS = ['new', 'approved', 'paused', 'room'] as const;
export type MentorFilter = (typeof MENTOR_FILTERS)[number];

/** Whether a mentor of the bank is in the list a filter names. */
export function inFilter(m: BankMentor, filter: MentorFilter): boolean {
  switch (filter) {
    case 'new':
      return m.screening === 'new' || m.screening === 'talk';
    case 'approved':
      return m.screening === 'approved';
    case 'paused':
      return m.paused;
    case 'room':
      return m.screening === 'approved' && m.load < m.capacity;
    default:
      return assertNever(filter, 'mentor filter');
  }
}

/**
 * `/mentors` (`/mentors 2` for the next page, `/mentors new|approved|paused|room [page]` for one
 * list): the mentor bank, those with room first (most room first), each with their profession, how
 * many mentees they have of how many they take, and their screening or pause when not simply
 * approved. A mentor's number opens their profile.
 */
export function listMentors(c: CommandContext, args: string[]): CommandResult {
  const [first, second] = args;
  const filter = MENTOR_FILTERS.find((f) => f === first);
  if (first !== undefined && filter === undefined && pageArg(first) === undefined) return reply(t('mentorCare.filterUnknown'));
  const all = mentorBank(c.tx, c.ctx.programme.id);
  const bank = (filter ? all.filter((m) => inFilter(m, filter)) : all).sort((a, b) => b.capacity - b.load - (a.capacity - a.load) || a.id - b.id);
  if (all.length === 0) return reply(t('coordinator.mentors.empty'));
  if (bank.length === 0) return reply(t('mentorCare.filterEmpty'));
  const shown = listPage(bank, pageArg(filter ? second : first));
  const withRoom = bank.filter((m) => inFilter(m, 'room')).length;
  const trained = trainedMentors(c.tx, c.ctx.programme);
  const companies = new Map(c.ctx.programme.companies.map((co) => [co.code, co.name]));
  const mark = (m: BankMentor, plain: Text) => {
    const company = m.company === null ? undefined : companies.get(m.company);
    const base = company === undefined ? plain : t('mentorCare.lineMarked', { line: plain, mark: company });
    if (m.paused) return t('mentorCare.lineMarked', { line: base, mark: t('mentorCare.pausedShort') });
    return m.screening === 'approved' ? base : t('mentorCare.lineMarked', { line: base, mark: t(`mentorCare.status.${m.screening}`) });
  };
  /** The mentor's line, and the last mentor training they came to. */
  const lines = (m: BankMentor) => {
    const line = mark(m, t('coordinator.mentors.line', { who: personLabel(m), profession: m.profession === '' ? '–' : m.profession, load: m.load, capacity: m.capacity }));
    const day = trained.get(m.id);
    return day === undefined ? [line] : [line, t('gatherings.prepared', { date: day })];
  };
  return {
    messages: [
      {
        lines: [
          t('coordinator.mentors.title', { count: bank.length, room: withRoom }),
          ...shown.items.flatMap(lines),
          ...pageLine(shown, filter ? `/mentors ${filter}` : '/mentors'),
        ],
        // Typing a mentor's number (the one shown, #7) opens their profile.
        choices: shown.items.map((m) => ({ ...button({ name: 'mentorView', mentor: m.id }, t('coordinator.action.view', { who: personLabel(m) })), number: m.id })),
      },
    ],
    notices: [],
  };
}

/** The programme's mentors (not erased), with their load. */
export function mentorBank(tx: Tx, programmeId: string): BankMentor[] {
  return tx
    .select({
      id: participants.id,
      name: participants.name,
      // Only the profession is read from the answers, in SQL, rather than parsing every mentor's answers.
      profession: textAnswer(mentors.answers, 'profession'),
      capacity: mentors.capacity,
      screening: mentors.screening,
      company: mentors.company,
      // Names its own table: drizzle leaves a single table's columns unqualified in a subquery.
      load: sql<number>`(select count(*) from pairs p where p.mentor_id = mentors.participant_id and p.status in (${openStatesSql()}))`,
    })
    .from(mentors)
    .innerJoin(participants, eq(participants.id, mentors.participantId))
    .where(and(eq(participants.programmeId, programmeId), isNull(participants.erasedAt)))
    .orderBy(asc(participants.id))
    .all()
    .map((r) => {
      const { profession } = r;
      return {
        id: r.id,
        name: r.name,
        capacity: r.capacity,
        load: r.load,
        screening: r.screening,
        paused: r.capacity === 0,
        company: r.company,
        profession: typeof profession === 'string' ? oneLine(profession) : '',
      };
    });
}
