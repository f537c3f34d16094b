/**
 * The languages Kompis has translations for. A programme may offer any subset. `name` is the
 * language's name in itself, as shown in the language picker.
 */
export const LANGUAGES = {
  en: { name: 'English', dir: 'ltr' },
  nb: { name: 'Norsk bokmål', dir: 'ltr' },
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
