import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import i18next, { type i18n, type Resource } from 'i18next';
import { intlLocale, isolate, isolateCommands, isRightToLeft, withoutIsolation, writtenNumber } from './languages';
import { nameAsWritten, nameInCase } from './nameInCase';
import { LocaleError } from '../runtime/errors';
import type { Param, Text } from './messages';
import { projectPath } from '../runtime/projectRoot';

export const LOCALES_DIR = projectPath('locales');

/** Renders `Text` in a language. Pure: the same text, params and language give the same string. */
export interface Translator {
  translate(text: Text, lng: string): string;
  /**
   * The text as written for a channel without buttons, where the person types the number or the
   * words of a choice: the key's `_typed` form where the language has one ("write its number"
   * instead of "tap a button"), else the text itself.
   */
  translateTyped(text: Text, lng: string): string;
  /** The languages it has a file for. */
  readonly languages: readonly string[];
}

/** Texts by key, nested as in a locale file. */
type Texts = { [key: string]: string | Texts };

/**
 * Loads every `locales/<lang>.json` once and returns a translator. Params that are `Text` are
 * translated first; a list of texts becomes a list in the language's own style ("a, b and c").
 * `overrides` (a programme's own wording, by language) are laid over the files' texts key by key.
 */
export function createTranslator(dir: string = LOCALES_DIR, overrides: Record<string, Texts> = {}): Translator {
  const resources: Resource = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    let translation: unknown;
    try {
      translation = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch {
      throw new LocaleError(`locales/${file}: is not valid JSON; restore it from Kompis's release`);
    }
    if (typeof translation !== 'object' || translation === null) throw new LocaleError(`locales/${file}: holds no texts; restore it from Kompis's release`);
    const code = basename(file, '.json');
    resources[code] = { translation: overlay(translation as Texts, overrides[code] ?? {}) };
  }
  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources,
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false, alwaysFormat: true },
    returnNull: false,
  });
  // `count` stays a number to pick the plural form; in a right-to-left language it is then isolated
  // like every other number. Values without a formatter pass through this too, as they are.
  // A formatter that meets a stand-in of a kept sentence (see `templated`) tells it: that sentence
  // formats a person's words, so it is not kept.
  let formattedStandIn = false;
  const interpolator = instance.services.interpolator as unknown as { format: Format };
  const formatWith = interpolator.format;
  interpolator.format = (value, formatName, lng, options) => {
    if (formatName) {
      if (String(value).includes(STAND_IN_START)) formattedStandIn = true;
      return formatWith(value, formatName, lng, options);
    }
    return typeof value === 'number' && lng && isRightToLeft(lng) ? isolate(writtenNumber(value, lng), lng) : value;
  };
  // Each formatter reads its value without isolation marks and isolates what it writes in a right-to-left language.
  const format = (name: string, fn: (value: string, lng: string, options: FormatOptions) => string) =>
    instance.services.formatter?.add(name, (value: unknown, lng: string | undefined, options: FormatOptions | undefined) =>
      isolate(fn(withoutIsolation(String(value)), lng ?? 'en', options ?? {}), lng ?? 'en'),
    );
  // People call Bokmål "Norwegian" ("norsk"); the written standard's name is jargon to an applicant.
  // `(case: …)` asks for the name in a grammatical case (see nameInCase).
  format('languageName', (value, lng, options) => named('language', value === 'nb' ? 'no' : value, lng, options.case));
  format('regionName', (value, lng, options) => named('region', value, lng, options.case));
  format('day', (value, lng) => calendar(value, lng, { dateStyle: 'long' }));
  format('month', (value, lng) => calendar(value, lng, { month: 'long', year: 'numeric' }));

  const translate = (text: Text, lng: string, typed = false): string => {
    const language = text.lng ?? lng;
    const params: Record<string, string | number> = {};
    // `count` picks the plural form, so it stays a number.
    for (const [name, value] of Object.entries(text.params ?? {})) params[name] = name === 'count' && typeof value === 'number' ? value : resolve(value, language);
    // i18next's context: `key_typed` where it exists, else `key`.
    const written = instance.t(text.key, { ...params, lng: language, ...(typed ? { context: 'typed' } : {}) });
    // A command such as "/start" keeps its slash in front inside a right-to-left sentence.
    return isRightToLeft(language) ? isolateCommands(written, language) : written;
  };
  const resolve = (value: Param, lng: string): string | number => {
    if (typeof value === 'number') return isRightToLeft(lng) ? isolate(writtenNumber(value, lng), lng) : value;
    if (typeof value === 'string') return isRightToLeft(lng) ? isolate(value, lng) : value;
    if (Array.isArray(value)) {
      return new Intl.ListFormat(intlLocale(lng), { type: 'conjunction' }).format(value.map((v) => translate(v, lng)));
    }
    if ('known' in value) return resolve(value.known, lng);
    return translate(value, lng);
  };
  // Translating is pure and i18next is slow next to a lookup: the texts of questions and buttons
  // come again and again, so each is translated once per language (a bounded cache). Texts with a
  // string in them (a name, a note, an answer) are not kept: what a person wrote stays out of memory.
  const translated = new Map<string, string>();
  // A text with a person's words in it (a name, an answer) is kept as its sentence with stand-ins
  // for those words, and the words are put in for each use: nothing they wrote is kept. Their words
  // go in as they are (isolated in a right-to-left language, as `resolve` does), so a sentence that
  // formats one of them (a day) is translated each time instead.
  /** Null: the sentence formats a person's words, so it is not kept. */
  const templates = new Map<string, string | null>();
  const templated = (text: Text, lng: string, typed: boolean): string => {
    const words: string[] = [];
    const params: Record<string, Param> = {};
    for (const [name, value] of Object.entries(text.params ?? {})) {
      if (typeof value !== 'string' || name === 'count') {
        if (!cacheable({ key: '', params: { [name]: value } })) return translate(text, lng, typed);
        params[name] = value;
      } else {
        params[name] = `${STAND_IN_START}${words.length}${STAND_IN_END}`;
        words.push(value);
      }
    }
    const key = `${lng} ${typed ? 'typed ' : ''}${JSON.stringify({ ...text, params })}`;
    let template = templates.get(key);
    if (template === undefined) {
      formattedStandIn = false;
      template = translate({ ...text, params }, lng, typed);
      if (formattedStandIn) template = null;
      if (templates.size >= MAX_TRANSLATIONS) templates.clear();
      templates.set(key, template);
    }
    if (template === null) return translate(text, lng, typed);
    return template.replace(STAND_IN, (_, i: string) => words[Number(i)] ?? '');
  };
  const cached = (text: Text, lng: string, typed: boolean): string => {
    if (!cacheable(text)) return templated(text, lng, typed);
    const key = `${lng} ${typed ? 'typed ' : ''}${JSON.stringify(text)}`;
    let result = translated.get(key);
    if (result === undefined) {
      if (translated.size >= MAX_TRANSLATIONS) translated.clear();
      result = translate(text, lng, typed);
      translated.set(key, result);
    }
    return result;
  };
  return {
    languages: Object.keys(resources),
    translate: (text, lng) => oneFullStop(cached(text, lng, false)),
    translateTyped: (text, lng) => oneFullStop(cached(text, lng, true)),
  };
}

