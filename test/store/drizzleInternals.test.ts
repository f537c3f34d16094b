import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { desc, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Db, openStore, orderWithLimit, placeholders, prepared, type Store, type Tx } from '../../db/client';
import * as schema from '../../db/schema';
import { channelIdentities, programmes } from '../../db/schema';

/**
 * What the store takes from drizzle beyond its documented API. Each failure names what changed: read
 * it before moving the pinned drizzle-orm version in package.json.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const manifest = z.object({ version: z.string() });
const packageJson = z.object({ dependencies: z.object({ 'drizzle-orm': z.string() }) });

const opened: Store[] = [];
function store(): Store {
  const s = openStore(':memory:');
  opened.push(s);
  return s;
}

afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

function insertProgramme(db: Db | Tx) {
  return db
    .insert(programmes)
    .values(placeholders('id', 'name', 'settings', 'updatedAt'))
    .prepare();
}

function countProgrammes(db: Db | Tx) {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(programmes)
    .prepare();
}

function addProgramme(handle: Db | Tx, id: string): void {
  prepared(handle, insertProgramme).run({ id, name: id, settings: '{}', updatedAt: '2026-01-01T00:00:00.000Z' });
}

const count = (handle: Db | Tx) => prepared(handle, countProgrammes).get()?.n;

describe('what the store relies on in drizzle', () => {
  it('is the exact drizzle-orm version package.json pins', () => {
    const pinned = packageJson.parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))).dependencies['drizzle-orm'];
    const installed = manifest.parse(JSON.parse(readFileSync(join(ROOT, 'node_modules', 'drizzle-orm', 'package.json'), 'utf8'))).version;
    expect(pinned, 'package.json must pin drizzle-orm to one exact version (no ^ or ~): the store relies on what this file tests').toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed, `node_modules holds drizzle-orm ${installed}, package.json pins ${pinned}: run npm ci`).toBe(pinned);
  });

  it('hands each transaction, nested ones too, the schema object of its database, which prepared() finds its connection by', () => {
    const { db } = store();
    const ours = db._.fullSchema;
    expect(ours, 'openStore must give drizzle its own copy of the schema, not the shared module').not.toBe(schema);
    db.transaction((tx) => {
      expect(tx._.fullSchema, 'drizzle no longer keeps the schema object as _.fullSchema on a transaction: prepared() cannot find its statement cache').toBe(ours);
      tx.transaction((nested) => {
        expect(nested._.fullSchema, 'drizzle no longer keeps the schema object as _.fullSchema on a nested transaction').toBe(ours);
      });
    });
    expect(store().db._.fullSchema, 'two stores share a schema object: their prepared queries would mix up connections').not.toBe(ours);
  });

  it('keeps one prepared query per connection, serving the database and its transactions', () => {
    const first = store();
    const second = store();
    const onDb = prepared(first.db, countProgrammes);
    first.db.transaction((tx) => {
      expect(prepared(tx, countProgrammes), 'a transaction got another query than its database: the cache is not per connection').toBe(onDb);
    });
    expect(prepared(second.db, countProgrammes), 'two connections got the same prepared query').not.toBe(onDb);
    addProgramme(first.db, 'one');
    expect(count(first.db)).toBe(1);
    expect(count(second.db), 'a query prepared on one store read another store').toBe(0);
  });

  it('runs a query prepared on the database inside a transaction of its connection, and rolls it back with it', () => {
    const { db } = store();
    expect(count(db)).toBe(0);
    expect(() =>
      db.transaction((tx) => {
        addProgramme(db, 'inside');
        expect(count(tx)).toBe(1);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(count(db), 'a prepared query ran outside the transaction it was called in').toBe(0);
  });

  it('refuses a handle that openStore did not make, rather than guess its connection', () => {
    const sqlite = new Database(':memory:');
    try {
      expect(() => prepared(drizzle(sqlite, { schema }), countProgrammes)).toThrow('openStore');
    } finally {
      sqlite.close();
    }
  });

  it('writes a literal limit at the end of the SQL when orderWithLimit is given to orderBy', () => {
    const { db } = store();
    const query = db
      .select({ id: channelIdentities.id })
      .from(channelIdentities)
      .where(eq(channelIdentities.participantId, sql.placeholder('participantId')))
      .orderBy(orderWithLimit(1, desc(channelIdentities.id)))
      .toSQL();
    expect(query.sql, 'drizzle no longer puts the ORDER BY last in a select: orderWithLimit cannot carry the limit').toMatch(/ order by "channel_identities"\."id" desc limit 1$/);
    expect(query.params, 'the limit was bound, not written into the SQL').toHaveLength(1);
    expect(() => orderWithLimit(1.5, channelIdentities.id)).toThrow(RangeError);
  });

  it('reads the rows a literal limit allows, newest first', () => {
    const { db, sqlite } = store();
    sqlite.exec(`insert into programmes (id, name, settings, updated_at) values ('p', 'p', '{}', 'x');
      insert into participants (id, programme_id, role, language, created_at, last_active_at) values (7, 'p', 'mentee', 'en', 'x', 'x');
      insert into channel_identities (participant_id, channel, external_user_id, conversation_ref) values (7, 'console', 'a', '{}'), (7, 'console', 'b', '{}'), (7, 'console', 'c', '{}')`);
    const rows = db
      .select({ externalUserId: channelIdentities.externalUserId })
      .from(channelIdentities)
      .where(eq(channelIdentities.participantId, 7))
      .orderBy(orderWithLimit(2, desc(channelIdentities.id)))
      .all();
    expect(rows.map((r) => r.externalUserId)).toEqual(['c', 'b']);
  });
});
