import { and, asc, eq, gte } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { alerts, checkins, goalChanges, goals, meetings } from '../../db/schema';
import { alertMessage } from '../alerts/alertView';
import { participant } from '../people/people';
import { localDay } from '../text/calendar';
import { t, type Text } from '../text/messages';
import { personLabel } from '../text/personText';
import type { Pair } from './pairs';

/**
 * What happened in a pair, oldest first: proposed, started, meetings, each member's check-ins
 * (answered or not, never what they answered), alerts (in the alert's own words, as the chat shows
 * them) and changes of the mentee's goals since the proposal.
 */
export function pairTimeline(tx: Tx, pair: Pair, timeZone: string): { day: string; line: Text }[] {
  const day = (iso: string) => localDay(new Date(iso), timeZone);
  const who = (id: number) => personLabel(participant(tx, id) ?? { id, name: null });
  const events: { day: string; line: Text }[] = [{ day: day(pair.proposedAt), line: t('desk.timeline.proposed', { date: day(pair.proposedAt) }) }];
  if (pair.activatedAt) events.push({ day: day(pair.activatedAt), line: t('desk.timeline.active', { date: day(pair.activatedAt) }) });
  for (const m of tx.select({ metOn: meetings.metOn }).from(meetings).where(eq(meetings.pairId, pair.id)).all()) {
    events.push({ day: m.metOn, line: t('desk.timeline.meeting', { date: m.metOn }) });
  }
  const asked = tx
    .select({ participantId: checkins.participantId, round: checkins.round, sentAt: checkins.sentAt, answeredAt: checkins.answeredAt })
    .from(checkins)
    .where(eq(checkins.pairId, pair.id))
    .all();
  for (const c of asked) {
    const date = day(c.answeredAt ?? c.sentAt);
    const key = c.answeredAt ? 'desk.timeline.checkinAnswered' : 'desk.timeline.checkinOpen';
    events.push({ day: date, line: t(key, { date, who: who(c.participantId), round: c.round }) });
  }
  for (const a of tx.select().from(alerts).where(eq(alerts.pairId, pair.id)).all()) {
    const what = alertMessage(tx, a, timeZone).lines[1];
    if (what) events.push({ day: day(a.openedAt), line: t('desk.timeline.alert', { date: day(a.openedAt), what }) });
  }
  const changes = tx
    .select({ change: goalChanges.change, at: goalChanges.at })
    .from(goalChanges)
    .innerJoin(goals, eq(goals.id, goalChanges.goalId))
    .where(and(eq(goals.menteeId, pair.menteeId), gte(goalChanges.at, pair.proposedAt)))
    .orderBy(asc(goalChanges.id))
    .all();
  for (const g of changes) events.push({ day: day(g.at), line: t('desk.timeline.goal', { date: day(g.at), change: t(`desk.goalChange.${g.change}`) }) });
  return events.sort((a, b) => a.day.localeCompare(b.day));
}
