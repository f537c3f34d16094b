import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../db/client';

const MIGRATIONS = join(import.meta.dirname, '..', '..', 'db', 'migrations');

/** Migration 0021 moves the nudge marks from `pairs` to `pair_nudges`: a quiet spell nudged before the update is not nudged again. */
describe('the migration to pair_nudges', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kompis-migration-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps each pair's last nudge and drops the columns from pairs", () => {
    // A database as the release before it left it: the migrations up to 0020.
    const before = join(dir, 'migrations');
    cpSync(MIGRATIONS, before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.tag < '0021') }));
    const path = join(dir, 'kompis.db');
    const old = new Database(path);
    migrate(drizzle(old), { migrationsFolder: before });
    old.prepare("insert into programmes (id, name, settings, updated_at) values ('demo', 'Demo', '{}', '2026-11-01')").run();
    const person = old.prepare("insert into participants (programme_id, role, language, name, last_active_at) values ('demo', ?, 'en', ?, '2026-11-01')");
    const [mentee, mentor, other] = [person.run('mentee', 'Olena'), person.run('mentor', 'Kari'), person.run('mentee', 'Amina')].map((r) => Number(r.lastInsertRowid));
    const pair = old.prepare(
      "insert into pairs (programme_id, mentee_id, mentor_id, status, proposed_at, activated_at, nudged_for, nudged_at) values ('demo', ?, ?, 'active', '2026-09-01', '2026-09-02', ?, ?)",
    );
    const nudged = Number(pair.run(mentee, mentor, '2026-10-01', '2026-11-02T09:00:00.000Z').lastInsertRowid);
    pair.run(other, mentor, null, null);
    old.close();

    const store = openStore(path);
    try {
      expect(store.sqlite.prepare('select pair_id, nudged_for, nudged_at from pair_nudges').all()).toEqual([
        { pair_id: nudged, nudged_for: '2026-10-01', nudged_at: '2026-11-02T09:00:00.000Z' },
      ]);
      const columns = (store.sqlite.prepare('pragma table_info(pairs)').all() as { name: string }[]).map((c) => c.name);
      expect(columns).not.toContain('nudged_for');
      expect(store.sqlite.prepare('select count(*) as n from pairs').get()).toEqual({ n: 2 });
      // A pair deleted takes its mark with it.
      store.sqlite.prepare('delete from pairs where id = ?').run(nudged);
      expect(store.sqlite.prepare('select count(*) as n from pair_nudges').get()).toEqual({ n: 0 });
    } finally {
      store.close();
    }
  });
});
