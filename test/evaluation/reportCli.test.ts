import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const tsx = (script: string, args: string[], env: NodeJS.ProcessEnv) =>
  run(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });

describe('npm run report', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kompis-report-cli-'));
    await tsx('src/cli/simulate.ts', ['--pairs', '12', '--months', '7', '--seed', '2'], { DATABASE_PATH: join(dir, 'sim.db') });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports on the database a simulation filled, in every format, and in Norwegian', async () => {
    const env = { DATABASE_PATH: join(dir, 'sim.db') };
    const json = JSON.parse((await tsx('src/cli/report.ts', ['--format', 'json'], env)).stdout);
    const figure = (section: string, id: string) => json.sections.find((s: { id: string }) => s.id === section)?.figures.find((f: { id: string }) => f.id === id);
    expect(figure('pairs', 'completed')).toMatchObject({ value: 12, n: 12 });
    expect(figure('outcomes.end', 'respondents').value).toBeGreaterThanOrEqual(5);
    expect(figure('surveys', 'mentee-end.end')).toMatchObject({ kind: 'share' });
    await tsx('src/cli/report.ts', ['--format', 'html', '--out', join(dir, 'report.html'), '--language', 'nb'], env);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<html lang="nb" dir="ltr">');
    expect(html).toContain('Rapport for Kompis demo programme');
    expect(html.match(/<svg class="chart"/g)?.length).toBeGreaterThanOrEqual(4);
    const csv = (await tsx('src/cli/report.ts', ['--format', 'csv', '--from', '2027-01-01', '--to', '2027-12-31'], env)).stdout;
    expect(csv.split('\r\n')).toContain('2027-01-01,2027-12-31,pairs,Pairs by state,completed,completed,count,12,12,false');
  });

  it('compares two periods, or the mentees of each chat language, and refuses periods that overlap', async () => {
    const env = { DATABASE_PATH: join(dir, 'sim.db') };
    const periods = (await tsx('src/cli/report.ts', ['--format', 'csv', '--to', '2026-12-31', '--compare-from', '2027-01-01'], env)).stdout.split('\r\n');
    expect(periods[0]).toBe('period_from,period_to,compared_group,group,group_title,measure,measure_title,kind,value,n,suppressed');
    expect(periods.filter((row) => /^,2026-12-31,\.\.2026-12-31,applications,Applications,total,/.test(row)).length).toBeGreaterThan(0);
    expect(periods.filter((row) => /^2027-01-01,,2027-01-01\.\.,pairs,/.test(row)).length).toBeGreaterThan(0);
    const json = JSON.parse((await tsx('src/cli/report.ts', ['--format', 'json', '--by', 'language'], env)).stdout);
    expect(json.groups[0]).toMatchObject({ id: 'all', title: 'Everyone' });
    expect(json.groups.length).toBeGreaterThan(1);
    const overlap = await tsx('src/cli/report.ts', ['--from', '2027-01-01', '--compare-from', '2027-06-01'], env).catch((err: { code: number; stderr: string }) => err);
    expect(overlap).toMatchObject({ code: 1 });
    expect((overlap as { stderr: string }).stderr.split('\n')[0]).toBe(
      'kompis: the two periods overlap (2027-01-01 to now, and 2027-06-01 to now): compare periods that share no day',
    );
  });

  it('says in one line which setting to fix', async () => {
    const missing = await tsx('src/cli/report.ts', ['--format', 'md'], { DATABASE_PATH: join(dir, 'nothing.db') }).catch((err: { code: number; stderr: string }) => err);
    expect(missing).toMatchObject({ code: 1 });
    expect((missing as { stderr: string }).stderr).toMatch(/^kompis: DATABASE_PATH: cannot open the database at .*nothing\.db: there is no database there yet\n$/);
    const format = await tsx('src/cli/report.ts', ['--format', 'pdf'], { DATABASE_PATH: join(dir, 'sim.db') }).catch((err: { code: number; stderr: string }) => err);
    expect((format as { stderr: string }).stderr.split('\n')[0]).toBe('kompis: --format must be one of csv, json, md, html');
    const day = await tsx('src/cli/report.ts', ['--from', '2026-02-30'], { DATABASE_PATH: join(dir, 'sim.db') }).catch((err: { code: number; stderr: string }) => err);
    expect(day).toMatchObject({ code: 1 });
    expect((day as { stderr: string }).stderr.split('\n')[0]).toBe('kompis: --from must be a day such as 2026-01-31');
  });
});
