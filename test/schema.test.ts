import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../db/client';

const ROOT = join(import.meta.dirname, '..');

describe('the database schema', () => {
  it('has its committed migrations in step with db/schema.ts', () => {
    const out = mkdtempSync(join(tmpdir(), 'kompis-migrations-'));
    try {
      cpSync(join(ROOT, 'db', 'migrations'), out, { recursive: true });
      const before = readdirSync(out).length;
      // drizzle-kit reads --out relative to the working directory, even when it is absolute.
      const args = ['generate', '--dialect', 'sqlite', '--schema', './db/schema.ts', '--out', relative(ROOT, out)];
      const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'drizzle-kit'), args, {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('No schema changes');
      expect(readdirSync(out)).toHaveLength(before);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('opens a new database with WAL, foreign keys and a busy timeout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kompis-db-'));
    const store = openStore(join(dir, 'nested', 'kompis.db'));
    try {
      expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
