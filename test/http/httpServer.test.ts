import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../adapters/slack/slackAdapter';
import { type App, createApp } from '../../src/cli/app';
import { silentLogger } from '../../src/runtime/logger';
import { eventually, FakeTelegram } from '../helpers/fakeTelegram';
import { FakeSlackApi, slackHeaders } from '../helpers/fakeSlack';
import { demoProgramme, FakeClock } from '../helpers/testKit';

const SLACK_SECRET = 'abcdef0123456789abcdef0123456789';
const TG_SECRET = 'webhook-secret';
const USER = 3131;

/** Kompis with Telegram over a webhook and Slack over HTTP, both on its one HTTP server. */
describe('the one HTTP server', () => {
  let tg: FakeTelegram;
  let slack: FakeSlackApi;
  let app: App;
  let dir: string;
  let clock: FakeClock;
  let base: string;

  beforeEach(async () => {
    tg = await new FakeTelegram().start();
    slack = new FakeSlackApi();
    const apiUrl = await slack.start();
    dir = mkdtempSync(join(tmpdir(), 'kompis-http-'));
    clock = new FakeClock();
    const slackAdapter = new SlackAdapter({
      botToken: 'xoxb-test-token',
      apiUrl,
      mode: { socket: false, signingSecret: SLACK_SECRET },
      logger: silentLogger,
      rateLimit: { perSecond: 1000, burst: 10, perChatPerSecond: 1000, perChatBurst: 10 },
    });
    app = createApp({
      databasePath: join(dir, 'kompis.db'),
      programme: demoProgramme(),
      adapters: [tg.adapter({ webhook: { url: 'https://kompis.example.org/telegram', secret: TG_SECRET } }), slackAdapter],
      clock,
      logger: silentLogger,
      http: { port: 0, host: '127.0.0.1', metrics: true },
    });
    await app.start();
    base = `http://127.0.0.1:${app.httpPort()}`;
  });
  afterEach(async () => {
    await app.stop();
    await tg.stop();
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const postTelegram = (body: string, secret = TG_SECRET) =>
    fetch(`${base}/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body });
  const postSlack = (body: string) => fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...slackHeaders(SLACK_SECRET, body) }, body });
  const slackMessage = (text: string) =>
    JSON.stringify({
      type: 'event_callback',
      team_id: 'T1',
      api_app_id: 'A1',
      event_id: 'Ev1',
      event_time: 1,
      event: { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text, ts: '1.0' },
    });
  const readyz = async () => {
    const res = await fetch(`${base}/readyz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('serves the Telegram webhook and Slack over HTTP on one port', async () => {
    expect((await postTelegram(JSON.stringify(tg.textUpdate(USER, '/start')))).status).toBe(200);
    expect((await postSlack(slackMessage('/start'))).status).toBe(200);
    await eventually(() => tg.messagesTo(USER).length === 1 && slack.posted('D1').length === 1);
    expect(tg.messagesTo(USER)[0]?.payload.text).toContain('Choose your language.');
    expect(slack.posted('D1')[0]?.text).toContain('Choose your language.');
  });

  it('answers /healthz, and /readyz with the database, the outbox and each channel', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ alive: true });
    expect((await fetch(`${base}/favicon.ico`)).status).toBe(204);
    expect(await readyz()).toEqual({
      status: 200,
      body: {
        ready: true,
        database: 'writable',
        outbox: { pending: 0, oldestDueSeconds: null, givenUpLastDay: 0 },
        channels: { telegram: 'connected', slack: 'connected' },
      },
    });
  });

  it("reports the age of the outbox's oldest due message", async () => {
    // Telegram asks to wait a minute: the reply waits in the outbox.
    tg.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 60', parameters: { retry_after: 60 } });
    expect((await postTelegram(JSON.stringify(tg.textUpdate(USER, '/start')))).status).toBe(200);
    await eventually(() => tg.messagesTo(USER).length === 1);
    await eventually(() => app.store.sqlite.prepare("select attempts from outbox where status = 'pending'").get() !== undefined);
    expect((await readyz()).body.outbox).toMatchObject({ pending: 1, oldestDueSeconds: null });
    clock.advance(5 * 60_000);
    expect((await readyz()).body.outbox).toEqual({ pending: 1, oldestDueSeconds: 240, givenUpLastDay: 0 });
  });

  it('serves /metrics in Prometheus text: the outbox, the channels, and turns with their latencies', async () => {
    expect((await postTelegram(JSON.stringify(tg.textUpdate(USER, '/start')))).status).toBe(200);
    await eventually(() => tg.messagesTo(USER).length === 1);
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('kompis_ready 1\n');
    expect(text).toContain('kompis_outbox_pending 0\n');
    expect(text).toContain('kompis_channel_connected{channel="slack",state="connected"} 1\n');
    expect(text).toContain('kompis_turn_seconds_count{channel="telegram"} 1\n');
    expect(text).toMatch(/kompis_turn_seconds_bucket\{channel="telegram",le="\+Inf"\} 1\n/);
  });

  it('answers /readyz 503 when the database takes no writes', async () => {
    app.store.sqlite.pragma('query_only = ON');
    const { status, body } = await readyz();
    expect(status).toBe(503);
    expect(body).toMatchObject({ ready: false, database: expect.stringMatching(/^not writable: /) });
    app.store.sqlite.pragma('query_only = OFF');
    expect((await readyz()).status).toBe(200);
  });

  it('answers malformed requests with 4xx and goes on serving', async () => {
    const huge = JSON.stringify(tg.textUpdate(USER, 'x'.repeat(2 * 1024 * 1024)));
    expect((await postTelegram(huge)).status).toBe(413);
    expect((await postSlack(slackMessage('x'.repeat(2 * 1024 * 1024)))).status).toBe(413);
    expect((await postTelegram('{"update_id": 1, "message":')).status).toBe(400);
    expect((await postTelegram('null')).status).toBe(400);
    expect((await postSlack('null')).status).toBe(400);
    expect((await postSlack('[1, 2')).status).toBe(400);
    expect((await postTelegram(JSON.stringify(tg.textUpdate(USER, '/start')), 'wrong')).status).toBe(401);
    expect((await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${base}/telegram`)).status).toBe(404);
    // A body sent in chunks, without a declared length, is cut off at the limit too.
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 3; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(512 * 1024)));
        controller.close();
      },
    });
    const res = await fetch(`${base}/telegram`, {
      method: 'POST',
      headers: { 'x-telegram-bot-api-secret-token': TG_SECRET },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await postTelegram(JSON.stringify(tg.textUpdate(USER, '/start')))).status).toBe(200);
    await eventually(() => tg.messagesTo(USER).length === 1);
  });
});
