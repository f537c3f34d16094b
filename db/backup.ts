import { chmodSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { OperatorError } from '../src/runtime/errors';
import { projectPath } from '../src/runtime/projectRoot';

const journalPath = projectPath('db', 'migrations', 'meta', '_journal.json');
const journalSchema = z.object({ entries: z.array(z.object({ when: z.number(), tag: z.string() })).min(1) });

/** How many backups written before a migration are kept next to the database; older ones are removed. */
export const MIGRATION_BACKUPS_KEPT = 3;

/**
 * An online, consistent copy of the database at `from` into the new file `to` (SQLite's backup API:
 * Kompis may go on writing meanwhile), checked with `integrity_check`. Returns its size in bytes.
 */
export async function backupDatabase(from: string, to: string): Promise<number> {
  if (!existsSync(from)) throw new OperatorError(`there is no database at ${from} (DATABASE_PATH)`);
  if (existsSync(to)) throw new OperatorError(`${to} exists already; name a new file, so no backup is overwritten`);
  const source = new Database(from, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // SQLite starts a backup over when another connection writes between two of its steps: after
    // the first step, the rest is copied in one, so a busy Kompis cannot keep it from finishing.
    await source.backup(to, { progress: () => 1_000_000_000 });
  } finally {
    source.close();
  }
  // Readable by the owner only, like the database: it holds the same people's answers.
  chmodSync(to, 0o600);
  // One self-contained file, without a -wal beside it, to copy anywhere.
  const copy = new Database(to, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = delete');
  } finally {
    copy.close();
  }
  const problem = integrityProblem(to);
  if (problem) throw new OperatorError(`the copy in ${to} failed its check (${problem}); try again, and check the disk`);
  return statSync(to).size;
}

/**
 * Puts the backup `from` in place of the database at `to`, which Kompis must not have open. Refuses a
 * file that is not a Kompis database, is damaged, or was made by a newer Kompis (a migration this code
 * does not know). The database it replaces is kept next to it as `<name>.before-restore-<time>`.
 */
export function restoreDatabase(from: string, to: string): { replaced: string | undefined } {
  if (!existsSync(from)) throw new OperatorError(`there is no file ${from} to restore`);
  const problem = notRestorable(from);
  if (problem) throw new OperatorError(`${from} cannot be restored: ${problem}`);
  let replaced: string | undefined;
  if (existsSync(to)) {
    assertNotInUse(to);
    replaced = `${to}.before-restore-${stamp(new Date())}`;
    renameSync(to, replaced);
  }
  // VACUUM INTO reads the backup as SQLite sees it, with a -wal file of its own if it has one.
  const source = new Database(from, { readonly: true, fileMustExist: true });
  try {
    source.prepare('vacuum into ?').run(to);
  } finally {
    source.close();
  }
  chmodSync(to, 0o600);
  return { replaced };
}

/**
 * Before `openStore` applies migrations to a database that has some already: a copy next to it,
 * `<name>.before-migration-<time>`, written with `VACUUM INTO` (consistent, and synchronous like the
 * start). Only the newest `MIGRATION_BACKUPS_KEPT` are kept. Does nothing when no migration is pending.
 */
export function backupBeforeMigration(sqlite: Database.Database, path: string, now: Date): string | undefined {
  if (path === ':memory:') return undefined;
  const applied = appliedUpTo(sqlite);
  if (applied === undefined || applied >= latestMigration().when) return undefined;
  const file = `${path}.before-migration-${stamp(now)}`;
  sqlite.prepare('vacuum into ?').run(file);
  chmodSync(file, 0o600);
  const prefix = `${basename(path)}.before-migration-`;
  const kept = readdirSync(dirname(path))
    .filter((name) => name.startsWith(prefix))
    .sort()
    .reverse();
  for (const old of kept.slice(MIGRATION_BACKUPS_KEPT)) rmSync(join(dirname(path), old), { force: true });
  return file;
}

/** The newest migration this code has. */
export function latestMigration(): { when: number; tag: string } {
  const { entries } = journalSchema.parse(JSON.parse(readFileSync(journalPath, 'utf8')));
  return entries.reduce((a, b) => (b.when > a.when ? b : a));
}

/** When the newest migration applied to a database was made; undefined for a database without Kompis's tables. */
export function appliedUpTo(sqlite: Database.Database): number | undefined {
  const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  if (!table) return undefined;
  const row = z.object({ at: z.number().nullable() }).parse(sqlite.prepare('select max(created_at) as at from __drizzle_migrations').get());
  return row.at ?? undefined;
}

/** Why `file` cannot be restored, or undefined when it can. */
function notRestorable(file: string): string | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const applied = appliedUpTo(db);
    const people = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'participants'").get();
    if (applied === undefined || !people) return 'it is not a Kompis database';
    if (applied > latestMigration().when) return 'it was made by a newer version of Kompis; update Kompis first';
  } catch (err) {
    return `it is not a database SQLite can read (${err instanceof Error ? err.message : String(err)})`;
  } finally {
    db?.close();
  }
  return integrityProblem(file);
}

function integrityProblem(file: string): string | undefined {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result: unknown = db.pragma('integrity_check(1)', { simple: true });
    return result === 'ok' ? undefined : `integrity_check: ${String(result)}`;
  } finally {
    db.close();
  }
}

/**
 * Throws when another connection has the database open (a running Kompis): leaving WAL mode needs
 * the only connection. Once out of WAL mode, the database is all in its one file.
 */
function assertNotInUse(path: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    const mode: unknown = db.pragma('journal_mode = delete', { simple: true });
    if (mode !== 'delete') throw new Error(String(mode));
  } catch {
    throw new OperatorError(`the database at ${path} is in use: stop Kompis first, then restore`);
  } finally {
    db.close();
  }
}

/** A time for a file name that sorts in time order. */
function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}
