import type { Document } from '../text/messages';
import type { Programme } from '../settings/programme';
import { type Gathering, textIn } from './gatherings';

/**
 * The gathering as a calendar file (iCalendar, RFC 5545) in `language`: one event with UTC times, so
 * every calendar shows it at the right hour in the programme's time zone and in the reader's own.
 * The sequence number follows the gathering's changes, so a calendar replaces the event it has.
 */
export function icsFile(g: Gathering, programme: Programme, language: string, now: Date): Document {
  const description = textIn(g.description, language, programme);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kompis//Gatherings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:gathering-${g.id}@${programme.id}.kompis`,
    `DTSTAMP:${utc(now.toISOString())}`,
    `DTSTART:${utc(g.startsAt)}`,
    `DTEND:${utc(g.endsAt)}`,
    `SEQUENCE:${g.version - 1}`,
    `STATUS:${g.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${escape(textIn(g.title, language, programme))}`,
    `LOCATION:${escape(g.place)}`,
    ...(description === '' ? [] : [`DESCRIPTION:${escape(description)}`]),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return { filename: `gathering-${g.id}.ics`, mimeType: 'text/calendar', content: `${lines.map(fold).join('\r\n')}\r\n` };
}

/** `2026-11-20T17:00:00.000Z` → `20261120T170000Z`. */
function utc(iso: string): string {
  return `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** A TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545, 3.3.11). */
function escape(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Lines longer than 75 octets folded (RFC 5545, 3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
