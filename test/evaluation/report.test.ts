import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openStore, type Store } from '../../db/client';
import { saveProgramme } from '../../src/cli/app';
import { createTranslator } from '../../src/text/i18n';
import { buildReport, type Report } from '../../src/evaluation/buildReport';
import { formatReport, reportJsonSchema } from '../../src/evaluation/formatReport';
import { demoProgramme } from '../helpers/testKit';

const NOW = new Date('2027-06-01T12:00:00Z');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DOCS = join(import.meta.dirname, '../../docs');

/**
 * A cohort whose figures are known in advance: 14 applications, 6 pairs that ran three months each
 * (18 pair-months) with 36 meetings, 20 check-ins of which 15 answered, alerts, end outcomes for 15
 * mentees, follow-ups for 4, recommendation answers, survey invitations.
 */
function seed(store: Store): void {
  const db = store.sqlite;
  const run = (query: string, ...params: unknown[]) => db.prepare(query).run(...params);
  const statuses = [...Array<string>(8).fill('accepted'), 'declined', 'declined', 'declined', 'waitlisted', 'waitlisted', 'submitted'];
  statuses.forEach((status, i) => {
    const id = i + 1;
    run("insert into participants (id, programme_id, role, name, last_active_at) values (?, 'demo', 'mentee', ?, '2027-01-01')", id, `Mentee ${id}`);
    const submitted = i < 6 ? `2027-01-${String(13 - 2 * i).padStart(2, '0')}T00:00:00.000Z` : '2027-01-10T00:00:00.000Z';
    const flags = i < 6 ? '["languageLevel"]' : i < 8 ? '["age"]' : '[]';
    // The first ten said at intake what they did: five had no job, five a job below their education;
    // they are the respondents r0–r9 of the outcomes below.
    const baseline = i < 10 ? JSON.stringify({ workNow: i < 5 ? 'none' : 'belowEducation', heardFrom: i % 2 === 0 ? 'jobCentre' : 'friend' }) : '{}';
    if (i < 10) run('update participants set respondent_id = ? where id = ?', `r${i}`, id);
    run(
      "insert into applications (participant_id, programme_id, status, answers, flags, consent_version, submitted_at, updated_at) values (?, 'demo', ?, ?, ?, '1', ?, ?)",
      id,
      status,
      baseline,
      flags,
      submitted,
      submitted,
    );
  });
  for (let i = 0; i < 6; i++) {
    const mentor = 15 + i;
    run("insert into participants (id, programme_id, role, name, last_active_at) values (?, 'demo', 'mentor', ?, '2027-01-01')", mentor, `Mentor ${mentor}`);
    // 91.32 days: three months of 30.44 days.
    run(
      "insert into pairs (id, programme_id, mentee_id, mentor_id, status, proposed_at, activated_at, ended_at, end_reason) values (?, 'demo', ?, ?, ?, '2027-01-14T00:00:00.000Z', '2027-01-15T00:00:00.000Z', '2027-04-16T07:40:48.000Z', ?)",
      i + 1,
      i + 1,
      mentor,
      i < 5 ? 'completed' : 'ended',
      i < 5 ? 'completed' : 'jobFound',
    );
    for (let m = 0; m < 6; m++)
      run("insert into meetings (pair_id, met_on, mode, topics, logged_at) values (?, ?, 'inPerson', '[]', '2027-03-01')", i + 1, `2027-02-${String(m + 1).padStart(2, '0')}`);
    // Both members logged the first meeting: one meeting, not two.
    run("insert into meetings (pair_id, logged_by, met_on, mode, topics, logged_at) values (?, ?, '2027-02-01', 'inPerson', '[]', '2027-03-01')", i + 1, mentor);
  }
  run("insert into pairs (id, programme_id, mentee_id, mentor_id, status, proposed_at) values (7, 'demo', 7, 15, 'proposed', '2027-05-01T00:00:00.000Z')");
  // A proposal withdrawn before it started is not an ended pair.
  run(
    "insert into pairs (id, programme_id, mentee_id, mentor_id, status, proposed_at, ended_at, end_reason) values (8, 'demo', 8, 16, 'ended', '2027-05-01T00:00:00.000Z', '2027-05-02T00:00:00.000Z', 'other')",
  );
  for (let c = 0; c < 20; c++) {
    run(
      'insert into checkins (pair_id, participant_id, round, sent_at, answered_at) values (?, ?, ?, ?, ?)',
      (c % 6) + 1,
      (c % 6) + 1,
      c + 1,
      '2027-02-15T00:00:00.000Z',
      c < 15 ? '2027-02-16T00:00:00.000Z' : null,
    );
  }
  [1, 2, 3, 4, 5].forEach((days, i) => {
    run(
      "insert into alerts (programme_id, kind, priority, dedupe_key, pair_id, details, status, opened_at, resolved_at) values ('demo', 'inactive', 'normal', ?, ?, '{}', 'resolved', '2027-03-01T00:00:00.000Z', ?)",
      `i${i}`,
      i + 1,
      `2027-03-0${1 + days}T00:00:00.000Z`,
    );
  });
  for (const i of [0, 1])
    run(
      "insert into alerts (programme_id, kind, priority, dedupe_key, pair_id, details, status, opened_at) values ('demo', 'lowRating', 'normal', ?, 1, '{}', 'open', '2027-03-01T00:00:00.000Z')",
      `l${i}`,
    );
  // 10 in a job (5 using their education), 3 in education, 2 with none: 15 answered.
  const endOutcomes: [string, string | null][] = [
    ...Array.from({ length: 5 }, (): [string, string] => ['job', 'yes']),
    ...Array.from({ length: 3 }, (): [string, string] => ['job', 'partly']),
    ['job', 'no'],
    ['job', 'no'],
    ['education', null],
    ['education', null],
    ['education', null],
    ['none', null],
    ['none', null],
  ];
  // Of the 10 in a job, 5 permanent and all full-time; the programme helped 1, 2, 3, 3, 3, 4, 4, 4, 5, 5.
  const contributions = [5, 5, 4, 4, 4, 3, 3, 3, 2, 1];
  endOutcomes.forEach(([status, fits], i) => {
    const job = status === 'job';
    run(
      "insert into outcomes (programme_id, respondent_id, timepoint, status, job_uses_education, permanent, full_time, contribution, recorded_at) values ('demo', ?, 'end', ?, ?, ?, ?, ?, '2027-04-20T00:00:00.000Z')",
      `r${i}`,
      status,
      fits,
      job ? Number(i < 5) : null,
      job ? 1 : null,
      job ? contributions[i] : null,
    );
  });
  for (let i = 0; i < 4; i++)
    run("insert into outcomes (programme_id, respondent_id, timepoint, status, recorded_at) values ('demo', ?, 'followup6', 'job', '2027-05-20T00:00:00.000Z')", `r${i}`);
  [10, 10, 9, 9, 9, 8, 7, 6, 3, 10].forEach((score, i) => {
    run(
      "insert into survey_responses (programme_id, respondent_id, survey_id, timepoint, role, answers, answered_at) values ('demo', ?, 'mentee-end', 'end', 'mentee', ?, '2027-04-20T00:00:00.000Z')",
      `r${i}`,
      // Closer to a job: five answered 5, five answered 4. Goal reached: five yes, five partly. All in a job, three also in education.
      JSON.stringify({
        recommend: String(score),
        closerToJob: String(i < 5 ? 5 : 4),
        goalReached: i % 2 === 0 ? 'yes' : 'partly',
        outcome: i < 3 ? ['job', 'education'] : ['job'],
        worked: 'My words',
      }),
    );
  });
  // WHO-5: five mentees answered "some of the time" (20) at the start and "more than half of the time" (60) at the end; a sixth only at the start.
  const who5 = (value: string) => JSON.stringify(Object.fromEntries(['cheerful', 'calm', 'active', 'rested', 'interest'].map((item) => [item, value])));
  for (let i = 0; i < 6; i++) {
    const answer = (timepoint: string, value: string) =>
      run(
        "insert into survey_responses (programme_id, respondent_id, survey_id, timepoint, role, answers, answered_at) values ('demo', ?, 'who5', ?, 'mentee', ?, '2027-04-20T00:00:00.000Z')",
        `w${i}`,
        timepoint,
        who5(value),
      );
    answer('intake', 'someOfTheTime');
    if (i < 5) answer('end', 'moreThanHalf');
  }
  for (let i = 0; i < 3; i++) {
    run(
      "insert into survey_responses (programme_id, respondent_id, survey_id, timepoint, role, answers, answered_at) values ('demo', ?, 'mentor-end', 'end', 'mentor', '{\"recommend\":\"10\"}', '2027-04-20T00:00:00.000Z')",
      `m${i}`,
    );
  }
  // 14 invited, 9 answered: 5 before the reminder, 4 of the 9 reminded after it.
  for (let i = 0; i < 14; i++) {
    run(
      "insert into survey_invitations (participant_id, survey_id, timepoint, pair_id, sent_at, reminded_at, answered_at) values (?, 'mentee-end', 'end', ?, '2027-04-17T00:00:00.000Z', ?, ?)",
      i + 1,
      i + 1,
      i < 5 ? null : '2027-04-19T00:00:00.000Z',
      i < 5 ? '2027-04-18T00:00:00.000Z' : i < 9 ? '2027-04-20T00:00:00.000Z' : null,
    );
  }
  for (let i = 0; i < 6; i++) {
    run(
      "insert into survey_invitations (participant_id, survey_id, timepoint, pair_id, sent_at, answered_at) values (?, 'mentor-end', 'end', ?, '2027-04-17T00:00:00.000Z', ?)",
      15 + i,
      i + 1,
      i < 3 ? '2027-04-20' : null,
    );
  }
}

