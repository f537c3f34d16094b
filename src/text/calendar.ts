/**
 * Days and hours in the programme's time zone. A day is a `YYYY-MM-DD` string: what people mean by
 * "today" and "the 2nd", whatever the UTC offset is.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** One formatter per time zone: making one costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(now: Date, timeZone: string): Record<string, number> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const formatted = formatter.formatToParts(now);
  return Object.fromEntries(formatted.filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]));
}

/** Today's zones change their offset on a quarter hour of UTC, so a quarter hour is mostly one day. */
const QUARTER_HOUR_MS = 15 * 60 * 1000;
/** The day of each quarter hour worked out, per zone: the daily jobs ask for many stored moments' days. */
const days = new Map<string, string>();
const MAX_DAYS = 100_000;

/** A real day written YYYY-MM-DD (not 2026-02-30). */
export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value);
}

/** The day it is at `now` in `timeZone`. */
export function localDay(now: Date, timeZone: string): string {
  const quarter = Math.floor(now.getTime() / QUARTER_HOUR_MS);
  const key = `${timeZone} ${quarter}`;
  const known = days.get(key);
  if (known !== undefined) return known;
  const day = dayIn(new Date(quarter * QUARTER_HOUR_MS), timeZone);
  // A quarter hour in which the day changes (a zone that once changed its clock at 00:01) is not kept.
  if (day !== dayIn(new Date((quarter + 1) * QUARTER_HOUR_MS - 1), timeZone)) return dayIn(now, timeZone);
  if (days.size >= MAX_DAYS) days.clear();
  days.set(key, day);
  return day;
}

function dayIn(moment: Date, timeZone: string): string {
  const p = parts(moment, timeZone);
  return dayOf(Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1));
}

/** The hour (0–23) it is at `now` in `timeZone`. */
export function localHour(now: Date, timeZone: string): number {
  return parts(now, timeZone).hour ?? 0;
}

/** The moment `day` reaches `hour` o'clock in `timeZone`. */
export function atLocalHour(day: string, hour: number, timeZone: string): Date {
  const wanted = Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  // The zone's offset at a moment near the wanted one, applied twice to settle across a DST change.
  let guess = wanted;
  for (let i = 0; i < 2; i++) guess = wanted - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

function offsetMs(at: Date, timeZone: string): number {
  const p = parts(at, timeZone);
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

export function addDays(day: string, days: number): string {
  return dayOf(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}

/** The same day of the month `months` later; the 31st becomes the last day of a shorter month. */
export function addMonths(day: string, months: number): string {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return dayOf(Date.UTC(y, m - 1 + months, Math.min(d, last)));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
