import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '../src/languages';

const DIR = join(import.meta.dirname, '..', 'locales');

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
const variables = (text: string) => [...text.matchAll(/{{\s*([^}]+?)\s*}}/g)].map((m) => m[1]).sort();

describe('the locales', () => {
  const english = load('en');

  it('has a file for every language Kompis offers, and no other', () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace('.json', ''));
    expect(files.sort()).toEqual([...LANGUAGE_CODES].sort());
  });

  it.each(LANGUAGE_CODES.filter((l) => l !== 'en'))(
    '%s has exactly the keys and variables of English',
    (lang) => {
      const other = load(lang);
      expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of english) {
        expect({ key, variables: variables(other.get(key) ?? '') }).toEqual({
          key,
          variables: variables(text),
        });
      }
    },
  );
});
