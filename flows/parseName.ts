import { withoutStackedMarks } from '../src/text/oneLine';
import { t } from '../src/text/messages';
import type { Parsed } from './types';

/** Line breaks a keyboard or a paste can bring: a name has none. */
// eslint-disable-next-line no-control-regex -- vertical tab and form feed break lines too
const LINE_BREAK = /[\n\r\u000b\u000c\u0085\u2028\u2029]/u;

/**
 * A first name, already cleaned of control characters: one line with at least one letter. Tabs and
 * runs of spaces become one space and a pile of combining marks is cut to what a script uses, so
 * the name reads as one entry in coordinators' lists; a name on several lines, or of emoji or signs
 * only, is asked for again with the reason.
 */
export function parseName(text: string, maxLength: number): Parsed {
  if (LINE_BREAK.test(text)) return { ok: false, error: t('errors.oneLine') };
  const name = withoutStackedMarks(text.normalize('NFC')).replace(/\s+/gu, ' ').trim();
  if (!/\p{L}/u.test(name)) return { ok: false, error: t('errors.needName') };
  if (name.length > maxLength) return { ok: false, error: t('errors.tooLong', { max: maxLength, count: maxLength }) };
  return { ok: true, answer: name };
}
