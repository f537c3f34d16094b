import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../db/client';
import { createApp } from '../src/cli/app';
import { systemClock } from '../src/runtime/clock';
import { silentLogger } from '../src/runtime/logger';
import { createTranslator, LOCALES_DIR } from '../src/text/i18n';
import { englishIntake } from './helpers/intakeScript';
import { coordinator } from './helpers/pairScript';
import { demoProgramme, demoSettings, TestKit } from './helpers/testKit';

const ROOT = join(import.meta.dirname, '..');

/** What an operator sees when they start Kompis with a mistake: one line, exit 1, nothing quoted. */
describe('operator mistakes', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kompis-operator-'));
    env = { ...process.env, DATABASE_PATH: join(dir, 'data', 'kompis.db'), KOMPIS_PROGRAMME: '', LOG_LEVEL: 'warn' };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const start = (extraEnv: NodeJS.ProcessEnv = {}, options: { uid?: number; gid?: number } = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts'], {
      cwd: ROOT,
      env: { ...env, ...extraEnv },
      input: '',
      encoding: 'utf8',
      timeout: 20_000,
      ...options,
    });

  const programmeFile = (changes: Record<string, unknown>) => {
    const path = join(dir, 'programme.json');
    writeFileSync(path, JSON.stringify({ ...demoSettings(), ...changes }));
    return path;
  };

  it('refuses a survey file outside the programme folder or one that is not a regular file, without reading or quoting it', () => {
    mkfifo(join(dir, 'pipe.json'));
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    const secret = join(tmpdir(), `kompis-secret-${process.pid}.json`);
    writeFileSync(secret, 'root:$6$secret-hash:19000:0:99999:7:::\n');
    try {
      for (const file of [secret, '../' + secret.split('/').at(-1), 'zero.json', 'pipe.json']) {
        const run = start({ KOMPIS_PROGRAMME: programmeFile({ surveys: { files: [file] } }) });
        expect(run.status, file).toBe(1);
        const lines = run.stderr.trim().split('\n');
        expect(lines, file).toHaveLength(1);
        expect(lines[0]).toMatch(/^kompis: surveys\.files: cannot use .*: (it is outside the programme's folder|it is not a regular file)/);
        expect(run.stderr).not.toContain('secret-hash');
      }
    } finally {
      rmSync(secret, { force: true });
    }
  });

  it('refuses a programme file that is a pipe or a device, and never quotes one that is not JSON', () => {
    mkfifo(join(dir, 'pipe.json'));
    for (const path of [join(dir, 'pipe.json'), '/dev/zero']) {
      const run = start({ KOMPIS_PROGRAMME: path });
      expect(run.status, path).toBe(1);
      expect(run.stderr.trim()).toBe(`kompis: KOMPIS_PROGRAMME: cannot use ${path}: it is not a regular file`);
    }
    const notJson = join(dir, 'shadow');
    writeFileSync(notJson, 'root:$6$secret-hash:19000:0:99999:7:::\n');
    const run = start({ KOMPIS_PROGRAMME: notJson });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^kompis: KOMPIS_PROGRAMME: cannot use .*shadow: it is not valid JSON( \(line 1\))?$/);
    expect(run.stderr).not.toContain('secret-hash');
  });

  it('limits the length of the programme texts, naming the field', () => {
    const run = start({
      KOMPIS_PROGRAMME: programmeFile({ name: 'N'.repeat(5000), contact: 'a@b.org\nSomeone else', screening: { interviewText: { en: 'x'.repeat(10_000) } } }),
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/programme\.json: name: Too big/);
    expect(lines[1]).toMatch(/programme\.json: contact: must be one line/);
    expect(lines[2]).toMatch(/programme\.json: screening\.interviewText\.en: Too big/);
  });

  it('stops with one line when the language file of an offered language is missing', () => {
    const locales = join(dir, 'locales');
    mkdirSync(locales);
    for (const file of readdirSync(LOCALES_DIR).filter((f) => f.endsWith('.json') && f !== 'nb.json')) cpSync(join(LOCALES_DIR, file), join(locales, file));
    const open = () =>
      createApp({
        databasePath: join(dir, 'kompis.db'),
        programme: demoProgramme(),
        adapters: [],
        clock: systemClock,
        logger: silentLogger,
        translator: createTranslator(locales),
      });
    expect(open).toThrow('locales/nb.json: is missing, and the programme (KOMPIS_PROGRAMME) offers "nb" in languages; restore the file or take "nb" out of languages');
    writeFileSync(join(locales, 'nb.json'), '{"common": ');
    expect(open).toThrow(`locales/nb.json: is not valid JSON; restore it from Kompis's release`);
  });

  it('gives the DATABASE_PATH line for a database file Kompis may only read, and leaves its mode alone', () => {
    const data = join(dir, 'data');
    openStore(join(data, 'kompis.db')).close();
    const path = join(data, 'kompis.db');
    chmodSync(path, 0o400);
    // As root every file is writable: run Kompis as an ordinary user, who owns the file.
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if (user.uid !== undefined) {
      for (const p of [dir, data, path]) chownSync(p, user.uid, user.gid);
    }
    const run = start({}, user);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`kompis: DATABASE_PATH: cannot open the database at ${path}: the file is read-only for this user; Kompis must be able to write it`);
    expect(statSync(path).mode & 0o777).toBe(0o400);
  });

  it('finds a damaged database at start, in one line', () => {
    const path = join(dir, 'data', 'kompis.db');
    const store = openStore(path);
    const insert = store.sqlite.prepare("insert into inbound_events (channel, event_id, received_at) values ('console', ?, '2026-11-02T09:00:00Z')");
    for (let i = 0; i < 3000; i++) insert.run(`event-${i}-${'x'.repeat(40)}`);
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    // Garbage over a page in the middle of the file: a b-tree page nobody reads at start.
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, Math.floor(size / 4096 / 2) * 4096);
    closeSync(fd);
    const run = start();
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^kompis: DATABASE_PATH: cannot open the database at .*kompis\.db: the file is damaged \(quick_check: .+\); restore it from a backup$/);
    expect(readFileSync(path).length).toBe(size);
  });

  it("does not read 0x10 or 1e3 as a person's number", async () => {
    const kit = await new TestKit().open();
    try {
      const coco = await coordinator(kit);
      const amina = kit.person('amina');
      for (const line of englishIntake('Amina')) await amina.say(line);
      expect((await coco.say('/view 2'))[0]?.text).toContain('#2 Amina');
      for (const id of ['0x2', '2e0', '0b10', '+2', '2.0']) {
        expect((await coco.say(`/view ${id}`))[0]?.text, id).not.toContain('Amina');
        expect((await coco.say(`/accept ${id}`))[0]?.text, id).not.toContain('Amina');
      }
      expect(kit.rows('select status from applications')).toEqual([{ status: 'submitted' }]);
    } finally {
      await kit.close();
    }
  });
});

function mkfifo(path: string): void {
  const made = spawnSync('mkfifo', [path]);
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr.toString()}`);
}
