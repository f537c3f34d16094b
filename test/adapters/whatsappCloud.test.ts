import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadReplyTemplates } from '../../adapters/whatsapp-cloud/replyTemplates';
import { WhatsAppCloudAdapter } from '../../adapters/whatsapp-cloud/whatsappCloudAdapter';
import { type App, createApp } from '../../src/cli/app';
import { buildReport } from '../../src/evaluation/buildReport';
import { silentLogger } from '../../src/runtime/logger';
import { FakeChannel } from '../helpers/fakeChannel';
import { FakeGraphApi, hubSignature } from '../helpers/fakeGraph';
import { englishIntake, mentorRegistration } from '../helpers/intakeScript';
import { DAY_MS, demoProgramme, FakeClock } from '../helpers/testKit';
import { until } from '../helpers/until';

const SECRET = '0123456789abcdef0123456789abcdef';
const VERIFY = 'verify-token-123';
const OLENA = '4790000001';

describe('WhatsApp through the Cloud API (over HTTP, against a local fake of the Graph API)', () => {
  let api: FakeGraphApi;
  let app: App;
  let dir: string;
  let port: number;
  let console: FakeChannel;
  let web: FakeChannel;
  let seq = 0;
  const clock = new FakeClock();

  beforeEach(async () => {
    api = new FakeGraphApi();
    const apiUrl = await api.start();
    dir = mkdtempSync(join(tmpdir(), 'kompis-wacloud-'));
    const programme = demoProgramme();
    const adapter = new WhatsAppCloudAdapter({
      token: 'test-token-0123456789abcdef',
      phoneNumberId: api.phoneNumberId,
      appSecret: SECRET,
      verifyToken: VERIFY,
      apiUrl,
      programme: { name: programme.name, languages: programme.languages },
      templates: loadReplyTemplates(),
      listButton: () => 'Choose',
      logger: silentLogger,
      rateLimit: { perSecond: 1000, burst: 10, perChatPerSecond: 1000, perChatBurst: 10 },
    });
    console = new FakeChannel('console');
    // whatsapp-web.js as the store knows it: ids such as 4790000002@c.us.
    web = new FakeChannel('whatsapp', { maxButtons: 0, maxButtonLabel: 0, maxText: 4000, canInitiate: true });
    app = createApp({
      databasePath: join(dir, 'kompis.db'),
      programme,
      adapters: [adapter, console, web],
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

  const url = (query = '') => `http://127.0.0.1:${port}/whatsapp/webhook${query}`;
  async function post(body: string, signature: string | null = hubSignature(SECRET, body)): Promise<number> {
    const res = await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) }, body });
    await res.text();
    return res.status;
  }
  const notification = (value: Record<string, unknown>) =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA',
          changes: [
            { field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '4790000000', phone_number_id: api.phoneNumberId }, ...value } },
          ],
        },
      ],
    });
  const message = (from: string, fields: Record<string, unknown>, id = `wamid.in.${++seq}`) =>
    notification({ contacts: [{ profile: { name: 'Someone' }, wa_id: from }], messages: [{ from, id, timestamp: '1767000000', ...fields }] });
  const text = (from: string, body: string, id?: string) => message(from, { type: 'text', text: { body } }, id);
  const status = (id: string, state: string, code?: number) =>
    notification({ statuses: [{ id, status: state, timestamp: '1767000000', recipient_id: OLENA, ...(code ? { errors: [{ code, title: `error ${code}` }] } : {}) }] });

  /** The person's messages not yet sent (a turn's replies go one after another, within the rate limit). */
  const unsentTo = (from: string) =>
    rows("select o.id from outbox o join channel_identities i on i.participant_id = o.participant_id where i.external_user_id = ? and o.status = 'pending'", from).length;
  /** Answers as a person would: taps the button or list row with these words, else types them; waits for all of the reply. */
  async function answer(from: string, words: string): Promise<void> {
    const last = api.sentTo(from).at(-1);
    const choice = last?.choices.find((c) => c.title === words);
    const kind = last?.interactive === 'list' ? 'list_reply' : 'button_reply';
    const body = choice ? message(from, { type: 'interactive', interactive: { type: kind, [kind]: { id: choice.id, title: choice.title } } }) : text(from, words);
    const before = api.sentTo(from).length;
    expect(await post(body)).toBe(200);
    await until(() => api.sentTo(from).length > before && unsentTo(from) === 0, `a reply to "${words}"`);
  }
  /** Someone on the other fake channels, pressing a button with these words or typing them. */
  async function say(channel: FakeChannel, user: string, words: string): Promise<void> {
    const choice = channel
      .sentTo(user)
      .at(-1)
      ?.choices.find((c) => c.label === words);
    await channel.deliver(channel.inbound(user, choice ? { kind: 'choice', value: choice.value } : { kind: 'text', text: words }));
  }
  const templatesLastDay = async () => ((await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { templates: { sentLastDay: number } }).templates.sentLastDay;
  const rows = <T>(query: string, ...params: unknown[]) => app.store.sqlite.prepare(query).all(...params) as T[];

  it('refuses to start, in one line, when a language of the programme has no template', async () => {
    const adapter = new WhatsAppCloudAdapter({
      token: 'test-token-0123456789abcdef',
      phoneNumberId: api.phoneNumberId,
      appSecret: SECRET,
      verifyToken: VERIFY,
      apiUrl: 'http://127.0.0.1:9',
      programme: { name: 'Kompis', languages: ['en', 'pl'] },
      templates: loadReplyTemplates(),
      listButton: () => 'Choose',
      logger: silentLogger,
    });
    await expect(adapter.start(async () => undefined)).rejects.toMatchObject({ problems: [expect.stringMatching(/language "pl" has no WhatsApp template/)] });
  });

  it("answers Meta's verification challenge only with the verify token", async () => {
    const ok = await fetch(url(`?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`));
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
    const wrong = await fetch(url('?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444'));
    expect([wrong.status, await wrong.text()]).toEqual([403, '']);
  });

  it('refuses a forged or missing signature with 403 and handles nothing; the same webhook twice is handled once', async () => {
    const body = text(OLENA, '/start', 'wamid.same');
    expect(await post(body, hubSignature('ffffffffffffffffffffffffffffffff', body))).toBe(403);
    expect(await post(body, null)).toBe(403);
    expect(await post(body, 'sha256=')).toBe(403);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.calls).toHaveLength(0);
    expect(rows('select * from inbound_events')).toHaveLength(0);
    expect(await post(body)).toBe(200);
    await until(() => api.sentTo(OLENA).length === 1, 'the reply');
    expect(await post(body)).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(api.sentTo(OLENA)).toHaveLength(1);
    // A wamid carries the phone number: the stored event id does not.
    expect(rows('select event_id from inbound_events')).toEqual([{ event_id: expect.stringMatching(/^wac:[0-9a-f]{24}$/) }]);
    expect(await post('{"object": "page"}')).toBe(400);
  });

  it('takes a whole application through reply buttons, lists and typed answers, within what WhatsApp allows', async () => {
    for (const line of englishIntake('Olena')) await answer(OLENA, line);
    process.stderr.write(
      'DEBUG ' +
        JSON.stringify(
          api
            .sentTo(OLENA)
            .slice(-4)
            .map((m) => m.text?.slice(0, 80)),
        ) +
        '\n',
    );
    expect(api.sentTo(OLENA).at(-1)?.text).toContain('Thank you');
    expect(rows('select p.name, a.status from applications a join participants p on p.id = a.participant_id')).toEqual([{ name: 'Olena', status: 'submitted' }]);
    const sent = api.sentTo(OLENA);
    const buttons = sent.filter((m) => m.interactive === 'button');
    const lists = sent.filter((m) => m.interactive === 'list');
    expect(buttons.length).toBeGreaterThan(3);
    expect(lists.length).toBeGreaterThan(0);
    for (const m of buttons) expect(m.choices.every((c) => c.title.length <= 20) && m.choices.length <= 3).toBe(true);
    for (const m of lists) expect(m.choices.every((c) => c.title.length <= 24) && m.choices.length <= 10).toBe(true);
    for (const m of sent) expect(m.text.length).toBeLessThanOrEqual(m.interactive ? 1024 : 4096);
    // A question with more choices than a list holds is written as a numbered list, answered by typing.
    expect(sent.some((m) => m.type === 'text' && /\n1\. /.test(m.text))).toBe(true);
  });

  it('sends /mydata as a document, uploaded first, with its caption', async () => {
    for (const line of englishIntake('Olena')) await answer(OLENA, line);
    await answer(OLENA, '/mydata');
    await until(() => api.sentTo(OLENA).some((m) => m.type === 'document'), 'the file');
    expect(api.calls.filter((c) => c.path.endsWith('/media')).map((c) => c.body)).toEqual([{ type: 'text/plain', file: expect.stringMatching(/\.json$/) }]);
    expect(api.sentTo(OLENA).find((m) => m.type === 'document')).toMatchObject({ text: 'All your data, as a file.' });
  });

  it('a check-in due 30 days after the mentee last wrote goes out as one template; the held messages follow the reply, in order, once', async () => {
    await say(console, 'coco', '/coordinator demo-coordinators');
    for (const line of englishIntake('Olena')) await answer(OLENA, line);
    for (const line of mentorRegistration('Kari', 'Civil engineer', 'Woman')) await say(console, 'kari', line);
    const id = (name: string) => rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id;
    await say(console, 'coco', `/mentor ${id('Kari')} approve`);
    await say(console, 'coco', `/accept ${id('Olena')}`);
    await say(console, 'coco', `/match ${id('Olena')} ${id('Kari')}`);
    await until(
      () =>
        api
          .sentTo(OLENA)
          .at(-1)
          ?.choices.some((c) => c.title === 'Yes') === true,
      'the proposal',
    );
    await answer(OLENA, 'Yes');
    await say(console, 'kari', 'Yes');
    expect(rows('select status from pairs')).toEqual([{ status: 'active' }]);
    const before = api.sentTo(OLENA).length;

    for (let day = 1; day <= 30; day++) {
      clock.advance(DAY_MS);
      app.scheduler.runDue();
      await app.outbox.drain();
      if (day === 10) await say(console, 'coco', `/contact ${id('Olena')} How is it going with Kari?`);
      await app.outbox.drain();
      // What the template costs shows in /readyz: one sent in the last 24 hours, on the day it went.
      if (day === 10 || day === 12) expect(await templatesLastDay()).toBe(day === 10 ? 1 : 0);
    }
    const silent = api.sentTo(OLENA).slice(before);
    expect(silent.map((m) => m.type)).toEqual(['template']);
    expect(silent[0]?.template).toEqual({ name: 'kompis_new_message', language: 'en', params: [demoProgramme().name], payload: '@window' });
    const held = rows<{ id: number; dedupe_key: string }>(
      "select o.id, o.dedupe_key from outbox o join participants p on p.id = o.participant_id where p.name = 'Olena' and o.status = 'pending' order by o.id",
    );
    expect(held.some((r) => r.dedupe_key.startsWith('checkin:'))).toBe(true);

    // The reply to the template: its button.
    expect(await post(message(OLENA, { type: 'button', button: { payload: '@window', text: 'Show me' } }))).toBe(200);
    await until(() => api.sentTo(OLENA).length === before + 1 + held.length, 'the held messages');
    await app.outbox.drain();
    const after = api.sentTo(OLENA).slice(before + 1);
    // In the order they were written: the coordinator's message, the early fit check (two weeks in), the check-in.
    expect(after.map((m) => m.text)).toEqual([
      expect.stringContaining('How is it going with Kari?'),
      expect.stringContaining('Is this a good match for you?'),
      expect.stringContaining('check-in'),
    ]);
    expect(rows(`select status from outbox where id in (${held.map((r) => r.id).join(',')})`)).toEqual(held.map(() => ({ status: 'sent' })));
    // Nothing twice: neither the template nor what it held.
    clock.advance(DAY_MS);
    app.scheduler.runDue();
    await app.outbox.drain();
    expect(api.sentTo(OLENA)).toHaveLength(before + 1 + held.length);
    // And in the report's operations: what WhatsApp cost the programme.
    const report = buildReport(app.store.db, demoProgramme(), {}, clock.now(), 'programme');
    expect(report.sections.find((s) => s.id === 'operations')?.figures).toEqual([expect.objectContaining({ id: 'whatsappTemplates', value: 1 })]);
  });

  it("records Meta's delivery reports: a failure with a permanent code marks the person unreachable; a passing one sends again", async () => {
    await answer(OLENA, '/start');
    const first = api.sentTo(OLENA)[0];
    expect(await post(status(first?.id ?? '', 'delivered'))).toBe(200);
    expect(rows('select status, message from outbox')).toEqual([{ status: 'sent', message: '{"lines":[]}' }]);

    await answer(OLENA, 'English');
    const second = api.sentTo(OLENA).at(-1);
    expect(await post(status(second?.id ?? '', 'failed', 131000))).toBe(200);
    clock.advance(61_000);
    // Meta has it once the call arrives; the row is marked sent once Kompis reads the answer.
    await until(() => api.sentTo(OLENA).length === 3 && unsentTo(OLENA) === 0, 'the message sent again');
    expect(api.sentTo(OLENA)[2]?.text).toBe(second?.text);

    // A message Meta never reports on keeps its content no longer than a day.
    const unreported = rows<{ id: number }>(`select id from outbox where status = 'sent' and message <> '{"lines":[]}'`);
    expect(unreported).toHaveLength(1);
    clock.advance(DAY_MS + 1000);
    await answer(OLENA, 'I want a mentor');
    const third = api.sentTo(OLENA).at(-1);
    expect(await post(status(third?.id ?? '', 'failed', 131026))).toBe(200);
    expect(rows('select unreachable from participants')).toEqual([{ unreachable: 1 }]);
    expect(rows(`select message from outbox where id = ${unreported[0]?.id}`)).toEqual([{ message: '{"lines":[]}' }]);
    expect(rows('select status, last_error from outbox order by id desc limit 1')).toEqual([{ status: 'dead', last_error: '131026: error 131026' }]);
  });

  it('a person known from whatsapp-web.js by the same number, as @c.us or as a @lid with its number, goes on where they were', async () => {
    const script = englishIntake('Maria');
    for (const line of script.slice(0, 8)) await say(web, '4790000002@c.us', line);
    const asked = web.sentTo('4790000002@c.us').at(-1)?.text;
    for (const line of script.slice(8)) await answer('4790000002', line);
    expect(api.sentTo('4790000002')[0]?.text).not.toBe(asked);
    const lid = { conversationRef: { chatId: '88000111@lid', phone: '4790000003' } };
    for (const line of englishIntake('Nadia').slice(0, 8)) await web.deliver(web.inbound('88000111@lid', { kind: 'text', text: line }, lid));
    for (const line of englishIntake('Nadia').slice(8)) await answer('4790000003', line);
    expect(rows('select p.name, count(*) as identities from participants p join channel_identities c on c.participant_id = p.id group by p.id order by p.id')).toEqual([
      { name: 'Maria', identities: 2 },
      { name: 'Nadia', identities: 2 },
    ]);
    expect(rows('select count(*) as n from applications')).toEqual([{ n: 2 }]);
  });
});
