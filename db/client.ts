import { accessSync, chmodSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type AnyColumn, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { StoreError } from '../src/runtime/errors';
import { backupBeforeMigration } from './backup';
import * as schema from './schema';
import { projectPath } from '../src/runtime/projectRoot';

export type Db = BetterSQLite3Database<typeof schema>;
/** The handle inside `db.transaction(...)`; everything a turn writes goes through one. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Store {
  readonly db: Db;
  /** The raw connection, for pragmas and the benchmark floor; flows and the engine use `db`. */
  readonly sqlite: Database.Database;
  close(): void;
}

const migrationsFolder = projectPath('db', 'migrations');

/**
 * Opens (and creates, with its directory) the SQLite database at `path`, sets WAL, foreign keys and a
 * busy timeout, and applies any pending migrations. Safe to call from two processes on one file:
 * migrations run in a transaction and the busy timeout makes the second one wait.
 */
export function openStore(path: string): Store {
  let sqlite: Database.Database | undefined;
  try {
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true });
      assertWritable(path);
    }
    sqlite = new Database(path);
    // Readable by the owner only: the file holds people's answers (SQLite gives its -wal file the same
    // mode). Only group and others lose their bits; a file the operator made read-only stays so.
    // Where the file system does not allow it (a mounted volume of another owner), as it is.
    if (path !== ':memory:') {
      try {
        const mode = statSync(path).mode & 0o777;
        if ((mode & 0o077) !== 0) chmodSync(path, mode & 0o700);
      } catch {
        // The database still works; the operator's file system decides who reads it.
      }
    }
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    // The commit that finds the write-ahead log longer than this many pages copies it into the file
    // and waits for the disk. Four times SQLite's default makes those pauses a quarter as frequent
    // and, together, shorter (each is about three times as long): fewer turns wait.
    sqlite.pragma('wal_autocheckpoint = 4000');
    // SQLite reads the file's pages where the system maps them, instead of copying each one it
    // needs into its own small cache (2 MB): a large programme's daily scans take a sixth less time
    // (the first inactivity scan of 100 000 pairs, about 0.47 → 0.40 s). Writes go as before. The mapped
    // pages are the system's file cache, which it takes back when memory is short.
    sqlite.pragma('mmap_size = 268435456');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Deleted data is overwritten, not only unlinked: what /delete erases is gone from the file.
    sqlite.pragma('secure_delete = ON');
    // A damaged file is found now, in one line, not by the first turn that reads the damaged page.
    // quick_check reads every page once (a fraction of a second for a large programme).
    const check: unknown = sqlite.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') {
      const problem = String(check).replace('*** in database main ***', '').replace(/\s+/g, ' ').trim();
      throw new Error(`the file is damaged (quick_check: ${problem}); restore it from a backup`);
    }
    // This store's own copy of the schema object: drizzle hands it to every transaction of this
    // connection, and the statement cache is found by it (see `prepared`).
    const tables = { ...schema };
    statementCaches.set(tables, new Map());
    const db = drizzle(sqlite, { schema: tables });
    // A migration changes the schema for good: the database as it was is kept next to it first.
    backupBeforeMigration(sqlite, path, new Date());
    migrate(db, { migrationsFolder });
    const connection = sqlite;
    return { db, sqlite: connection, close: () => connection.close() };
  } catch (err) {
    sqlite?.close();
    throw new StoreError(path, err);
  }
}

/**
 * Throws when SQLite could only read the database: the file, or the folder where its -wal and -shm
 * files go, not writable by this user. SQLite would open it read-only without a word, and the first
 * turn would fail.
 */
function assertWritable(path: string): void {
  const readOnly = (target: string) => {
    try {
      accessSync(target, constants.W_OK);
      return false;
    } catch {
      return true;
    }
  };
  if (existsSync(path) && readOnly(path)) throw new Error('the file is read-only for this user; Kompis must be able to write it');
  if (readOnly(dirname(path))) throw new Error(`the folder ${dirname(path)} is read-only for this user; Kompis writes the database and its -wal file there`);
}

/** Queries built once, per builder function and its arguments. */
type StatementCache = Map<object, Map<string, unknown>>;

/**
 * The store's one statement cache, per connection: found by the schema object `openStore` gave
 * drizzle for that connection, which drizzle keeps as `_.fullSchema` on the database and on each of
 * its transactions (test/store/drizzleInternals.test.ts fails if it stops doing so).
 */
const statementCaches = new WeakMap<object, StatementCache>();

/**
 * The query `build` makes, built and prepared once per connection and kept: drizzle building the
 * SQL, and SQLite preparing it, cost more than running most of ours. `build` is a module-level
 * function of the handle (and of `args`, when the SQL text depends on them) that ends in `.prepare()`
 * and uses `sql.placeholder` for every value that varies (in `.set()` wrapped as sql`${placeholder}`:
 * drizzle's types take no bare placeholder there). Queries built anew on each call are not kept:
 * give them here instead when they run often. A transaction runs on its database's connection, so a
 * query built on either serves both.
 */
export function prepared<T, A extends (string | number)[]>(handle: Db | Tx, build: (handle: Db | Tx, ...args: A) => T, ...args: A): T {
  const cache = statementCaches.get(handle._.fullSchema);
  if (!cache) throw new Error('prepared() takes a handle of a store opened with openStore');
  let queries = cache.get(build);
  if (!queries) {
    queries = new Map();
    cache.set(build, queries);
  }
  const key = args.join('\n');
  // The cache holds what this builder returned for these arguments, so it is this builder's T.
  let query = queries.get(key) as T | undefined;
  if (query === undefined) {
    query = build(handle, ...args);
    queries.set(key, query);
  }
  return query;
}

/** A placeholder for each named column, for the values of a prepared insert. */
export function placeholders<K extends string>(...names: K[]): Record<K, Placeholder<K>> {
  return Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as Record<K, Placeholder<K>>;
}

/**
 * For `.orderBy()`: the order, then `limit n` written into the SQL text, for a query that calls
 * neither `.limit()` nor `.offset()`. drizzle's `.limit(n)` binds `limit ?`, and SQLite runs a literal
 * limit several times faster (measured: 4 µs against 20 µs for `addressOf`). `n` is a whole number
 * from the code or the validated settings, never from a person.
 */
export function orderWithLimit(n: number, ...order: [AnyColumn | SQL, ...(AnyColumn | SQL)[]]): SQL {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a limit must be a whole number, not ${n}`);
  return sql`${sql.join(order, sql`, `)} limit ${sql.raw(String(n))}`;
}