describe('the funder report', () => {
  let dir: string;
  let store: Store;
  let report: Report;
  const translator = createTranslator();
  const text = { language: 'en', translate: (t: Parameters<typeof translator.translate>[0]) => translator.translate(t, 'en'), now: NOW };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kompis-report-'));
    store = openStore(join(dir, 'kompis.db'));
    saveProgramme(store, demoProgramme(), NOW);
    seed(store);
    report = buildReport(store.db, demoProgramme(), {}, NOW);
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const figures = (json: { sections: { id: string; figures: { id: string; value: number | null; n: number | null }[] }[] }, section: string) =>
    Object.fromEntries(json.sections.find((s) => s.id === section)?.figures.map((f) => [f.id, f.value]) ?? []);

  it('gives the known figures, with every cell of fewer than five suppressed', () => {
    const json = JSON.parse(formatReport(report, 'json', text));
    // Declined 3, waiting list 2 and new 1 are suppressed; together they are six, so 8 accepted can show.
    expect(figures(json, 'applications')).toEqual({ total: 14, 'status.accepted': 8, 'status.declined': null, 'status.submitted': null, 'status.waitlisted': null });
    expect(figures(json, 'flags')).toEqual({ age: null, languageLevel: 6 });
    expect(figures(json, 'matching')).toEqual({ medianDaysToMatch: 7 });
    expect(figures(json, 'pairs')).toEqual({ completed: 5, ended: null, proposed: null });
    expect(figures(json, 'endReasons')).toEqual({ completed: 5, jobFound: null });
    expect(figures(json, 'activity')).toEqual({ meetingsPerPairMonth: 2, checkinAnswerRate: 0.75 });
    expect(figures(json, 'alerts')).toEqual({ inactive: 5, 'inactive.medianDaysToResolve': 3, lowRating: null, 'lowRating.medianDaysToResolve': null });
    expect(figures(json, 'outcomes.end')).toEqual({
      respondents: 15,
      job: 0.6667,
      internship: 0,
      education: null,
      business: 0,
      none: null,
      jobFitsEducation: 0.5,
      jobPermanent: 0.5,
      jobFullTime: 1,
      contribution: 3.5,
    });
    expect(figures(json, 'outcomes.followup6')).toEqual({
      respondents: null,
      job: null,
      internship: null,
      education: null,
      business: null,
      none: null,
      jobFitsEducation: null,
      jobPermanent: null,
      jobFullTime: null,
      contribution: null,
    });
    expect(figures(json, 'recommendation')).toEqual({ 'nps.mentee': 40, 'nps.mentor': null });
    expect(figures(json, 'surveys')).toEqual({
      'mentee-end.end': 0.6429,
      'mentee-end.end.beforeReminder': 0.3571,
      'mentee-end.end.afterReminder': null,
      'mentor-end.end': null,
      'mentor-end.end.beforeReminder': null,
      'mentor-end.end.afterReminder': null,
    });
    // Every survey item by its kind: a 1–5 item as its distribution and median, yes/partly/no and choices as shares.
    expect(figures(json, 'survey.mentee-end.end')).toEqual({ respondents: 10 });
    expect(figures(json, 'survey.mentee-end.end.closerToJob')).toEqual({ answered: 10, median: 4.5, '1': 0, '2': 0, '3': 0, '4': 0.5, '5': 0.5 });
    expect(figures(json, 'survey.mentee-end.end.goalReached')).toEqual({ answered: 10, yes: 0.5, partly: 0.5, no: 0 });
    expect(figures(json, 'survey.mentee-end.end.outcome')).toMatchObject({ answered: 10, job: 1, education: null, none: 0 });
    expect(figures(json, 'survey.mentee-end.end.recommend')).toMatchObject({ answered: 10, median: 9 });
    // Free text never reaches the report.
    expect(json.sections.map((s: { id: string }) => s.id)).not.toContain('survey.mentee-end.end.worked');
    expect(JSON.stringify(json)).not.toContain('My words');
    // Three mentors answered: their survey shows only that fewer than five did.
    expect(figures(json, 'survey.mentor-end.end')).toEqual({ respondents: null });
    // The baseline, and the change from it for the ten who answered at intake and at the end.
    expect(figures(json, 'baseline.workNow')).toEqual({ answered: 10, none: 0.5, belowEducation: 0.5, fitsEducation: 0, education: 0, introduction: 0, other: 0 });
    expect(figures(json, 'baseline.heardFrom')).toEqual({ answered: 10, friend: 0.5, jobCentre: 0.5, socialMedia: 0, poster: 0, organisation: 0, other: 0 });
    expect(figures(json, 'change.end')).toEqual({ respondents: 10, inWorkAtStart: 0.5, inWorkThen: 1, fitsAtStart: 0, fitsThen: 0.5 });
    // WHO-5 as its 0–100 score, for the five who answered at the start and at the end.
    expect(figures(json, 'wellbeing')).toEqual({ respondents: 5, intake: 20, end: 60, better: 1 });
    // A suppressed figure does not give away its size either.
    const suppressed = json.sections.flatMap((s: { figures: { suppressed: boolean; n: number | null }[] }) => s.figures.filter((f) => f.suppressed));
    expect(suppressed.length).toBeGreaterThan(10);
    expect(suppressed.every((f: { n: number | null }) => f.n === null)).toBe(true);
  });

  it('writes json as its published schema says', () => {
    const json = JSON.parse(formatReport(report, 'json', text));
    expect(reportJsonSchema.safeParse(json).success).toBe(true);
    const published = JSON.parse(readFileSync(join(DOCS, 'report.schema.json'), 'utf8'));
    expect(published).toEqual(z.toJSONSchema(reportJsonSchema));
  });

  it('writes the same figures as a long csv for analysts and as markdown', () => {
    const csv = formatReport(report, 'csv', text).split('\r\n');
    expect(csv[0]).toBe('period_from,period_to,group,group_title,measure,measure_title,kind,value,n,suppressed');
    expect(csv).toContain(',,activity,Meetings and check-ins,meetingsPerPairMonth,Meetings logged per pair and month,rate,2,6,false');
    expect(csv).toContain(",,outcomes.end,Outcomes at the end,jobFitsEducation,Jobs that use the person's education,share,0.5,10,false");
    expect(csv).toContain(',,outcomes.end,Outcomes at the end,education,In education,share,,,true');
    expect(csv).toContain(',,recommendation,"Would recommend the programme (NPS, −100 to 100)",nps.mentee,Mentees,score,40,10,false');
    const spring = formatReport(buildReport(store.db, demoProgramme(), { from: '2027-04-01', to: '2027-04-30' }, NOW), 'csv', text).split('\r\n');
    expect(spring[1]).toMatch(/^2027-04-01,2027-04-30,applications,/);
    const md = formatReport(report, 'md', text);
    expect(md).toContain('| Median days from application to an active pair | 7 |');
    expect(md).toContain('| In a job | 67% |');
    expect(md).toContain("| Jobs that use the person's education | 50% |");
    expect(md).toContain('| Check-ins answered | 75% |');
    expect(md).toContain('| mentor-end (end) | <5 |');
    expect(md).toContain('| declined | <5 |');
  });

  it('shows figures of a period only', () => {
    const spring = buildReport(store.db, demoProgramme(), { from: '2027-04-01', to: '2027-04-30' }, NOW);
    const json = JSON.parse(formatReport(spring, 'json', text));
    expect(figures(json, 'applications')).toEqual({ total: 0 });
    expect(figures(json, 'outcomes.end')).toMatchObject({ respondents: 15, job: 0.6667 });
    expect(figures(json, 'outcomes.followup6')).toMatchObject({ respondents: 0 });
  });

  it.runIf(existsSync(CHROMIUM))('renders as html in headless Chromium, with a chart for each counted section', async () => {
    const html = formatReport(report, 'html', text);
    expect(html).not.toMatch(/<script|src=|href=/);
    const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless=new'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(String(err)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.setContent(html, { waitUntil: 'load' });
      const charts = await page.$$eval('svg.chart', (svgs) =>
        svgs.map((s) => ({ label: s.getAttribute('aria-label'), bars: s.querySelectorAll('rect').length, width: s.getBoundingClientRect().width })),
      );
      expect(errors).toEqual([]);
      expect(charts.length).toBeGreaterThan(6);
      expect(charts.slice(0, 6)).toEqual([
        { label: 'Applications by eligibility flag', bars: 1, width: expect.any(Number) },
        { label: 'Pairs by state', bars: 1, width: expect.any(Number) },
        { label: 'Pairs ended, by reason', bars: 1, width: expect.any(Number) },
        { label: 'Alerts by kind', bars: 1, width: expect.any(Number) },
        { label: 'Outcomes at the end', bars: 4, width: expect.any(Number) },
        { label: 'Outcomes 6 months after the end', bars: 0, width: expect.any(Number) },
      ]);
      expect(charts.every((c) => c.width > 300)).toBe(true);
      expect(await page.$eval('h1', (h) => h.textContent)).toBe('Report for Kompis demo programme');
    } finally {
      await browser.close();
    }
  });

  it.runIf(existsSync(CHROMIUM))('lays out right to left in Arabic, keeps "<5" as written, and prints its tables', async () => {
    const arabic = { language: 'ar', translate: (t: Parameters<typeof translator.translate>[0]) => translator.translate(t, 'ar'), now: NOW };
    const html = formatReport(report, 'html', arabic);
    const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless=new'] });
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 900, height: 1400 });
      await page.setContent(html, { waitUntil: 'load' });
      // Browser-side code as text: the project's TypeScript has no DOM types.
      expect(await page.evaluate('getComputedStyle(document.body).direction')).toBe('rtl');
      // The title ends at the right edge.
      const h1 = (await page.evaluate(`(() => {
        const h = document.querySelector('h1');
        const range = document.createRange();
        range.selectNodeContents(h);
        return h.getBoundingClientRect().right - range.getBoundingClientRect().right;
      })()`)) as number;
      expect(h1).toBeLessThan(2);
      // Each suppressed mark reads "<5" on screen: the "<" left of the "5", in the tables, on the
      // charts and in the note (an isolation mark between the sign and the number is invisible).
      await page.$$eval('details', (all) => all.forEach((d) => d.setAttribute('open', '')));
      const marks = (await page.evaluate(`(() => {
        const found = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const match = /<[\u2066-\u2069]?5/.exec(node.textContent ?? '');
          if (!match) continue;
          const left = (from) => {
            const range = document.createRange();
            range.setStart(node, from);
            range.setEnd(node, from + 1);
            return range.getBoundingClientRect().left;
          };
          found.push({ less: left(match.index), five: left(match.index + match[0].length - 1) });
        }
        return found;
      })()`)) as { less: number; five: number }[];
      expect(marks.length).toBeGreaterThan(5);
      expect(marks.filter((m) => m.less >= m.five)).toEqual([]);
      // The tables sit behind a fold on screen and are printed open.
      await page.$$eval('details', (all) => all.forEach((d) => d.removeAttribute('open')));
      const tableShown = () => page.evaluate("document.querySelector('details table').checkVisibility()");
      expect(await tableShown()).toBe(false);
      await page.screenshot({ path: join(DOCS, 'report-ar.png'), fullPage: false });
      await page.emulateMediaType('print');
      expect(await tableShown()).toBe(true);
      const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((s) => s.getBoundingClientRect().width));
      expect(Math.min(...charts)).toBeGreaterThan(700);
    } finally {
      await browser.close();
    }
  });
});
