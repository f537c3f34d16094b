import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client';
import { gatheringInvites, gatherings } from '../../db/schema';
import { parseJson } from '../runtime/parseJson';
import type { Programme } from '../settings/programme';
import { localDay } from '../text/calendar';
import { t, type Text } from '../text/messages';
import { oneLine } from '../text/oneLine';

export type Gathering = typeof gatherings.$inferSelect;
export type GatheringKind = Gathering['kind'];
export type Invite = typeof gatheringInvites.$inferSelect;
/** What a person answers to an invitation. `waiting` is not an answer: it is a yes to a full gathering. */
export type Rsvp = 'yes' | 'no' | 'maybe';

export const GATHERING_KINDS: readonly GatheringKind[] = ['network', 'training', 'startup', 'closing', 'other'];

/** The programme's gathering with this id, or undefined. */
export function gatheringById(tx: Tx, programmeId: string, id: number): Gathering | undefined {
  return tx
    .select()
    .from(gatherings)
    .where(and(eq(gatherings.id, id), eq(gatherings.programmeId, programmeId)))
    .get();
}

export function inviteOf(tx: Tx, gatheringId: number, participantId: number): Invite | undefined {
  return tx
    .select()
    .from(gatheringInvites)
    .where(and(eq(gatheringInvites.gatheringId, gatheringId), eq(gatheringInvites.participantId, participantId)))
    .get();
}

export function invitesOf(tx: Tx, gatheringId: number): Invite[] {
  return tx.select().from(gatheringInvites).where(eq(gatheringInvites.gatheringId, gatheringId)).orderBy(asc(gatheringInvites.id)).all();
}

/** How many answered what, and how many came. */
export function countsOf(tx: Tx, gatheringId: number) {
  const row = tx
    .select({
      invited: sql<number>`count(${gatheringInvites.invitedAt})`,
      yes: sql<number>`coalesce(sum(${gatheringInvites.answer} = 'yes'), 0)`,
      no: sql<number>`coalesce(sum(${gatheringInvites.answer} = 'no'), 0)`,
      maybe: sql<number>`coalesce(sum(${gatheringInvites.answer} = 'maybe'), 0)`,
      waiting: sql<number>`coalesce(sum(${gatheringInvites.answer} = 'waiting'), 0)`,
      came: sql<number>`count(${gatheringInvites.cameAt})`,
    })
    .from(gatheringInvites)
    .where(eq(gatheringInvites.gatheringId, gatheringId))
    .get();
  return row ?? { invited: 0, yes: 0, no: 0, maybe: 0, waiting: 0, came: 0 };
}

const texts = z.record(z.string(), z.string());

/**
 * A per-language text of the gathering (title, description) in `language`; a language without its
 * own falls back to the programme's default language, then to the first one given. One line: it is
 * the coordinators' words inside Kompis's lines.
 */
export function textIn(stored: string, language: string, programme: Programme): string {
  const all = parseJson(stored, texts) ?? {};
  const text = all[language] ?? all[programme.defaultLanguage] ?? Object.values(all)[0] ?? '';
  return oneLine(text);
}

/** "HH:MM" at `moment` in `timeZone`. */
export function localTime(moment: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(moment);
}

/** The lines that say when and where, in the programme's time zone. */
export function whenAndWhere(g: Gathering, programme: Programme): Text[] {
  const tz = programme.timezone;
  const start = new Date(g.startsAt);
  return [
    t('gatherings.when', { date: localDay(start, tz), from: localTime(start, tz), to: localTime(new Date(g.endsAt), tz) }),
    t('gatherings.place', { place: oneLine(g.place) }),
  ];
}

/** Whether the gathering is still to come (or going on): it can be answered, changed and reminded of. */
export function isAhead(g: Gathering, now: Date): boolean {
  return g.status === 'planned' && g.endsAt > now.toISOString();
}

/** A person's answers and attendance go with them: `/delete` and the retention purge call this. */
export function eraseGatheringsOf(tx: Tx, participantId: number): void {
  tx.delete(gatheringInvites).where(eq(gatheringInvites.participantId, participantId)).run();
  tx.update(gatherings).set({ createdBy: null }).where(eq(gatherings.createdBy, participantId)).run();
}
