import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRightToLeft, LANGUAGE_CODES } from '../src/text/languages';
import { parseAnswer } from '../flows/parseAnswer';
import { createTranslator } from '../src/text/i18n';
import { renderMessage } from '../src/delivery/render';
import { programmeWith, TestKit } from './helpers/testKit';

type Tree = { [key: string]: string | Tree };

/** Every key of a locale file. */
function* flatten(tree: Tree, prefix = ''): Generator<string> {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') yield prefix + key;
    else yield* flatten(value, `${prefix}${key}.`);
  }
}

/** The variables of a key and its plural forms, as [match, name, formatter]. */
function variablesOf(tree: Tree, key: string): string[][] {
  const parts = key.split('.');
  const last = parts.pop() ?? '';
  let node: Tree | string | undefined = tree;
  for (const part of parts) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'object') return [];
  const texts = Object.entries(node)
    .filter(([k, v]) => typeof v === 'string' && (k === last || k.startsWith(`${last}_`)))
    .map(([, v]) => v as string);
  return texts.flatMap((text) => [...text.matchAll(/{{\s*([^},\s]+)\s*(?:,\s*([a-zA-Z]+)[^}]*)?}}/g)].map((m) => [m[0], m[1] ?? '', m[2] ?? '']));
}

const FSI = '\u2068';
const PDI = '\u2069';

