import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build, bundleIsCurrent, ENTRY } from '../../bin/build.mjs';

const ROOT = join(import.meta.dirname, '..', '..');

/** `npm start` runs the bundle in dist/, built again whenever a source file is newer than it. */
describe('the start launcher', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kompis-launcher-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const start = () =>
    spawnSync(process.execPath, ['bin/kompis.mjs', '--as', 'amina'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: join(dir, 'kompis.db'), KOMPIS_PROGRAMME: '' },
      input: '/start\n',
      encoding: 'utf8',
    });

  it('builds a bundle older than its sources again, then answers from it', async () => {
    await build();
    // A bundle from before the last change to the sources.
    utimesSync(ENTRY, new Date('2020-01-01'), new Date('2020-01-01'));
    expect(bundleIsCurrent()).toBe(false);
    const run = start();
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Choose your language.');
    expect(bundleIsCurrent()).toBe(true);
    expect(statSync(ENTRY).mtime.getFullYear()).toBeGreaterThan(2020);
  });

  it('starts from a current bundle without building it again', async () => {
    await build();
    const built = statSync(ENTRY).mtimeMs;
    const run = start();
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Choose your language.');
    expect(statSync(ENTRY).mtimeMs).toBe(built);
  });
});
