import type { Reply, Text } from '../src/text/messages';
import { t } from '../src/text/messages';
import { parseName } from './parseName';
import type { Input, Option, Parsed } from './types';

/**
 * Bidirectional marks and other invisible controls a phone keyboard may add around words. Not the
 * zero-width (non-)joiner, which Persian and Dari spelling needs.
 */
const INVISIBLE = /[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Arabic-Indic (٠–٩) and Extended Arabic-Indic (۰–۹) digits, as Dari and Urdu write them. */
const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;

/** The text a person typed, without control characters and invisible marks, trimmed; their words as they wrote them. */
export function cleanText(text: string): string {
  return text.replace(CONTROL, '').replace(INVISIBLE, '').trim();
}

/** Eastern digits read as 0–9, so "٣" chooses option 3 and "۳۰" is thirty; for matching, never for keeping. */
export function asciiDigits(text: string): string {
  return text.replace(EASTERN_DIGITS, (d) => String((d.codePointAt(0) ?? 0) % 16));
}

/** Lowercase, without accents or punctuation, for matching typed words against option labels. */
export function normalise(text: string): string {
  return asciiDigits(cleanText(text))
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Reads a reply as the answer to `input`. Accepts a pressed button, the number of an option, or the
 * words of an option in the person's language. Never throws; a reply that does not fit gets a
 * specific error to show before the question again. `labels`: the options' labels as `normalise`
 * reads them in this language, worked out before (a flow's plan keeps them).
 */
export function parseAnswer(input: Input, content: Reply, translate: (text: Text) => string, labels?: string[]): Parsed {
  if (content.kind === 'choice') return parseButton(input, content.value);
  const text = cleanText(content.text);
  if (input.kind === 'none') return { ok: true, answer: '' };
  if (text === '') return { ok: false, error: t('errors.empty') };
  switch (input.kind) {
    case 'choice': {
      const found = readOptions({ options: input.options, typed: text, translate, loose: true, labels });
      if (found.length > 1) return { ok: false, error: t('errors.ambiguous') };
      return found[0] ? { ok: true, answer: found[0].value } : { ok: false, error: t('errors.pickOption') };
    }
    case 'multi':
      return parseMulti(input.options, text, translate, labels);
    case 'text':
      if (input.name) return parseName(text, input.maxLength);
      if (text.length > input.maxLength) {
        return { ok: false, error: t('errors.tooLong', { max: input.maxLength, count: input.maxLength }) };
      }
      if (!/[\p{L}\p{N}]/u.test(text)) return { ok: false, error: t('errors.needWords') };
      return { ok: true, answer: text };
    case 'number': {
      const digits = asciiDigits(text);
      const n = /^\d{1,6}$/.test(digits) ? Number(digits) : Number.NaN;
      if (Number.isNaN(n)) return { ok: false, error: t('errors.needNumber') };
      if (n < input.min || n > input.max) {
        return { ok: false, error: t('errors.numberRange', { min: input.min, max: input.max }) };
      }
      return { ok: true, answer: n };
    }
    case 'date':
      return parseDay(asciiDigits(text), input.min, input.max);
  }
}

/**
 * A day as people write it: day and month (17.11, 17/11, 17-11), with a year or not (the latest such
 * day not after `max`), or 2026-11-17.
 */
function parseDay(text: string, min: string, max: string): Parsed {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dm = /^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?\.?$/.exec(text);
  const maxYear = Number(max.slice(0, 4));
  let day: string | undefined;
  if (iso) day = validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  else if (dm) {
    const [d, m, y] = [Number(dm[1]), Number(dm[2]), dm[3]];
    if (y !== undefined) day = validDay(y.length === 2 ? 2000 + Number(y) : Number(y), m, d);
    else {
      day = validDay(maxYear, m, d);
      if (day !== undefined && day > max) day = validDay(maxYear - 1, m, d);
    }
  }
  if (day === undefined) return { ok: false, error: t('errors.needDate') };
  if (day < min || day > max) return { ok: false, error: t('errors.dateRange', { min, max }) };
  return { ok: true, answer: day };
}

function validDay(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** The value of the Continue button under an information step. */
export const CONTINUE = 'continue';

function parseButton(input: Input, value: string): Parsed {
  if (input.kind === 'none' && value === CONTINUE) return { ok: true, answer: '' };
  if ((input.kind === 'choice' || input.kind === 'multi') && input.options.some((o) => o.value === value)) {
    return { ok: true, answer: input.kind === 'multi' ? [value] : value };
  }
  return { ok: false, error: t('errors.oldButton') };
}

/**
 * Finds the option a typed reply means, when exactly one fits; see `matchOptions`.
 */
export function matchOption(options: Option[], typed: string, translate: (text: Text) => string): Option | undefined {
  const found = matchOptions(options, typed, translate);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The options a typed reply may mean, from the surest reading to the loosest; the first reading that
 * finds any decides. One option is an answer; several are a reply that is really ambiguous; none is
 * no answer. The readings: its number in the list (on a scale, options valued 0–10, a number means
 * the value itself: "10" is 10, not the tenth option); its label or value; one of the language's
 * usual words for yes or no (`answers.yesWords`, `answers.noWords`), for an option that means yes or
 * no; the start of a label; words a label contains; a label with one letter wrong (for 5 letters or
 * more). Case and accents never matter.
 */
export function matchOptions(options: Option[], typed: string, translate: (text: Text) => string): Option[] {
  return readOptions({ options, typed, translate, loose: true });
}

/**
 * The option a typed reply means among buttons that act at once (a proposal's yes and no, a
 * coordinator's list), where a loose reading could do something nobody asked for: only its number,
 * its label or value, or the language's usual word for yes or no. Undefined unless exactly one fits.
 */
export function matchActionStrictly(options: Option[], typed: string, translate: (text: Text) => string): Option | undefined {
  const found = readOptions({ options, typed, translate, loose: false });
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The options whose label begins with the one word typed ("nudge" for "Nudge the pair"), three
 * letters or more, case and accents aside. For buttons that act at once, where the caller decides
 * whether such a word is enough; see `matchActionStrictly` for what always is.
 */
export function optionsByFirstWord(options: Option[], typed: string, translate: (text: Text) => string): Option[] {
  const text = normalise(typed);
  if (text.length < 3 || text.includes(' ')) return [];
  return options.filter((option) => normalise(translate(option.label)).split(' ')[0] === text);
}

function readOptions(read: { options: Option[]; typed: string; translate: (text: Text) => string; loose: boolean; labels?: string[] }): Option[] {
  const { options, translate, labels } = read;
  const text = normalise(read.typed);
  if (text === '') return [];
  if (/^\d+$/.test(text)) {
    const option = isScale(options) ? options.find((o) => o.value === text) : options[Number(text) - 1];
    return option ? [option] : [];
  }
  const labelled = options.map((option, i) => ({ option, label: labels?.[i] ?? normalise(translate(option.label)) }));
  const strict: ((o: { option: Option; label: string }) => boolean)[] = [
    (o) => o.label === text || normalise(o.option.value) === text,
    (o) => meaningOf(o.option) !== undefined && meaningOf(o.option) === yesOrNo(text, translate),
  ];
  const loose: ((o: { option: Option; label: string }) => boolean)[] = [
    (o) => text.length >= 2 && o.label.startsWith(`${text} `),
    (o) => text.length >= 2 && o.label.startsWith(text),
    (o) => text.length >= 3 && ` ${o.label} `.includes(` ${text} `),
    (o) => text.length >= 5 && (editDistance(o.label, text) <= 1 || o.label.split(' ').some((w) => w.length >= 5 && editDistance(w, text) <= 1)),
  ];
  for (const reading of read.loose ? [...strict, ...loose] : strict) {
    const found = labelled.filter(reading).map((o) => o.option);
    if (found.length > 0) return found;
  }
  return [];
}

/** Whether an option answers yes or no: said with `means`, or an option valued `yes` or `no`. */
function meaningOf(option: Option): 'yes' | 'no' | undefined {
  return option.means ?? (option.value === 'yes' || option.value === 'no' ? option.value : undefined);
}

/** Yes or no, when the typed text is one of the language's usual words for it ("yeah", "nei takk"). */
function yesOrNo(text: string, translate: (text: Text) => string): 'yes' | 'no' | undefined {
  const words = (key: string) => translate(t(key)).split('|').map(normalise);
  if (words('answers.yesWords').includes(text)) return 'yes';
  if (words('answers.noWords').includes(text)) return 'no';
  return undefined;
}

/** How many letters must be added, removed or changed to make one word the other. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

function parseMulti(options: Option[], text: string, translate: (text: Text) => string, labels?: string[]): Parsed {
  // Commas and semicolons of Latin and Arabic script ("1, 3", "1، 3").
  const digits = asciiDigits(text);
  const parts = /^[\d\s,;.،؛]+$/.test(digits) ? digits.split(/[\s,;.،؛]+/) : text.split(/[,;\n،؛]+/);
  const values: string[] = [];
  for (const part of parts.filter((p) => p.trim() !== '')) {
    const found = readOptions({ options, typed: part, translate, loose: true, labels });
    const option = found.length === 1 ? found[0] : undefined;
    if (!option) return { ok: false, error: t('errors.pickOptions') };
    if (!values.includes(option.value)) values.push(option.value);
  }
  if (values.length === 0) return { ok: false, error: t('errors.pickOptions') };
  return { ok: true, answer: values };
}

/** Options whose values are numbers (besides a form's own Skip and Done): a scale, answered by the number. */
export function isScale(options: { value: string }[]): boolean {
  const values = options.map((o) => o.value).filter((v) => !v.startsWith('@'));
  return values.length > 0 && values.every((v) => /^\d+$/.test(v));
}
