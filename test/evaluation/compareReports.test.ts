import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openStore, type Store } from '../../db/client';
import { saveProgramme } from '../../src/cli/app';
import { compareReports } from '../../src/evaluation/compareReports';
import { comparisonJsonSchema, formatComparison } from '../../src/evaluation/formatComparison';
import { createTranslator } from '../../src/text/i18n';
import { demoProgramme } from '../helpers/testKit';

const NOW = new Date('2027-07-01T12:00:00Z');

/**
 * Nineteen mentees by the language they chat in, each with an application and an outcome at the end:
 * ten in Arabic (applied in January, answered in March: five in a job, five with none), six in
 * Ukrainian (applied in February, answered in May: all in a job) and three in Somali (applied in
 * April, answered in May: all in a job).
 */
function seed(store: Store): void {
  const run = (query: string, ...params: unknown[]) => store.sqlite.prepare(query).run(...params);
  const groups = [
    { language: 'ar', people: 10, applied: '2027-01-10', answered: '2027-03-20', jobs: 5 },
    { language: 'uk', people: 6, applied: '2027-02-10', answered: '2027-05-20', jobs: 6 },
    { language: 'so', people: 3, applied: '2027-04-10', answered: '2027-05-20', jobs: 3 },
  ];
  let id = 0;
  for (const g of groups) {
    for (let i = 0; i < g.people; i++) {
      id += 1;
      run(
        "insert into participants (id, programme_id, role, language, name, respondent_id, last_active_at) values (?, 'demo', 'mentee', ?, ?, ?, '2027-01-01')",
        id,
        g.language,
        `Mentee ${id}`,
        `r${id}`,
      );
      run(
        "insert into applications (participant_id, programme_id, status, answers, flags, consent_version, submitted_at, updated_at) values (?, 'demo', 'accepted', '{}', '[]', '1', ?, ?)",
        id,
        `${g.applied}T00:00:00.000Z`,
        `${g.applied}T00:00:00.000Z`,
      );
      run(
        "insert into outcomes (programme_id, respondent_id, timepoint, status, recorded_at) values ('demo', ?, 'end', ?, ?)",
        `r${id}`,
        i < g.jobs ? 'job' : 'none',
        `${g.answered}T00:00:00.000Z`,
      );
    }
  }
  // A mentor's language makes no group of mentees.
  run("insert into participants (id, programme_id, role, language, name, last_active_at) values (50, 'demo', 'mentor', 'fi', 'Mentor', '2027-01-01')");
}