describe('right-to-left languages', () => {
  const translator = createTranslator();

  it('keeps a Latin name, a number and a date isolated inside an Arabic sentence', () => {
    const withName = translator.translate({ key: 'kickoff.intro', params: { name: 'Olena' } }, 'ar');
    expect(withName).toContain(`${FSI}Olena${PDI}`);
    expect(withName).toMatch(/[\u0600-\u06ff]/);
    const withNumbers = translator.translate({ key: 'form.progress', params: { n: 3, total: 12 } }, 'ar');
    expect(withNumbers).toContain(`${FSI}3${PDI}`);
    expect(withNumbers).toContain(`${FSI}12${PDI}`);
    const withDate = translator.translate({ key: 'kickoff.endDate', params: { date: '2027-05-02' } }, 'ar');
    expect(withDate).toMatch(new RegExp(`${FSI}[^${PDI}]*(2027|٢٠٢٧)[^${PDI}]*${PDI}`));
    // Left-to-right languages get no marks.
    expect(translator.translate({ key: 'kickoff.intro', params: { name: 'Olena' } }, 'nb')).not.toMatch(/[\u2066-\u2069]/);
  });

  it('isolates the option numbers of a list in Dari, and reads Persian and Arabic-Indic digits typed', async () => {
    const message = renderMessage(
      {
        lines: [{ key: 'checkin.met.prompt', params: { name: 'Kari', date: '2026-11-02' } }],
        choices: [
          { value: 'a', label: { key: 'checkin.options.met.none' } },
          { value: 'b', label: { key: 'checkin.options.met.once' } },
        ],
      },
      'fa',
      translator,
      { maxButtons: 0, maxButtonLabel: 0, maxText: 4000, canInitiate: true },
    );
    expect(message.text).toContain(`${FSI}1.${PDI} `);
    expect(message.text).toContain(`${FSI}Kari${PDI}`);

    const kit = await new TestKit(programmeWith({ languages: ['en', 'fa', 'ar'] })).open();
    try {
      const person = kit.person('amina');
      await person.say('/start');
      await person.say('۲'); // Persian 2: the second language offered, Dari
      expect(kit.rows('select language from participants where id = 1')).toEqual([{ language: 'fa' }]);
      await person.say('/language');
      await person.say('٣'); // Arabic-Indic 3: Arabic
      expect(kit.rows('select language from participants where id = 1')).toEqual([{ language: 'ar' }]);
    } finally {
      await kit.close();
    }
  });

  it('writes Urdu right to left with its own digits in dates, counts and option numbers, isolates what it puts in, and reads Urdu digits typed', async () => {
    const withName = translator.translate({ key: 'kickoff.intro', params: { name: 'Olena' } }, 'ur');
    expect(withName).toContain(`${FSI}Olena${PDI}`);
    expect(withName).toMatch(/[\u0600-\u06ff]/);
    const withNumbers = translator.translate({ key: 'form.progress', params: { n: 3, total: 12 } }, 'ur');
    expect(withNumbers).toContain(`${FSI}۳${PDI}`);
    expect(withNumbers).toContain(`${FSI}۱۲${PDI}`);
    // A date in Urdu: the year in Extended Arabic-Indic digits, isolated.
    const withDate = translator.translate({ key: 'kickoff.endDate', params: { date: '2027-05-02' } }, 'ur');
    expect(withDate).toMatch(new RegExp(`${FSI}۲ مئی،? ۲۰۲۷${PDI}`));
    expect(withDate).not.toMatch(/2027/);
    const message = renderMessage(
      {
        lines: [{ key: 'checkin.met.prompt', params: { name: 'Kari', date: '2026-11-02' } }],
        choices: [
          { value: 'a', label: { key: 'checkin.options.met.none' } },
          { value: 'b', label: { key: 'checkin.options.met.once' } },
        ],
      },
      'ur',
      translator,
      { maxButtons: 0, maxButtonLabel: 0, maxText: 4000, canInitiate: true },
    );
    expect(message.text).toContain(`${FSI}۱.${PDI} `);
    expect(message.text).toContain(`${FSI}Kari${PDI}`);
    expect(message.text).toContain('۲۰۲۶');
    expect(message.text).not.toMatch(/[0-9]/);

    const kit = await new TestKit(programmeWith({ languages: ['en', 'ar', 'ur'] })).open();
    try {
      const person = kit.person('imran');
      await person.say('/start');
      await person.say('۳'); // Urdu 3: the third language offered, Urdu
      expect(kit.rows('select language from participants where id = 1')).toEqual([{ language: 'ur' }]);
      expect(person.lastText()).toMatch(/[\u0600-\u06ff]/);
    } finally {
      await kit.close();
    }
  });

  it('isolates every command, name and number Kompis writes into an Arabic, Dari or Urdu text, in every text', () => {
    const locale = (lng: string) => JSON.parse(readFileSync(join(import.meta.dirname, '..', 'locales', `${lng}.json`), 'utf8')) as Tree;
    // A value for each variable: a name for words, a date or code where a formatter reads one, 13 for a count.
    const sample: Record<string, string> = { day: '2027-05-02', month: '2027-05', languageName: 'en', regionName: 'NO' };
    const isolated = /\u2068[^\u2066-\u2069]*\u2069/g;
    const outside = (text: string) => {
      let rest = text;
      while (isolated.test(rest)) rest = rest.replace(isolated, '');
      return rest;
    };
    for (const lng of LANGUAGE_CODES.filter(isRightToLeft)) {
      const problems: string[] = [];
      const texts = locale(lng);
      for (const key of new Set([...flatten(texts)].map((k) => k.replace(/_(zero|one|two|few|many|other|typed)$/, '')))) {
        const params: Record<string, string | number> = {};
        for (const [, name = '', format = ''] of variablesOf(texts, key)) {
          params[name] = name === 'count' ? 13 : (sample[format] ?? 'Olena 4711');
        }
        const text = outside(translator.translate({ key, params }, lng));
        if (/(?<![\p{L}\p{N}/:.])\/[a-z]/u.test(text) || text.includes('Olena') || text.includes('4711') || /(?<!\d)13(?!\d)/.test(text)) problems.push(`${key}: ${text}`);
      }
      expect(problems, lng).toEqual([]);
    }
  });

  it('reads several choices typed with the Arabic comma', () => {
    const options = ['a', 'b', 'c'].map((value) => ({ value, label: { key: 'common.raw', params: { text: value } } }));
    expect(parseAnswer({ kind: 'multi', options }, { kind: 'text', text: '١، ٣' }, (t) => translator.translate(t, 'ar'))).toEqual({ ok: true, answer: ['a', 'c'] });
  });
});
