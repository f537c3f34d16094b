import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase, MIGRATION_BACKUPS_KEPT, restoreDatabase } from '../../db/backup';
import { openStore } from '../../db/client';
import { englishIntake } from '../helpers/intakeScript';
import { TestKit } from '../helpers/testKit';

const ROOT = join(import.meta.dirname, '..', '..');
const MIGRATIONS = join(ROOT, 'db', 'migrations');

/** The submitted applications' answers, by applicant name: what a restore must bring back whole. */
function answersIn(path: string): Record<string, unknown>[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('select p.name, a.status, a.answers from applications a join participants p on p.id = a.participant_id order by p.name').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

function kompis(args: string[], env: Record<string, string>): { status: number | null; out: string } {
  const run = spawnSync('npm', ['run', '--silent', 'kompis', '--', ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

describe('backups', () => {
  const dirs: string[] = [];
  let kit: TestKit | undefined;
  afterEach(async () => {
    await kit?.close();
    kit = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'kompis-backup-'));
    dirs.push(dir);
    return dir;
  };

  it('copies the database while 20 people apply: each copy consistent and whole, and a restore brings it back', async () => {
    kit = await new TestKit().open();
    const dir = tempDir();
    const people = Array.from({ length: 20 }, (_, i) => `Applicant${String(i).padStart(2, '0')}`);
    const applying = Promise.all(
      people.map(async (name, i) => {
        const person = kit?.person(name.toLowerCase());
        // They start a little apart, so their applications are not all submitted in the same instant.
        await new Promise((resolve) => setTimeout(resolve, i * 50));
        // People take their time: Kompis answers others, and copies are made, between their answers.
        for (const line of englishIntake(name)) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          await person?.say(line);
        }
      }),
    );
    const copies: string[] = [];
    let done = false;
    void applying.then(() => (done = true));
    while (!done) {
      const copy = join(dir, `copy-${copies.length}.db`);
      await backupDatabase(kit.dbPath, copy);
      copies.push(copy);
    }
    await applying;
    // Copies were made at many points of the applications, some while they were half done.
    expect(copies.length).toBeGreaterThan(5);
    expect(copies.map((copy) => answersIn(copy).length).some((n) => n > 0 && n < 20)).toBe(true);
    for (const copy of copies) {
      const db = new Database(copy, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // Consistent: a submitted application is there with all its answers, or not at all.
      for (const row of answersIn(copy)) expect(Object.keys(JSON.parse(String(row.answers)) as object).length).toBeGreaterThan(10);
      db.close();
    }

    const final = join(dir, 'final.db');
    await backupDatabase(kit.dbPath, final);
    const everything = answersIn(kit.dbPath);
    expect(everything).toHaveLength(20);
    await kit.close();
    kit = undefined;
    const restoredTo = join(dir, 'restored', 'kompis.db');
    cpSync(copies[0] ?? '', restoredTo);
    expect(restoreDatabase(final, restoredTo).replaced).toMatch(/kompis\.db\.before-restore-/);
    expect(answersIn(restoredTo)).toEqual(everything);
    openStore(restoredTo).close();
  }, 60_000);

  it('refuses to restore a file that is not a Kompis database, one of a newer Kompis, or over a database in use', async () => {
    kit = await new TestKit().open();
    const dir = tempDir();
    const good = join(dir, 'good.db');
    await backupDatabase(kit.dbPath, good);

    writeFileSync(join(dir, 'notes.db'), 'not a database');
    expect(() => restoreDatabase(join(dir, 'notes.db'), join(dir, 'x.db'))).toThrow(/not a database SQLite can read/);
    const other = new Database(join(dir, 'other.db'));
    other.exec('create table t (x)');
    other.close();
    expect(() => restoreDatabase(join(dir, 'other.db'), join(dir, 'x.db'))).toThrow(/not a Kompis database/);
    const newer = join(dir, 'newer.db');
    cpSync(good, newer);
    const edited = new Database(newer);
    edited.exec('update __drizzle_migrations set created_at = created_at + 1000000000 where created_at = (select max(created_at) from __drizzle_migrations)');
    edited.close();
    expect(() => restoreDatabase(newer, join(dir, 'x.db'))).toThrow(/made by a newer version of Kompis/);

    expect(() => restoreDatabase(good, kit?.dbPath ?? '')).toThrow(/in use: stop Kompis first/);
    expect(readdirSync(kit.dir).filter((f) => f.includes('before-restore'))).toEqual([]);
  });

  it('backs up and restores from the command line, saying the size, and refuses a bad file in one line', async () => {
    kit = await new TestKit().open();
    await kit.person('olena').say('/start');
    const dir = tempDir();
    const env = { DATABASE_PATH: kit.dbPath };
    const backup = kompis(['backup', join(dir, 'b.db')], env);
    expect(backup).toEqual({ status: 0, out: expect.stringMatching(/^Backup written to .*b\.db: \d+\.\d MB, integrity_check ok\.\n$/) });
    expect(kompis(['backup', join(dir, 'b.db')], env)).toEqual({ status: 1, out: expect.stringMatching(/exists already; name a new file/) });
    writeFileSync(join(dir, 'bad.db'), 'nothing');
    const refused = kompis(['restore', join(dir, 'bad.db')], env);
    expect(refused.status).toBe(1);
    expect(refused.out.trim().split('\n')).toHaveLength(1);
  }, 30_000);
});

describe('a migration', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A database as the previous version left it: every migration but the newest applied, with a programme in it. */
  function previousVersionDatabase(path: string, olderMigrations: string): void {
    const sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
    migrate(drizzle(sqlite), { migrationsFolder: olderMigrations });
    sqlite.prepare("insert into programmes (id, name, settings, updated_at) values ('p', 'Our programme', '{}', '2026-11-01T10:00:00.000Z')").run();
    sqlite.close();
  }

  it('is preceded by a backup next to the database, and only the newest three are kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kompis-migration-'));
    dirs.push(dir);
    const older = join(dir, 'migrations');
    cpSync(MIGRATIONS, older, { recursive: true });
    const journal = JSON.parse(readFileSync(join(older, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    writeFileSync(join(older, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }));
    const path = join(dir, 'data', 'kompis.db');
    execFileSync('mkdir', ['-p', join(dir, 'data')]);

    for (let run = 1; run <= MIGRATION_BACKUPS_KEPT + 1; run++) {
      for (const file of readdirSync(join(dir, 'data')).filter((f) => !f.includes('before-migration'))) rmSync(join(dir, 'data', file));
      previousVersionDatabase(path, older);
      openStore(path).close();
      const backups = readdirSync(join(dir, 'data')).filter((f) => f.startsWith('kompis.db.before-migration-'));
      expect(backups).toHaveLength(Math.min(run, MIGRATION_BACKUPS_KEPT));
      const newest = new Database(join(dir, 'data', backups.sort().at(-1) ?? ''), { readonly: true });
      expect(newest.prepare('select name from programmes').all()).toEqual([{ name: 'Our programme' }]);
      expect(newest.prepare('select count(*) as n from __drizzle_migrations').get()).toEqual({ n: journal.entries.length - 1 });
      newest.close();
    }
    // Opening an up-to-date database makes no backup.
    openStore(path).close();
    expect(readdirSync(join(dir, 'data')).filter((f) => f.includes('before-migration'))).toHaveLength(MIGRATION_BACKUPS_KEPT);
  });
});
