import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '../src/text/languages';

const DIR = join(import.meta.dirname, '..', 'locales');
const GLOSSARY = join(import.meta.dirname, '..', 'glossary');
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const load = (lang: string) => flatten(JSON.parse(readFileSync(join(DIR, `${lang}.json`), 'utf8')));
// A variable with its formatter; the formatter's options (a grammatical case) are the language's own.
const variables = (text: string) => [...text.matchAll(/{{\s*([^}]+?)\s*}}/g)].map((m) => (m[1] ?? '').replace(/\(.*\)$/, '')).sort();
const glossary = (lang: string) => JSON.parse(readFileSync(join(GLOSSARY, `${lang}.json`), 'utf8')) as Record<string, unknown>;

/** Words the same in every language: product names and OK. A string of only these, variables and signs needs no translation. */
const SAME_EVERYWHERE = /\b(OK|CV|LinkedIn|Kompis|Telegram|WhatsApp|Slack)\b/g;
const needsNoTranslation = (text: string) => !/\p{L}/u.test(text.replace(/{{[^}]+}}/g, '').replace(SAME_EVERYWHERE, ''));

describe('the locales', () => {
  const english = load('en');

  it('has a file for every language Kompis offers, and no other', () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace('.json', ''));
    expect(files.sort()).toEqual([...LANGUAGE_CODES].sort());
  });

  it.each(LANGUAGE_CODES.filter((l) => l !== 'en'))('%s has the keys of English with the plural forms its language needs, and the same variables in each', (lang) => {
    const other = load(lang);
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    const expected = new Set<string>();
    for (const key of english.keys()) {
      if (PLURAL.test(key)) for (const c of categories) expected.add(key.replace(PLURAL, `_${c}`));
      else expected.add(key);
    }
    expect([...other.keys()].sort()).toEqual([...expected].sort());
    for (const [key, text] of other) {
      const source = english.get(key) ?? english.get(key.replace(PLURAL, '_other')) ?? '';
      // A plural form may leave out the number ("two days" in Arabic's dual); nothing else.
      const withoutCount = (t: string) => variables(t).filter((v) => v !== 'count');
      expect({ key, variables: withoutCount(text) }).toEqual({ key, variables: withoutCount(source) });
    }
  });

  it('gives every English text with a count its plural forms, so that each language gets all of its own', () => {
    const countedWithoutForms = [...english].filter(([key, text]) => /{{\s*count\s*}}/.test(text) && !PLURAL.test(key)).map(([key]) => key);
    expect(countedWithoutForms).toEqual([]);
    const pluralKeys = [...english.keys()].filter((key) => PLURAL.test(key));
    for (const key of pluralKeys) expect(english.has(key.replace(PLURAL, '_one')) && english.has(key.replace(PLURAL, '_other')), key).toBe(true);
  });

  it.each(LANGUAGE_CODES.filter((l) => l !== 'en'))('%s leaves nothing in English but its listed loan words', (lang) => {
    const other = load(lang);
    const loans = (glossary(lang).loanwords as string[] | undefined) ?? [];
    const left = [...other].filter(([key, text]) => text === english.get(key) && !needsNoTranslation(text) && !loans.includes(text));
    expect(left).toEqual([]);
  });

  it.each(LANGUAGE_CODES.filter((l) => l !== 'en'))('%s has a glossary of the programme terms', (lang) => {
    expect(existsSync(join(GLOSSARY, `${lang}.json`))).toBe(true);
    const terms = glossary(lang);
    for (const term of ['mentor', 'mentee', 'coordinator', 'CV', 'work placement', 'job centre']) {
      expect(typeof terms[term], `${lang}: ${term}`).toBe('string');
    }
  });
});
