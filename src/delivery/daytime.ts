import { addDays, atLocalHour, localDay, localHour } from '../text/calendar';
import type { Programme } from '../settings/programme';

/** The last hour (exclusive) in which Kompis writes to people first, unless the send hour is later. */
export const QUIET_FROM_HOUR = 21;

/** Whether Kompis may write to people first at `now`: from the programme's send hour until 21:00 in its time zone. */
export function inDaytime(now: Date, programme: Pick<Programme, 'timezone' | 'cadences'>): boolean {
  const hour = localHour(now, programme.timezone);
  const sendHour = programme.cadences.sendHour;
  return !(hour < sendHour || (hour >= QUIET_FROM_HOUR && sendHour < QUIET_FROM_HOUR));
}

/** `now` in the day; else the next send hour (today's before it, tomorrow's after the evening's quiet hour). */
export function nextDaytime(now: Date, programme: Pick<Programme, 'timezone' | 'cadences'>): Date {
  if (inDaytime(now, programme)) return now;
  const { timezone, cadences } = programme;
  const today = localDay(now, timezone);
  const day = localHour(now, timezone) < cadences.sendHour ? today : addDays(today, 1);
  return atLocalHour(day, cadences.sendHour, timezone);
}
