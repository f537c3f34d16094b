import { accessSync, chmodSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type Placeholder, sql } from 'drizzle-orm';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { StoreError } from '../src/runtime/errors';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
/** The handle inside `db.transaction(...)`; everything a turn writes goes through one. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Store {
  readonly db: Db;
  /** The raw connection, for pragmas and the benchmark floor; flows and the engine use `db`. */
  readonly sqlite: Database.Database;
  close(): void;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

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
    const db = drizzle(withStatementCache(sqlite), { schema });
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

/** What `prepared` keeps, per connection and builder. */
const preparedQueries = new WeakMap<object, Map<(handle: Db | Tx) => unknown, unknown>>();

/**
 * The query `build` makes, built once per connection and kept: for the queries every turn and every
 * sent message run, where drizzle building the SQL costs more than SQLite running it. `build` is a
 * module-level function of the handle that uses `sql.placeholder` for what varies (in `.set()`
 * wrapped as sql`${placeholder}`: drizzle's types take no bare placeholder there). A transaction
 * runs on its database's connection, so a query built on either serves both.
 */
export function prepared<T>(handle: Db | Tx, build: (handle: Db | Tx) => T): T {
  // drizzle keeps the connection's session on every handle; a transaction shares its database's.
  const session = (handle as unknown as { session: object }).session;
  let queries = preparedQueries.get(session);
  if (!queries) {
    queries = new Map();
    preparedQueries.set(session, queries);
  }
  let query = queries.get(build) as T | undefined;
  if (query === undefined) {
    query = build(handle);
    queries.set(build, query);
  }
  return query;
}

/** A placeholder for each named column, for the values of a prepared insert. */
export function placeholders<K extends string>(...names: K[]): Record<K, Placeholder<K>> {
  return Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as Record<K, Placeholder<K>>;
}

/**
 * `n` for drizzle's `.limit()`, written into the SQL instead of bound as a parameter: SQLite runs
 * `limit 100` several times faster than `limit ?` (measured: 4 µs against 30 µs for the outbox's due
 * query). drizzle writes any SQL object it is given there as it is; its type asks for a number.
 */
export function literalLimit(n: number): number {
  return sql.raw(String(Math.trunc(n))) as unknown as number;
}

/** Statements kept for reuse; beyond this many different ones, the cache starts again. */
const MAX_STATEMENTS = 1000;

/**
 * The connection as drizzle sees it, with `prepare` remembered per SQL text: drizzle prepares every
 * query it runs, and preparing costs more than running most of ours. A statement drizzle switched to
 * raw mode is switched back before it is handed out again.
 */
function withStatementCache(sqlite: Database.Database): Database.Database {
  const statements = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    const cached = statements.get(source);
    if (cached) {
      if (cached.reader) cached.raw(false);
      return cached;
    }
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    const statement = sqlite.prepare(source);
    statements.set(source, statement);
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
