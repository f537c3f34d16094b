/**
 * The languages Kompis has translations for. A programme may offer any subset. `name` is the
 * language's name in itself, as shown in the language picker.
 */
export const LANGUAGES = {
  en: { name: 'English', dir: 'ltr' },
  nb: { name: 'Norsk bokmål', dir: 'ltr' },
  da: { name: 'Dansk', dir: 'ltr' },
  sv: { name: 'Svenska', dir: 'ltr' },
  fi: { name: 'Suomi', dir: 'ltr' },
  ar: { name: 'العربية', dir: 'rtl' },
  uk: { name: 'Українська', dir: 'ltr' },
  so: { name: 'Soomaali', dir: 'ltr' },
  ti: { name: 'ትግርኛ', dir: 'ltr' },
  fa: { name: 'دری (فارسی)', dir: 'rtl' },
  tr: { name: 'Türkçe', dir: 'ltr' },
  ru: { name: 'Русский', dir: 'ltr' },
  ur: { name: 'اردو', dir: 'rtl' },
} as const;

export type Language = keyof typeof LANGUAGES;

export const LANGUAGE_CODES = Object.keys(LANGUAGES) as Language[];

/**
 * Maps a platform locale such as `nb-NO`, `no` or `en_GB` to one of `offered`, or undefined.
 * Norwegian without a written standard (`no`) is read as Bokmål.
 */
export function matchLocale(locale: string | undefined, offered: readonly string[]): string | undefined {
  if (!locale) return undefined;
  const base = locale.toLowerCase().replace('_', '-').split('-')[0] ?? '';
  const code = base === 'no' ? 'nb' : base;
  return offered.includes(code) ? code : undefined;
}

/** Whether a language is written right to left (Arabic, Dari, Urdu). */
export function isRightToLeft(language: string): boolean {
  return (LANGUAGES as Record<string, { dir: string } | undefined>)[language]?.dir === 'rtl';
}

/**
 * A name, number or date inside a right-to-left sentence, kept in its own direction with Unicode
 * first-strong isolation (FSI … PDI), so "Olena" or "17.11.2026" do not scramble the Arabic around
 * them. Left-to-right text is returned as it is.
 */
export function isolate(value: string, language: string): string {
  return isRightToLeft(language) ? `\u2068${value}\u2069` : value;
}

/**
 * Every command ("/start", "/help") in a right-to-left text, isolated like a name, so that "/start"
 * does not show as "start/". Text already isolated (a name, a person's words) is left as it is.
 */
export function isolateCommands(text: string, language: string): string {
  if (!isRightToLeft(language)) return text;
  let depth = 0;
  return text
    .split(/([\u2066-\u2069])/)
    .map((part) => {
      if (/^[\u2066-\u2068]$/.test(part)) depth += 1;
      else if (part === '\u2069') depth = Math.max(0, depth - 1);
      else if (depth === 0) return part.replace(COMMAND, (command) => `\u2068${command}\u2069`);
      return part;
    })
    .join('');
}

/** A command: a slash and a word, not inside a web address or a path. */
const COMMAND = /(?<![\p{L}\p{N}/:.])\/[a-z][a-zA-Z]*/gu;

/** Languages written with digits of their own rather than 0–9 (Urdu, as in Pakistan). */
const OWN_DIGITS: Partial<Record<Language, string>> = { ur: '۰۱۲۳۴۵۶۷۸۹' };

/**
 * A number as the language writes it: in its own digits where it has them (Urdu), so a count or an
 * option number reads in the same digits as the dates around it. Typed digits of either kind are read.
 */
export function writtenNumber(value: number | string, language: string): string {
  const digits = (OWN_DIGITS as Record<string, string | undefined>)[language];
  return digits ? String(value).replace(/[0-9]/g, (d) => digits[Number(d)] ?? d) : String(value);
}

/** The text without isolation marks, to read a value back. */
export function withoutIsolation(value: string): string {
  return value.replace(/[\u2066-\u2069]/g, '');
}

/**
 * The locale to format dates, numbers and names with. Dari is formatted as in Afghanistan but with
 * the Gregorian calendar that the programme's dates use (plain `fa` would give Iran's solar calendar),
 * and in Latin digits like the option numbers and counts of its texts, one digit system in a message.
 * Urdu is formatted as in Pakistan with its own digits, Extended Arabic-Indic (۰–۹): plain `ur`
 * would write Latin digits.
 */
export function intlLocale(language: string): string {
  if (language === 'fa') return 'fa-AF-u-ca-gregory-nu-latn';
  if (language === 'ur') return 'ur-PK-u-nu-arabext';
  return language;
}
