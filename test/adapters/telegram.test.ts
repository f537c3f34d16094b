import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { splitText } from '../../src/channels/splitText';
import { TELEGRAM_RATE_LIMIT, TelegramAdapter, type TelegramOptions } from '../../adapters/telegram/telegramAdapter';
import { type App, createApp } from '../../src/cli/app';
import { silentLogger } from '../../src/runtime/logger';
import { type ApiCall, eventually, FakeTelegram } from '../helpers/fakeTelegram';
import { ENGLISH_INTAKE, mentorRegistration } from '../helpers/intakeScript';
import { FakeChannel } from '../helpers/fakeChannel';
import { demoProgramme, demoSettings, FakeClock } from '../helpers/testKit';

const USER = 4242;

interface Button {
  text: string;
  callback_data: string;
}

function buttonsOf(call: ApiCall | undefined): Button[] {
  const markup = call?.payload.reply_markup as { inline_keyboard?: Button[][] } | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
}

/** Kompis on a real grammY bot that talks to a fake Bot API on 127.0.0.1. */
describe('the Telegram channel', () => {
  let tg: FakeTelegram;
  let app: App;
  let adapter: TelegramAdapter;
  let dir: string;
  const clock = new FakeClock();

  beforeEach(async () => {
    tg = await new FakeTelegram().start();
    dir = mkdtempSync(join(tmpdir(), 'kompis-telegram-'));
  });
  afterEach(async () => {
    await app.stop();
    await tg.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function startKompis(extra: Partial<TelegramOptions> = {}) {
    adapter = tg.adapter(extra);
    app = createApp({
      databasePath: join(dir, 'kompis.db'),
      programme: demoProgramme(),
      adapters: [adapter],
      clock,
      logger: silentLogger,
      http: { port: 0, host: '127.0.0.1' },
    });
    await app.start();
  }

  /** Says each line; where the last message has a button with exactly that label, presses it. */
  async function converse(deliver: (update: Record<string, unknown>) => Promise<unknown>, script: string[]) {
    for (const line of script) {
      const sent = tg.messagesTo(USER);
      const last = sent.at(-1);
      const button = buttonsOf(last).find((b) => b.text === line);
      const update = button && last ? tg.pressUpdate(USER, last, button.callback_data) : tg.textUpdate(USER, line);
      await deliver(update);
      await eventually(() => tg.messagesTo(USER).length > sent.length);
    }
  }

  const poll = async (update: Record<string, unknown>) => tg.push(update);
  const applications = () => app.store.sqlite.prepare('select status from applications').all();

  it('takes a whole application over long polling, with buttons and typed answers', async () => {
    await startKompis();
    await converse(poll, ENGLISH_INTAKE);

    expect(tg.messagesTo(USER).at(-1)?.payload.text).toContain('Thank you! Your application is sent.');
    expect(applications()).toEqual([{ status: 'submitted' }]);
    const presses = tg.calls.filter((c) => c.method === 'answerCallbackQuery').length;
    expect(presses).toBeGreaterThan(3);
    expect(tg.called('editMessageText').map((c) => c.payload.text)).toContainEqual(expect.stringMatching(/Do you agree\?\n\n✓ Yes, I agree$/));
    for (const call of tg.called('sendMessage')) {
      expect(call.payload.parse_mode).toBeUndefined();
      for (const b of buttonsOf(call)) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    }
  });

  it("offers a mentee's Telegram username to the mentor in the pair's introduction, and nothing when there is none", async () => {
    adapter = tg.adapter();
    const console = new FakeChannel();
    app = createApp({ databasePath: join(dir, 'kompis.db'), programme: demoProgramme(), adapters: [adapter, console], clock, logger: silentLogger });
    await app.start();
    // Telegram names the user's username in every update, when they have one.
    const named = async (update: Record<string, unknown>) => {
      const inner = (update.message ?? update.callback_query) as { from: Record<string, unknown> };
      inner.from.username = 'olena_k77';
      return tg.push(update);
    };
    await converse(named, ENGLISH_INTAKE);
    const say = (as: string, text: string) => console.deliver(console.inbound(as, { kind: 'text', text }));
    for (const line of mentorRegistration('Kari', 'Civil engineer', 'Woman')) await say('kari', line);
    await say('coco', '/coordinator demo-coordinators');
    await say('coco', '/mentor 2 approve');
    await say('coco', '/accept 1');
    await say('coco', '/match 1 2');
    await converse(named, ['/proposal 1 yes']);
    await say('kari', '/proposal 1 yes');
    await eventually(() => tg.messagesTo(USER).some((m) => String(m.payload.text).includes('You are now a pair')));
    const question = tg.messagesTo(USER).find((m) => String(m.payload.text).includes('You are now a pair'));
    expect(question?.payload.text).toContain('Kompis can give Kari your Telegram username @olena_k77.');
    expect(buttonsOf(question).map((b) => b.text)).toEqual(['Plan the start', 'Yes, give it', 'Only through Kompis']);
    // Kari, on the console, has nothing to share: she is told about /write only.
    expect(console.sentTo('kari').at(-1)?.text).toContain('You and Olena can write to each other through Kompis: write /write and your message.');
    expect(console.sentTo('kari').at(-1)?.text).not.toContain('Kompis can give');

    await converse(named, ['Yes, give it']);
    await app.outbox.drain();
    expect(console.sentTo('kari').at(-1)?.text).toContain('Olena is happy for you to contact them directly: Telegram username @olena_k77.');
  });

  it('sends a person their data as a JSON document with a caption', async () => {
    await startKompis();
    await converse(poll, ENGLISH_INTAKE);
    const before = tg.calls.length;
    await poll(tg.textUpdate(USER, '/mydata'));
    await eventually(() => tg.called('sendDocument').length === 1);
    expect(tg.messagesTo(USER).at(-1)?.payload.text).toContain('This is what Kompis keeps about you.');
    const [upload] = tg.called('sendDocument');
    expect(upload?.payload).toMatchObject({ chat_id: String(USER), caption: 'All your data, as a file.' });
    const file = upload?.payload.document as { filename: string; content: string };
    expect(file.filename).toMatch(/^kompis-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(file.content)).toMatchObject({ person: { name: 'Olena' }, applications: [{ answers: { region: 'Bergen' } }] });
    expect(tg.calls.slice(before).filter((c) => c.method === 'sendMessage')).toHaveLength(1);
  });

  it('takes a whole application over a webhook and refuses a request with the wrong secret', async () => {
    await startKompis({ webhook: { url: 'https://kompis.example.org/telegram', secret: 'right-secret' } });
    expect(tg.called('setWebhook')[0]?.payload).toMatchObject({
      url: 'https://kompis.example.org/telegram',
      secret_token: 'right-secret',
    });
    const post = (update: Record<string, unknown>, secret: string) =>
      fetch(`http://127.0.0.1:${app.httpPort()}/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body: JSON.stringify(update),
      });

    const refused = await post(tg.textUpdate(USER, '/start'), 'wrong-secret');
    expect(refused.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tg.messagesTo(USER)).toHaveLength(0);

    await converse(async (update) => expect((await post(update, 'right-secret')).status).toBe(200), ENGLISH_INTAKE);
    expect(applications()).toEqual([{ status: 'submitted' }]);
  });

  it('answers every webhook request at once and another person within a second while one chat floods 60 messages', async () => {
    const webhook = { url: 'https://kompis.example.org/telegram', secret: 'right-secret' };
    // Telegram's real limits: one message a second per chat, with short bursts.
    await startKompis({ webhook, rateLimit: TELEGRAM_RATE_LIMIT });
    const post = async (update: Record<string, unknown>) => {
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${app.httpPort()}/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhook.secret },
        body: JSON.stringify(update),
      });
      await res.text();
      return { status: res.status, ms: performance.now() - started };
    };
    const FLOODER = 7001;
    const OTHER = 7002;
    // A forward of many messages at once: Telegram posts them over several connections.
    const flood = await Promise.all(Array.from({ length: 60 }, (_, i) => post(tg.textUpdate(FLOODER, `message ${i}`))));
    const asked = performance.now();
    const other = await post(tg.textUpdate(OTHER, '/start'));
    await eventually(() => tg.messagesTo(OTHER).length === 1, 5000);

    expect(flood.map((r) => r.status)).toEqual(flood.map(() => 200));
    expect(Math.max(...flood.map((r) => r.ms))).toBeLessThan(1000);
    expect(other).toMatchObject({ status: 200 });
    expect(other.ms).toBeLessThan(1000);
    expect((tg.messagesTo(OTHER)[0]?.at ?? Infinity) - asked).toBeLessThan(1000);
    // The flooder is answered too, at the pace Telegram allows: a short burst, then one a second.
    expect(tg.messagesTo(FLOODER).length).toBeGreaterThanOrEqual(1);
    expect(tg.messagesTo(FLOODER).length).toBeLessThanOrEqual(TELEGRAM_RATE_LIMIT.perChatBurst + 2);
    // What the limit held back, the outbox sends by itself: nobody drains it here.
    await eventually(() => tg.messagesTo(FLOODER).length >= TELEGRAM_RATE_LIMIT.perChatBurst + 2, 5000);
  });

  it('over long polling too, answers another person within a second while one chat floods 60 messages', async () => {
    await startKompis({ rateLimit: TELEGRAM_RATE_LIMIT });
    const FLOODER = 7001;
    const OTHER = 7002;
    for (let i = 0; i < 60; i++) tg.push(tg.textUpdate(FLOODER, `message ${i}`));
    const asked = performance.now();
    tg.push(tg.textUpdate(OTHER, '/start'));
    await eventually(() => tg.messagesTo(OTHER).length === 1, 5000);
    expect((tg.messagesTo(OTHER)[0]?.at ?? Infinity) - asked).toBeLessThan(1000);
  });

  it('answers a webhook update it cannot store with 500, so that Telegram delivers it again', async () => {
    const webhook = { url: 'https://kompis.example.org/telegram', secret: 'right-secret' };
    await startKompis({ webhook });
    const post = async (update: Record<string, unknown>) => {
      const res = await fetch(`http://127.0.0.1:${app.httpPort()}/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': webhook.secret },
        body: JSON.stringify(update),
      });
      await res.text();
      return res.status;
    };
    const update = tg.textUpdate(USER, '/start');
    // Nothing can be written, as when the disk is full.
    app.store.sqlite.pragma('query_only = ON');
    expect(await post(update)).toBe(500);
    expect(app.store.sqlite.prepare('select count(*) as n from inbound_events').get()).toEqual({ n: 0 });

    app.store.sqlite.pragma('query_only = OFF');
    expect(await post(update)).toBe(200);
    await eventually(() => tg.messagesTo(USER).length === 1);
    expect(tg.messagesTo(USER)[0]?.payload.text).toContain('Choose your language.');
  });

  it('waits as long as a 429 asks and then sends the message once', async () => {
    await startKompis();
    tg.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 30',
      parameters: { retry_after: 30 },
    });
    tg.push(tg.textUpdate(USER, '/start'));
    await eventually(() => tg.called('sendMessage').length === 1);
    // The outbox records the 429 just after the fake answered it: inbound handling no longer waits for sends.
    await eventually(() => app.store.sqlite.prepare('select last_error from outbox where last_error is not null').get() !== undefined);
    expect(tg.messagesTo(USER)).toHaveLength(1);
    const row = app.store.sqlite.prepare('select status, next_attempt_at, last_error from outbox').get() as {
      status: string;
      next_attempt_at: string;
      last_error: string;
    };
    expect(row.status).toBe('pending');
    expect(Date.parse(row.next_attempt_at) - clock.now().getTime()).toBe(30_000);
    expect(row.last_error).toContain('429');

    clock.advance(29_000);
    await app.outbox.drain();
    expect(tg.called('sendMessage')).toHaveLength(1);
    clock.advance(1_000);
    await app.outbox.drain();
    await app.outbox.drain();
    expect(tg.called('sendMessage')).toHaveLength(2);
    expect(app.store.sqlite.prepare('select status from outbox').all()).toEqual([{ status: 'sent' }]);
  });

  it('marks a person who blocked the bot unreachable and does not try again', async () => {
    await startKompis();
    tg.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    tg.push(tg.textUpdate(USER, '/start'));
    await eventually(() => app.store.sqlite.prepare("select 1 from outbox where status = 'dead'").get() !== undefined);
    expect(app.store.sqlite.prepare('select unreachable from participants').all()).toEqual([{ unreachable: 1 }]);
    clock.advance(3_600_000);
    await app.outbox.drain();
    expect(tg.called('sendMessage')).toHaveLength(1);
  });

  it('handles an update delivered twice once', async () => {
    await startKompis();
    const update = tg.textUpdate(USER, '/start');
    tg.push(update);
    tg.push(update);
    await eventually(() => tg.messagesTo(USER).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tg.messagesTo(USER)).toHaveLength(1);
  });

  it('treats a second tap on an answered keyboard as an old button', async () => {
    await startKompis();
    await converse(poll, ['/start']);
    const languageQuestion = tg.messagesTo(USER).at(-1);
    if (!languageQuestion) throw new Error('no question');
    tg.push(tg.pressUpdate(USER, languageQuestion, 'en'));
    tg.push(tg.pressUpdate(USER, languageQuestion, 'en'));
    await eventually(() => tg.messagesTo(USER).length === 3);
    expect(tg.messagesTo(USER)[1]?.payload.text).toContain('What brings you here?');
    expect(tg.messagesTo(USER)[2]?.payload.text).toContain('That button is from an earlier question.');
  });

  it('lands a poster deep link (t.me/<bot>?start=apply) in the application', async () => {
    await startKompis();
    tg.push(tg.textUpdate(USER, '/start apply'));
    await eventually(() => tg.messagesTo(USER).length === 1);
    expect(tg.messagesTo(USER)[0]?.payload.text).toContain('Choose your language.');
  });

  it('offers the language of the Telegram app first', async () => {
    await startKompis();
    tg.push(tg.textUpdate(USER, '/start', { languageCode: 'nb' }));
    await eventually(() => tg.messagesTo(USER).length === 1);
    expect(buttonsOf(tg.messagesTo(USER)[0]).map((b) => b.text)).toEqual(['Norsk bokmål', 'English']);
  });

  it('answers a voice note with a short note about text and the coordinator contact', async () => {
    await startKompis();
    const voice = tg.textUpdate(USER, '');
    const message = voice.message as Record<string, unknown>;
    delete message.text;
    message.voice = { file_id: 'v1', file_unique_id: 'u1', duration: 3 };
    tg.push(voice);
    await eventually(() => tg.messagesTo(USER).length === 1);
    expect(tg.messagesTo(USER)[0]?.payload.text).toContain('I can only read text.');
    expect(tg.messagesTo(USER)[0]?.payload.text).toContain('coordinator@example.org');
  });

  it('answers only in private chats and says so once in a group', async () => {
    await startKompis();
    tg.push(tg.textUpdate(USER, '/start', { chatType: 'group', chatId: -100 }));
    tg.push(tg.textUpdate(USER, '/help', { chatType: 'group', chatId: -100 }));
    await eventually(() => tg.messagesTo(-100).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tg.messagesTo(-100)).toHaveLength(1);
    expect(tg.messagesTo(-100)[0]?.payload.text).toBe('I only talk in private chats: https://t.me/kompis_test_bot');
    expect(app.store.sqlite.prepare('select count(*) as n from participants').get()).toEqual({ n: 0 });
  });

  it('stops with one line naming the token when Telegram refuses it', async () => {
    tg.failNext('getMe', { error_code: 401, description: 'Unauthorized' });
    await expect(startKompis()).rejects.toThrow(/^TELEGRAM_BOT_TOKEN: Telegram did not accept the token \(401/);
  });
});

