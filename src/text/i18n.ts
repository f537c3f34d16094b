import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n, type Resource } from 'i18next';
import { intlLocale, isolate, isRightToLeft, withoutIsolation } from './languages';
import { LocaleError } from '../runtime/errors';
import type { Param, Text } from './messages';

export const LOCALES_DIR = fileURLToPath(new URL('../../locales', import.meta.url));

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

/**
 * Loads every `locales/<lang>.json` once and returns a translator. Params that are `Text` are
 * translated first; a list of texts becomes a list in the language's own style ("a, b and c").
 */
export function createTranslator(dir: string = LOCALES_DIR): Translator {
  const resources: Resource = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    let translation: unknown;
    try {
      translation = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch {
      throw new LocaleError(`locales/${file}: is not valid JSON; restore it from Kompis's release`);
    }
    if (typeof translation !== 'object' || translation === null) throw new LocaleError(`locales/${file}: holds no texts; restore it from Kompis's release`);
    resources[basename(file, '.json')] = { translation: { ...translation } };
  }
  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources,
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // Each formatter reads its value without isolation marks and isolates what it writes in a right-to-left language.
  const format = (name: string, fn: (value: string, lng: string) => string) =>
    instance.services.formatter?.add(name, (value: unknown, lng: string | undefined) => isolate(fn(withoutIsolation(String(value)), lng ?? 'en'), lng ?? 'en'));
  // People call Bokmål "Norwegian" ("norsk"); the written standard's name is jargon to an applicant.
  format('languageName', (value, lng) => displayName(value === 'nb' ? 'no' : value, lng, 'language'));
  format('regionName', (value, lng) => displayName(value, lng, 'region'));
  format('day', (value, lng) => calendar(value, lng, { dateStyle: 'long' }));
  format('month', (value, lng) => calendar(value, lng, { month: 'long', year: 'numeric' }));

  const translate = (text: Text, lng: string, typed = false): string => {
    const language = text.lng ?? lng;
    const params: Record<string, string | number> = {};
    // `count` picks the plural form, so it stays a number.
    for (const [name, value] of Object.entries(text.params ?? {})) params[name] = name === 'count' && typeof value === 'number' ? value : resolve(value, language);
    // i18next's context: `key_typed` where it exists, else `key`.
    return instance.t(text.key, { ...params, lng: language, ...(typed ? { context: 'typed' } : {}) });
  };
  const resolve = (value: Param, lng: string): string | number => {
    if (typeof value === 'string' || typeof value === 'number') return isRightToLeft(lng) ? isolate(String(value), lng) : value;
    if (Array.isArray(value)) {
      return new Intl.ListFormat(intlLocale(lng), { type: 'conjunction' }).format(value.map((v) => translate(v, lng)));
    }
    return translate(value, lng);
  };
  // Translating is pure and i18next is slow next to a lookup: the texts of questions and buttons
  // come again and again, so each is translated once per language (a bounded cache). Texts with a
  // string in them (a name, a note, an answer) are not kept: what a person wrote stays out of memory.
  const translated = new Map<string, string>();
  // Any formatter (ours or i18next's) that meets a stand-in of a template (see `templated`) tells it:
  // that sentence is not kept as a template.
  let formattedStandIn = false;
  // (i18next's interpolator calls its `format` for every `{{value, format}}`; without one, nothing is kept as a template.)
  const interpolator = instance.services.interpolator as unknown as { format?: (value: unknown, ...rest: unknown[]) => unknown };
  const formatValue = interpolator.format?.bind(interpolator);
  if (formatValue) {
    interpolator.format = (value, ...rest) => {
      if (String(value).includes(STAND_IN_START)) formattedStandIn = true;
      return formatValue(value, ...rest);
    };
  }
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
      if (formattedStandIn || !formatValue) template = null;
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
    translate: (text, lng) => cached(text, lng, false),
    translateTyped: (text, lng) => cached(text, lng, true),
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

/** A text whose params are only finite numbers and such texts: nothing a person wrote. */
function cacheable(text: Text): boolean {
  return Object.values(text.params ?? {}).every((value) =>
    typeof value === 'number' ? Number.isFinite(value) : typeof value === 'object' && (Array.isArray(value) ? value.every(cacheable) : cacheable(value)),
  );
}

/** A stand-in for a person's words in a kept sentence: characters for private use, never in our texts. */
const STAND_IN_START = '\ue000';
const STAND_IN_END = '\ue001';
const STAND_IN = /\ue000(\d+)\ue001/g;

/** Translations kept; beyond this many, the cache starts again. */
const MAX_TRANSLATIONS = 10_000;

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
