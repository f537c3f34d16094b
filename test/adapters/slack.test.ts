import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../adapters/slack/slackAdapter';
import { type App, createApp } from '../../src/cli/app';
import { silentLogger } from '../../src/runtime/logger';
import { FakeSlackApi, slackHeaders } from '../helpers/fakeSlack';
import { until } from '../helpers/until';
import { mentorRegistration } from '../helpers/intakeScript';
import { demoProgramme, FakeClock } from '../helpers/testKit';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5'.replace(/[yz]/g, 'f');

describe('the Slack channel (bolt over HTTP, against a local fake of the Web API)', () => {
  let api: FakeSlackApi;
  let app: App;
  let dir: string;
  let port: number;
  const clock = new FakeClock();
  let events = 0;

  beforeEach(async () => {
    api = new FakeSlackApi();
    const apiUrl = await api.start();
    dir = mkdtempSync(join(tmpdir(), 'kompis-slack-'));
    const adapter = new SlackAdapter({
      botToken: 'xoxb-test-token',
      apiUrl,
      mode: { socket: false, signingSecret: SECRET },
      logger: silentLogger,
      rateLimit: { perSecond: 1000, burst: 10, perChatPerSecond: 1000, perChatBurst: 10 },
      timeoutMs: 300,
    });
    app = createApp({
      databasePath: join(dir, 'kompis.db'),
      programme: demoProgramme(),
      adapters: [adapter],
      clock,
      logger: silentLogger,
      http: { port: 0, host: '127.0.0.1' },
    });
    await app.start();
    port = app.httpPort() ?? 0;
  });
  afterEach(async () => {
    await app.stop();
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function post(body: string, type: string, headers: Record<string, string> = slackHeaders(SECRET, body)): Promise<number> {
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': type, ...headers }, body });
    await res.text();
    return res.status;
  }
  const messageEvent = (text: string, eventId = `Ev${++events}`) =>
    JSON.stringify({
      type: 'event_callback',
      team_id: 'T1',
      api_app_id: 'A1',
      event_id: eventId,
      event_time: 1,
      event: { type: 'message', channel_type: 'im', channel: 'D1', user: 'U1', text, ts: `${events}.0` },
    });
  const say = (text: string) => post(messageEvent(text), 'application/json');
  const last = () => api.posted('D1').at(-1);
  const buttons = () => last()?.blocks.find((b) => b.type === 'actions')?.elements ?? [];
  async function click(label: string): Promise<void> {
    const message = last();
    const button = buttons().find((b) => b.text.text === label);
    if (!message || !button) throw new Error(`no button "${label}" in: ${message?.text}`);
    const payload = {
      type: 'block_actions',
      team: { id: 'T1' },
      api_app_id: 'A1',
      user: { id: 'U1' },
      trigger_id: `trigger-${++events}`,
      channel: { id: 'D1' },
      container: { type: 'message', message_ts: message.ts, channel_id: 'D1' },
      message: { ts: message.ts, text: message.text, blocks: message.blocks },
      actions: [{ type: 'button', action_id: 'choice:0', block_id: 'choices', value: button.value, text: { type: 'plain_text', text: label }, action_ts: `${events}.5` }],
    };
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const before = api.posted('D1').length;
    expect(await post(body, 'application/x-www-form-urlencoded')).toBe(200);
    await until(() => api.posted('D1').length > before, `a reply to "${label}"`);
  }
  async function typeAnswer(text: string): Promise<void> {
    const before = api.posted('D1').length;
    expect(await say(text)).toBe(200);
    await until(() => api.posted('D1').length > before, `a reply to "${text}"`);
  }

  it("answers a direct message with buttons, asking Slack for the person's locale once; not a channel, not a bot", async () => {
    const elsewhere = (event: Record<string, unknown>) =>
      JSON.stringify({
        type: 'event_callback',
        team_id: 'T1',
        api_app_id: 'A1',
        event_id: `Ev${++events}`,
        event_time: 1,
        event: { type: 'message', channel: 'C1', user: 'U2', text: 'hi', ts: '9.0', ...event },
      });
    expect(await post(elsewhere({ channel_type: 'channel' }), 'application/json')).toBe(200);
    expect(await post(elsewhere({ channel_type: 'im', channel: 'D9', bot_id: 'BBOT' }), 'application/json')).toBe(200);
    await typeAnswer('hello');
    expect(api.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.args.channel)).toEqual(['D1']);
    expect(last()?.text).toBe('Choose your language.\nVelg språk.');
    expect(buttons().map((b) => b.text.text)).toEqual(['English', 'Norsk bokmål']);
    await typeAnswer('English');
    expect(api.calls.filter((c) => c.method === 'users.info')).toEqual([{ method: 'users.info', args: expect.objectContaining({ user: 'U1', include_locale: 'true' }) }]);
  });

  it('refuses a wrong signature and a request older than five minutes, and handles a retried event once', async () => {
    const body = messageEvent('hello', 'EvSame');
    expect(await post(body, 'application/json', slackHeaders('0000000000000000ffffffffffffffff', body))).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    expect(await post(body, 'application/json', slackHeaders(SECRET, body, old))).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.posted('D1')).toHaveLength(0);
    expect(await post(body, 'application/json')).toBe(200);
    await until(() => api.posted('D1').length === 1, 'the reply');
    expect(await post(body, 'application/json', { ...slackHeaders(SECRET, body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(api.posted('D1')).toHaveLength(1);
  });

  it('answers a signed request that is no event with 400, one too large with 413, and goes on answering', async () => {
    expect(await post('null', 'application/json')).toBe(400);
    expect(await post('payload=null', 'application/x-www-form-urlencoded')).toBe(400);
    expect(await post('[1, 2]', 'application/json')).toBe(400);
    expect(await post('{"type": "event_callback", "event":', 'application/json')).toBe(400);
    const huge = messageEvent('x'.repeat(2 * 1024 * 1024));
    expect(await post(huge, 'application/json')).toBe(413);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.posted('D1')).toHaveLength(0);
    await typeAnswer('hello');
    expect(last()?.text).toBe('Choose your language.\nVelg språk.');
  });

  it('answers a click on an older question as an old button, never as the current one', async () => {
    await typeAnswer('hello');
    const first = last();
    await click('English');
    const before = api.posted('D1').length;
    const stale = { ...first, blocks: first?.blocks ?? [] };
    const payload = {
      type: 'block_actions',
      user: { id: 'U1' },
      trigger_id: 'trigger-stale',
      channel: { id: 'D1' },
      container: { type: 'message', message_ts: stale.ts, channel_id: 'D1' },
      message: { ts: stale.ts, text: stale.text, blocks: stale.blocks },
      actions: [{ type: 'button', action_id: 'choice:1', block_id: 'choices', value: 'nb', text: { type: 'plain_text', text: 'Norsk bokmål' }, action_ts: '99.1' }],
    };
    expect(await post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded')).toBe(200);
    await until(() => api.posted('D1').length > before, 'the answer to the old click');
    expect(last()?.text).toContain('That button is from an earlier question.');
    expect(app.store.sqlite.prepare('select language from participants').get()).toEqual({ language: 'en' });
  });

  it('registers a mentor through button clicks and typed answers, closing each answered question', async () => {
    const script = mentorRegistration('Kari', 'Civil engineer', 'Woman').slice(1);
    await typeAnswer('hi');
    for (const answer of script) {
      if (buttons().some((b) => b.text.text === answer)) await click(answer);
      else await typeAnswer(answer);
    }
    expect(last()?.text).toContain('Thank you');
    const db = app.store.sqlite;
    expect(db.prepare('select p.name, p.role, m.capacity from mentors m join participants p on p.id = m.participant_id').all()).toEqual([
      { name: 'Kari', role: 'mentor', capacity: 1 },
    ]);
    const updates = api.calls.filter((c) => c.method === 'chat.update');
    expect(updates.length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(updates[0]?.args.blocks)).toContain('✓ English');
    expect(JSON.stringify(updates[0]?.args.blocks)).not.toContain('"actions"');
  });

  it('runs the conversation commands through /kompis, and honours a 429 through the outbox', async () => {
    const command = new URLSearchParams({ command: '/kompis', text: 'help', user_id: 'U1', channel_id: 'D1', trigger_id: 'trig-1', team_id: 'T1' }).toString();
    expect(await post(command, 'application/x-www-form-urlencoded')).toBe(200);
    // Answered in the person's own DM with the app, opened for it (the command may come from any conversation).
    await until(() => api.posted('DU1').length === 1, 'the help');
    expect(api.posted('DU1')[0]?.text).toContain('/status');
    expect(api.calls.filter((c) => c.method === 'conversations.open').map((c) => c.args.users)).toEqual(['U1']);

    api.rateLimitNext = 1;
    expect(await say('hello')).toBe(200);
    await until(() => api.calls.filter((c) => c.method === 'chat.postMessage').length === 2, 'the refused post');
    await new Promise((r) => setTimeout(r, 50));
    const row = app.store.sqlite.prepare("select status, last_error, next_attempt_at from outbox where status = 'pending'").get() as {
      next_attempt_at: string;
      last_error: string;
    };
    expect(row.last_error).toBe('429: rate limited');
    expect(Date.parse(row.next_attempt_at) - clock.now().getTime()).toBe(7000);
    clock.advance(7000);
    await app.outbox.drain();
    // The post Slack refused, and the same message again seven seconds later.
    expect(api.posted('D1')).toHaveLength(2);
    expect(last()?.text).toBe('Choose your language.\nVelg språk.');
  });

  it('gives up a call Slack does not answer and sends the message once when it answers again', async () => {
    api.holdNext = 1;
    expect(await say('hello')).toBe(200);
    await until(() => app.store.sqlite.prepare("select 1 from outbox where status = 'pending' and last_error is not null").get() !== undefined, 'the timed-out post');
    expect(api.posted('D1')).toHaveLength(0);
    clock.advance(2000);
    await app.outbox.drain();
    expect(api.posted('D1').map((m) => m.text)).toEqual(['Choose your language.\nVelg språk.']);
  });
});