describe('npm start with a Telegram token', () => {
  it('runs on Telegram instead of the console and stops cleanly on SIGTERM', async () => {
    const tg = await new FakeTelegram().start();
    const dir = mkdtempSync(join(tmpdir(), 'kompis-telegram-main-'));
    // A programme of its own: a chat channel does not start with the demo's published coordinator code.
    const programme = join(dir, 'programme.json');
    writeFileSync(programme, JSON.stringify({ ...demoSettings(), coordinatorInviteCode: 'our-own-code-4f9a2c' }));
    const child = spawn(process.execPath, ['bin/kompis.mjs'], {
      cwd: join(import.meta.dirname, '..', '..'),
      env: {
        ...process.env,
        DATABASE_PATH: join(dir, 'kompis.db'),
        TELEGRAM_BOT_TOKEN: tg.token,
        TELEGRAM_API_ROOT: tg.apiRoot,
        KOMPIS_PROGRAMME: programme,
        LOG_LEVEL: 'warn',
      },
    });
    try {
      await eventually(() => tg.called('deleteWebhook').length === 1, 10_000);
      tg.push(tg.textUpdate(USER, '/start'));
      await eventually(() => tg.messagesTo(USER).length === 1, 10_000);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await tg.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Posts `body` to a webhook with the right secret; a cut-off upload sends part of it and hangs up. */
/**
 * POSTs `body` to the webhook and resolves with the status, or 'hung up' when the server closed the
 * connection. `cutOffAfter`: the client gives up after that many bytes. `answerFirst`: the body is
 * held back after its first kilobyte until the server has had time to answer the headers alone (as it
 * does to a length over the limit), so the answer is read before the server closes the connection.
 */
function rawPost(port: number, body: string | Buffer, options: { secret: string; cutOffAfter?: number; answerFirst?: boolean }): Promise<number | 'hung up'> {
  return new Promise((resolve, reject) => {
    const bytes = Buffer.from(body);
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/telegram',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': bytes.length, 'x-telegram-bot-api-secret-token': options.secret },
    });
    req.once('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', (err) => (options.cutOffAfter === undefined && !('code' in err && err.code === 'EPIPE') ? reject(err) : resolve('hung up')));
    if (options.answerFirst) {
      req.write(bytes.subarray(0, 1024));
      const rest = setTimeout(() => req.end(bytes.subarray(1024)), 2000);
      req.once('response', () => clearTimeout(rest));
      return;
    }
    if (options.cutOffAfter === undefined) return void req.end(bytes);
    req.write(bytes.subarray(0, options.cutOffAfter), () => setTimeout(() => req.destroy(), 50));
  });
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('npm start with a Telegram webhook', () => {
  it('answers bad requests with 400 or 413 and keeps running', async () => {
    const tg = await new FakeTelegram().start();
    const dir = mkdtempSync(join(tmpdir(), 'kompis-telegram-webhook-'));
    const programme = join(dir, 'programme.json');
    writeFileSync(programme, JSON.stringify({ ...demoSettings(), coordinatorInviteCode: 'a-code-of-this-test-only' }));
    const port = await freePort();
    const secret = 'webhook-secret';
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts'], {
      cwd: join(import.meta.dirname, '..', '..'),
      env: {
        ...process.env,
        DATABASE_PATH: join(dir, 'kompis.db'),
        KOMPIS_PROGRAMME: programme,
        TELEGRAM_BOT_TOKEN: tg.token,
        TELEGRAM_API_ROOT: tg.apiRoot,
        TELEGRAM_WEBHOOK_URL: 'https://kompis.example.org/telegram',
        TELEGRAM_WEBHOOK_SECRET: secret,
        PORT: String(port),
        LOG_LEVEL: 'error',
      },
    });
    let exitCode: number | null = null;
    child.once('exit', (code) => {
      exitCode = code;
    });
    try {
      await eventually(() => tg.called('setWebhook').length === 1, 10_000);
      expect(await rawPost(port, '', { secret })).toBe(400);
      expect(await rawPost(port, '{"update_id": 1, "message":', { secret })).toBe(400);
      expect(await rawPost(port, 'null', { secret })).toBe(400);
      expect(await rawPost(port, '{"update_id": 2, "message": {}}', { secret })).toBe(400);
      expect(await rawPost(port, JSON.stringify(tg.textUpdate(USER, '/start')), { secret, cutOffAfter: 20 })).toBe('hung up');
      const huge = JSON.stringify(tg.textUpdate(USER, 'x'.repeat(2 * 1024 * 1024)));
      expect(await rawPost(port, huge, { secret, answerFirst: true })).toBe(413);
      expect(await rawPost(port, JSON.stringify(tg.textUpdate(USER, '/start')), { secret: 'wrong' })).toBe(401);

      // Still running, and still answering people.
      expect(await rawPost(port, JSON.stringify(tg.textUpdate(USER, '/start')), { secret })).toBe(200);
      await eventually(() => tg.messagesTo(USER).length === 1, 10_000);
      expect(tg.messagesTo(USER)[0]?.payload.text).toContain('Choose your language.');
      expect(exitCode).toBeNull();
    } finally {
      child.kill('SIGKILL');
      await tg.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('splitting long texts for Telegram', () => {
  it('cuts at line ends, never beyond the limit, and loses nothing', () => {
    const text = Array.from({ length: 300 }, (_, i) => `Line ${i}: ${'word '.repeat(10)}`).join('\n');
    const parts = splitText(text, 4096);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
    expect(parts.join('\n').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
    expect(splitText('x'.repeat(9000), 4096).map((p) => p.length)).toEqual([4096, 4096, 808]);
  });
});