describe('comparisons in the report', () => {
  let dir: string;
  let store: Store;
  const translator = createTranslator();
  const text = { language: 'en', translate: (t: Parameters<typeof translator.translate>[0]) => translator.translate(t, 'en'), now: NOW };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kompis-compare-'));
    store = openStore(join(dir, 'kompis.db'));
    saveProgramme(store, demoProgramme(), NOW);
    seed(store);
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  type Json = { groups: { id: string; title: string; sections: { id: string; figures: { id: string; value: number | null; n: number | null }[] }[] }[] };
  /** Each group's figures of one section, by group id. */
  const across = (json: Json, section: string) =>
    Object.fromEntries(json.groups.map((g) => [g.id, Object.fromEntries(g.sections.find((s) => s.id === section)?.figures.map((f) => [f.id, f.value]) ?? [])]));

  it('lays the mentees of each chat language side by side, with exact figures for each', () => {
    const json = JSON.parse(formatComparison(compareReports(store.db, demoProgramme(), { by: 'language', period: {} }, NOW), 'json', text)) as Json;
    expect(json.groups.map((g) => [g.id, g.title])).toEqual([
      ['all', 'Everyone'],
      ['language:ar', 'Chat language: Arabic'],
      ['language:so', 'Chat language: Somali'],
      ['language:uk', 'Chat language: Ukrainian'],
    ]);
    const outcomes = across(json, 'outcomes.end');
    expect(outcomes.all).toMatchObject({ respondents: 19, job: 0.7368, none: 0.2632, education: 0 });
    expect(outcomes['language:ar']).toMatchObject({ respondents: 10, job: 0.5, none: 0.5 });
    // Three Somali-speaking mentees: every figure of theirs is hidden.
    expect(outcomes['language:so']).toMatchObject({ respondents: null, job: null });
    // Six Ukrainian-speaking mentees are enough on their own, but everyone (19) less the Arabic
    // speakers (10) less the Ukrainian speakers would give the three Somali speakers away: hidden too.
    expect(outcomes['language:uk']).toMatchObject({ respondents: null, job: null });
    expect(across(json, 'applications')).toEqual({
      all: { total: 19, 'status.accepted': 19 },
      'language:ar': { total: 10, 'status.accepted': 10 },
      'language:so': { total: null, 'status.accepted': null },
      'language:uk': { total: null, 'status.accepted': null },
    });
    // No cell of any group is left that a small one can be worked out from.
    for (const section of json.groups[0]?.sections ?? []) {
      for (const figure of section.figures) {
        const cells = json.groups.slice(1).map((g) => g.sections.find((s) => s.id === section.id)?.figures.find((f) => f.id === figure.id));
        const hidden = cells.filter((c) => c?.value === null && c.n === null);
        if (cells.some((c) => c && c.n === null)) expect(hidden.length, `${section.id} ${figure.id}`).not.toBe(1);
      }
    }
  });

  it('puts two periods side by side and hides a small period together with the other', () => {
    const compared = compareReports(
      store.db,
      demoProgramme(),
      {
        by: 'periods',
        periods: [
          { from: '2027-01-01', to: '2027-03-31' },
          { from: '2027-04-01', to: '2027-06-30' },
        ],
      },
      NOW,
    );
    const json = JSON.parse(formatComparison(compared, 'json', text)) as Json;
    expect(json.groups.map((g) => g.id)).toEqual(['2027-01-01..2027-03-31', '2027-04-01..2027-06-30']);
    const outcomes = across(json, 'outcomes.end');
    expect(outcomes['2027-01-01..2027-03-31']).toMatchObject({ respondents: 10, job: 0.5, none: 0.5 });
    expect(outcomes['2027-04-01..2027-06-30']).toMatchObject({ respondents: 9, job: 1, none: 0 });
    // Three applied in the second period: hidden, and so are the 16 of the first, which a report for
    // the whole half year (19) would turn into the three.
    expect(across(json, 'applications')).toEqual({
      '2027-01-01..2027-03-31': { total: null, 'status.accepted': null },
      '2027-04-01..2027-06-30': { total: null, 'status.accepted': null },
    });
    const csv = formatComparison(compared, 'csv', text).split('\r\n');
    expect(csv[0]).toBe('period_from,period_to,compared_group,group,group_title,measure,measure_title,kind,value,n,suppressed');
    expect(csv).toContain('2027-04-01,2027-06-30,2027-04-01..2027-06-30,outcomes.end,Outcomes at the end,respondents,People who answered,count,9,9,false');
    expect(csv).toContain('2027-01-01,2027-03-31,2027-01-01..2027-03-31,applications,Applications,total,Applications in all,count,,,true');
    const md = formatComparison(compared, 'md', text);
    expect(md).toContain('| What | 2027-01-01 – 2027-03-31 | 2027-04-01 – 2027-06-30 |');
    expect(md).toContain('| People who answered | 10 | 9 |');
    expect(md).toContain('| Applications in all | <5 | <5 |');
    const html = formatComparison(compared, 'html', text);
    expect(html).toContain('<th scope="col">2027-01-01 – 2027-03-31</th><th scope="col">2027-04-01 – 2027-06-30</th>');
    expect(html).toContain('<tr><th scope="row">Applications in all</th><td class="value"><bdi dir="ltr">&lt;5</bdi></td><td class="value"><bdi dir="ltr">&lt;5</bdi></td></tr>');
  });

  it('writes json as its published schema says', () => {
    const json = JSON.parse(formatComparison(compareReports(store.db, demoProgramme(), { by: 'language', period: {} }, NOW), 'json', text));
    expect(comparisonJsonSchema.safeParse(json).success).toBe(true);
    const published = JSON.parse(readFileSync(join(import.meta.dirname, '../../docs/report-comparison.schema.json'), 'utf8'));
    expect(published).toEqual(z.toJSONSchema(comparisonJsonSchema));
  });

  it('refuses two periods that overlap', () => {
    const overlapping = () =>
      compareReports(
        store.db,
        demoProgramme(),
        {
          by: 'periods',
          periods: [
            { from: '2027-01-01', to: '2027-03-31' },
            { from: '2027-03-31', to: '2027-06-30' },
          ],
        },
        NOW,
      );
    expect(overlapping).toThrow('the two periods overlap (2027-01-01 to 2027-03-31, and 2027-03-31 to 2027-06-30): compare periods that share no day');
  });
});
