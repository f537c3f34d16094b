import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function simulate(args: string[], env: NodeJS.ProcessEnv = {}) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
}

describe('npm run simulate', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kompis-sim-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a cohort into DATABASE_PATH, raises the alerts its personas call for, and gives the same result for the same seed', async () => {
    const args = ['--pairs', '10', '--months', '3', '--seed', '7', '--json'];
    const first = await simulate(args, { DATABASE_PATH: join(dir, 'a.db') });
    const second = await simulate(args, { DATABASE_PATH: join(dir, 'b.db') });
    expect(second.stdout).toBe(first.stdout);
    const result = JSON.parse(first.stdout) as Record<string, Record<string, number>>;
    expect(result.personas).toMatchObject({ busyMentor: 3, helpRequest: 1, blocks: 1 });
    expect(result.alerts).toMatchObject({ contactRequest: 1, unreachable: 1 });
    expect(result.alerts?.inactive).toBeGreaterThanOrEqual(3); // the busy mentor's three pairs at least
    expect(result.sent?.checkin).toBeGreaterThan(0);

    const db = new Database(join(dir, 'a.db'), { readonly: true });
    try {
      expect(db.prepare("select count(*) as n from pairs where status = 'active'").get()).toEqual({ n: 10 });
      expect(db.prepare("select count(*) as n from alerts where kind = 'contactRequest'").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
    const other = await simulate(['--pairs', '10', '--months', '3', '--seed', '8', '--json'], { DATABASE_PATH: join(dir, 'c.db') });
    expect(other.stdout).not.toBe(first.stdout);
  });

  it("gives simulated people believable words: a mentor's profession, a mentee's goal and city, and the field each works in", async () => {
    const path = join(dir, 'a.db');
    await simulate(['--pairs', '3', '--months', '1', '--seed', '3'], { DATABASE_PATH: path });
    const db = new Database(path, { readonly: true });
    try {
      const mentors = db.prepare('select answers from mentors order by participant_id').all() as { answers: string }[];
      const applications = db.prepare('select answers from applications order by id').all() as { answers: string }[];
      for (const { answers } of [...mentors, ...applications]) expect(answers).not.toContain('Answer to');
      const mentor = JSON.parse(mentors[0]?.answers ?? '{}') as Record<string, unknown>;
      const mentee = JSON.parse(applications[0]?.answers ?? '{}') as Record<string, unknown>;
      expect(mentor).toMatchObject({ profession: 'Nurse', role: 'Ward manager', city: 'Oslo', sector: 'health' });
      expect(mentee).toMatchObject({ goal: 'Work as a nurse again and get my licence approved', profession: 'Nurse', region: 'Oslo', sector: 'health' });
      // The next people come from other fields, so the programme is not forty nurses.
      expect(JSON.parse(mentors[1]?.answers ?? '{}')).toMatchObject({ profession: 'Software developer', sector: 'it' });
    } finally {
      db.close();
    }
  });

  it('refuses a database that already holds people, in one line', async () => {
    const path = join(dir, 'a.db');
    await simulate(['--pairs', '2', '--months', '1'], { DATABASE_PATH: path });
    const refused = await simulate(['--pairs', '2', '--months', '1'], { DATABASE_PATH: path }).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr.trim()).toBe('kompis: the database already holds people; point DATABASE_PATH at a new file for a simulation');
  });
});
