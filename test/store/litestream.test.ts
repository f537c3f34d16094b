import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, FakeTelegram } from '../helpers/fakeTelegram';
import { englishIntake } from '../helpers/intakeScript';
import { demoSettings } from '../helpers/testKit';

const ROOT = join(import.meta.dirname, '..', '..');
const PEOPLE = 5;

/**
 * The Litestream binary, as the README's recipe installs it: from the npm registry's
 * `@flydotio/litestream-linux-x64` package (LITESTREAM_BIN names another one).
 */
function litestreamBinary(): string {
  if (process.env.LITESTREAM_BIN) return process.env.LITESTREAM_BIN;
  const prefix = join(tmpdir(), 'kompis-litestream');
  const binary = join(prefix, 'node_modules', '@flydotio', 'litestream-linux-x64', 'litestream');
  if (!existsSync(binary)) execFileSync('npm', ['install', '--no-save', '--silent', '--prefix', prefix, '@flydotio/litestream-linux-x64@1.0.1'], { stdio: 'ignore' });
  return binary;
}

function answers(path: string): unknown[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('select p.name, a.answers from applications a join participants p on p.id = a.participant_id order by p.name').all();
  } finally {
    db.close();
  }
}

describe.skipIf(process.platform !== 'linux' || process.arch !== 'x64')('continuous copies with Litestream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kompis-litestream-'));
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('replicates to a folder while people apply; after Kompis is killed, the restored copy has every answer', async () => {
    const litestream = litestreamBinary();
    const tg = await new FakeTelegram().start();
    const programme = join(dir, 'programme.json');
    writeFileSync(programme, JSON.stringify({ ...demoSettings(), coordinatorInviteCode: 'a-code-of-this-test-only' }));
    const dbPath = join(dir, 'data', 'kompis.db');
    const replica = `file://${join(dir, 'replica')}`;
    const kompis = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: dbPath, KOMPIS_PROGRAMME: programme, TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, PORT: '0', LOG_LEVEL: 'error' },
      stdio: 'ignore',
    });
    children.push(kompis);
    try {
      await eventually(() => tg.called('deleteWebhook').length === 1, 15_000);
      // As the recipe runs it: beside Kompis, on the same file.
      const replicating = spawn(litestream, ['replicate', dbPath, replica], { stdio: 'ignore' });
      children.push(replicating);

      await Promise.all(
        Array.from({ length: PEOPLE }, async (_, i) => {
          const user = 9000 + i;
          for (const line of englishIntake(`Person${i}`)) {
            const before = tg.messagesTo(user).length;
            tg.push(tg.textUpdate(user, line));
            await eventually(() => tg.messagesTo(user).length > before, 10_000);
          }
        }),
      );
      const kept = answers(dbPath);
      expect(kept).toHaveLength(PEOPLE);

      const killed = new Promise((resolve) => kompis.once('exit', resolve));
      kompis.kill('SIGKILL');
      await killed;
      // Litestream ships what is in the write-ahead log within a second; then the machine is lost.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const stopped = new Promise((resolve) => replicating.once('exit', resolve));
      replicating.kill('SIGTERM');
      await stopped;
      rmSync(join(dir, 'data'), { recursive: true, force: true });

      const restored = join(dir, 'restored.db');
      execFileSync(litestream, ['restore', '-o', restored, replica], { stdio: 'ignore' });
      expect(answers(restored)).toEqual(kept);
    } finally {
      await tg.stop();
    }
  }, 120_000);
});
