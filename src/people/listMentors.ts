import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { mentors, participants } from '../../db/schema';
import { type CommandContext, type CommandResult, reply } from '../conversation/commandContext';
import { listPage, pageArg, pageLine } from '../conversation/listPage';
import { openStatesSql } from '../pairs/pairs';
import { t } from '../text/messages';
import { oneLine } from '../text/oneLine';
import { personLabel } from '../text/personText';
import { parseAnswers } from './storedAnswers';
import { trainedMentors } from '../gatherings/attendance';

export interface BankMentor {
  id: number;
  name: string | null;
  profession: string;
  capacity: number;
  /** Open pairs (proposed, active, paused): each takes a place. */
  load: number;
}

/**
 * `/mentors` (`/mentors 2` for the next page): the mentor bank, those with room first (most room
 * first), each with their profession, how many mentees they have of how many they take, and the
 * last mentor training they came to.
 */
export function listMentors(c: CommandContext, pageArgument?: string): CommandResult {
  const bank = mentorBank(c.tx, c.ctx.programme.id).sort((a, b) => b.capacity - b.load - (a.capacity - a.load) || a.id - b.id);
  if (bank.length === 0) return reply(t('coordinator.mentors.empty'));
  const shown = listPage(bank, pageArg(pageArgument));
  const withRoom = bank.filter((m) => m.load < m.capacity).length;
  const trained = trainedMentors(c.tx, c.ctx.programme);
  return reply(
    t('coordinator.mentors.title', { count: bank.length, room: withRoom }),
    ...shown.items.flatMap((m) => {
      const line = t('coordinator.mentors.line', { who: personLabel(m), profession: m.profession === '' ? '–' : m.profession, load: m.load, capacity: m.capacity });
      const day = trained.get(m.id);
      return day === undefined ? [line] : [line, t('gatherings.prepared', { date: day })];
    }),
    ...pageLine(shown, '/mentors'),
  );
}

/** The programme's mentors (not erased), with their load. */
export function mentorBank(tx: Tx, programmeId: string): BankMentor[] {
  return tx
    .select({
      id: participants.id,
      name: participants.name,
      answers: mentors.answers,
      capacity: mentors.capacity,
      // Names its own table: drizzle leaves a single table's columns unqualified in a subquery.
      load: sql<number>`(select count(*) from pairs p where p.mentor_id = mentors.participant_id and p.status in (${openStatesSql()}))`,
    })
    .from(mentors)
    .innerJoin(participants, eq(participants.id, mentors.participantId))
    .where(and(eq(participants.programmeId, programmeId), isNull(participants.erasedAt)))
    .orderBy(asc(participants.id))
    .all()
    .map((r) => {
      const profession = parseAnswers(r.answers).profession;
      return { id: r.id, name: r.name, capacity: r.capacity, load: r.load, profession: typeof profession === 'string' ? oneLine(profession) : '' };
    });
}