/**
 * Throws a `LocaleError` naming the first of `languages` the translator has no file for: started
 * without it, Kompis would answer those people in English, or with the bare keys.
 */
export function requireLocales(translator: Translator, languages: readonly string[]): void {
  const missing = languages.find((lng) => !translator.languages.includes(lng));
  if (missing !== undefined) {
    throw new LocaleError(
      `locales/${missing}.json: is missing, and the programme (KOMPIS_PROGRAMME) offers "${missing}" in languages; restore the file or take "${missing}" out of languages`,
    );
  }
}

/**
 * A date that ends with its year's abbreviation ("15 января 2027 г.", "15 січня 2027 р.") at the end
 * of a sentence takes no second full stop.
 */
function oneFullStop(text: string): string {
  return text.includes('..') ? text.replace(YEAR_THEN_STOP, '$1') : text;
}

const YEAR_THEN_STOP = /(\d{4}\s?(?:г|р)\.)\.(?!\.)/gu;

/** `base` with every text of `over` in its place; groups are merged, not replaced. */
function overlay(base: Texts, over: Texts): Texts {
  const merged: Texts = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = merged[key];
    merged[key] = typeof value === 'object' && typeof under === 'object' ? overlay(under, value) : value;
  }
  return merged;
}

/** A text whose params are only finite numbers, known words and such texts: nothing a person wrote. */
export function cacheable(text: Text): boolean {
  return Object.values(text.params ?? {}).every((value) =>
    typeof value === 'number' ? Number.isFinite(value) : typeof value === 'object' && (Array.isArray(value) ? value.every(cacheable) : 'known' in value || cacheable(value)),
  );
}

/** A stand-in for a person's words in a kept sentence: characters for private use, never in our texts. */
const STAND_IN_START = '\ue000';
const STAND_IN_END = '\ue001';
const STAND_IN = /\ue000(\d+)\ue001/g;

/** Translations kept; beyond this many, the cache starts again. */
const MAX_TRANSLATIONS = 10_000;

type Format = (value: unknown, formatName: string | undefined, lng: string | undefined, options: object) => unknown;

/** The options of a formatter in a locale text: `{{country, regionName(case: in)}}` gives `{ case: 'in' }`. */
type FormatOptions = { case?: string };

/** A language's or country's name in `lng`, as its people write it, in the case the sentence asks for. */
function named(type: 'language' | 'region', code: string, lng: string, grammaticalCase: string | undefined): string {
  const plain = nameAsWritten(type, code, lng) ?? displayName(code, lng, type);
  return grammaticalCase ? nameInCase(type, code, lng, grammaticalCase, plain) : plain;
}

/** Intl's formatters, one per locale and kind: making one costs far more than using it. */
const intlFormatters = new Map<string, Intl.DisplayNames | Intl.DateTimeFormat>();

function intlFormatter<T extends Intl.DisplayNames | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let found = intlFormatters.get(key) as T | undefined;
  if (!found) {
    found = make();
    intlFormatters.set(key, found);
  }
  return found;
}

function displayName(code: unknown, lng: string | undefined, type: 'language' | 'region'): string {
  const value = String(code);
  try {
    const locale = intlLocale(lng ?? 'en');
    return intlFormatter(`names ${locale} ${type}`, () => new Intl.DisplayNames([locale], { type })).of(value) ?? value;
  } catch {
    return value;
  }
}

/** A `YYYY-MM-DD` or `YYYY-MM` string as a date or month in the language ("2 May 2027", "mai 2027"). */
function calendar(value: unknown, lng: string | undefined, options: Intl.DateTimeFormatOptions): string {
  const text = String(value);
  const date = new Date(`${text.length === 7 ? `${text}-01` : text}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return text;
  const locale = intlLocale(lng ?? 'en');
  return intlFormatter(`calendar ${locale} ${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' })).format(date);
}
