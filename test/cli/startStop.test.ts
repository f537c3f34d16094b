import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, FakeTelegram } from '../helpers/fakeTelegram';
import { demoSettings } from '../helpers/testKit';

const ROOT = join(import.meta.dirname, '..', '..');
const USER = 5151;

/** `npm start` as a service manager runs it: its own process, stopped by a signal to that process only. */
function npmStart(env: Record<string, string>): ChildProcess {
  const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
  return child;
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; ms: number }> {
  const since = performance.now();
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, ms: performance.now() - since })));
}

describe('npm start, stopped by a service manager', () => {
  let tg: FakeTelegram;
  let dir: string;
  let env: Record<string, string>;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    tg = await new FakeTelegram().start();
    dir = mkdtempSync(join(tmpdir(), 'kompis-start-stop-'));
    const programme = join(dir, 'programme.json');
    writeFileSync(programme, JSON.stringify({ ...demoSettings(), coordinatorInviteCode: 'a-code-of-this-test-only' }));
    env = { DATABASE_PATH: join(dir, 'kompis.db'), KOMPIS_PROGRAMME: programme, TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, PORT: '0', LOG_LEVEL: 'error' };
  });
  afterEach(async () => {
    for (const child of children) child.kill('SIGKILL');
    await tg.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops cleanly within 10 s of SIGTERM to the npm process, and sends a queued message after the next start', async () => {
    // Telegram asks Kompis to wait before the first reply: it is queued when the signal comes.
    tg.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 2', parameters: { retry_after: 2 } });
    const first = npmStart(env);
    children.push(first);
    await eventually(() => tg.called('deleteWebhook').length === 1, 15_000);
    tg.push(tg.textUpdate(USER, '/start'));
    await eventually(() => tg.called('sendMessage').length === 1, 10_000);
    const exited = exitOf(first);
    first.kill('SIGTERM');
    const { code, ms } = await exited;
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    const db = new Database(env.DATABASE_PATH ?? '', { readonly: true });
    expect(db.prepare("select count(*) as n from outbox where status = 'pending'").get()).toEqual({ n: 1 });
    db.close();
    expect(tg.acceptedTo(USER)).toHaveLength(0);

    const second = npmStart(env);
    children.push(second);
    await eventually(() => tg.acceptedTo(USER).length === 1, 15_000);
    expect(tg.acceptedTo(USER)[0]?.payload.text).toContain('Choose your language.');
    const stopped = exitOf(second);
    second.kill('SIGTERM');
    expect((await stopped).code).toBe(0);
  }, 40_000);
});
