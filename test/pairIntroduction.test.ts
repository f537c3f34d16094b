import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../adapters/slack/slackAdapter';
import { WhatsAppAdapter } from '../adapters/whatsapp/whatsappAdapter';
import type { WhatsAppClient, WhatsAppMessage } from '../adapters/whatsapp/whatsappClient';
import { type App, createApp } from '../src/cli/app';
import type { Logger } from '../src/runtime/logger';
import { FakeChannel } from './helpers/fakeChannel';
import { FakeSlackApi, slackHeaders } from './helpers/fakeSlack';
import { englishIntake, mentorRegistration } from './helpers/intakeScript';
import { demoProgramme, FakeClock } from './helpers/testKit';
import { until } from './helpers/until';

const SECRET = '8f742231b10e8888abcd99ffffff85a5';
/** Amina's WhatsApp number (as WhatsApp writes her id) and Kari's Slack member id: their accounts. */
const AMINA_NUMBER = '4790000731';
const AMINA = `${AMINA_NUMBER}@c.us`;
const KARI = 'U0KARI77';
const KARI_DM = 'D0KARI77';
/** Words that appear only in what the two write to each other. */
const FROM_KARI = 'Shall we meet Tuesday at Qx7vLibrary?';
const FROM_AMINA = 'Tuesday suits me, Zr4pHello';

/** A whatsapp-web.js client as the adapter sees it: events in, sendMessage out. */
class FakeWhatsAppClient extends EventEmitter implements WhatsAppClient {
  constructor(private readonly sent: { chatId: string; text: string; document?: string }[]) {
    super();
  }
  async initialize(): Promise<void> {
    setImmediate(() => this.emit('ready'));
  }
  async sendMessage(chatId: string, text: string): Promise<unknown> {
    this.sent.push({ chatId, text });
    return {};
  }
  async sendDocument(chatId: string, document: { content: string }, caption: string): Promise<unknown> {
    this.sent.push({ chatId, text: caption, document: document.content });
    return {};
  }
  async destroy(): Promise<void> {}
}

describe('a mentee on WhatsApp and a mentor on Slack reach each other through Kompis', () => {
  let dir: string;
  let app: App;
  let api: FakeSlackApi;
  let whatsapp: FakeWhatsAppClient | undefined;
  let toAmina: { chatId: string; text: string; document?: string }[];
  let coordinatorChannel: FakeChannel;
  let logs: string[];
  let port: number;
  let counter = 0;
  const clock = new FakeClock();
  const logger: Logger = {
    debug: (m, f) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
    info: (m, f) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
    warn: (m, f) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
    error: (m, f) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kompis-reach-'));
    toAmina = [];
    logs = [];
    api = new FakeSlackApi();
    const apiUrl = await api.start();
    const rateLimit = { perSecond: 1000, burst: 10, perChatPerSecond: 1000, perChatBurst: 10 };
    const wa = new WhatsAppAdapter({
      createClient: async () => {
        whatsapp = new FakeWhatsAppClient(toAmina);
        return whatsapp;
      },
      qrPngPath: join(dir, 'qr.png'),
      logger,
      print: () => undefined,
      backoffMs: () => 5,
      rateLimit,
    });
    const slack = new SlackAdapter({ botToken: 'xoxb-test', apiUrl, mode: { socket: false, signingSecret: SECRET }, logger, rateLimit, timeoutMs: 300 });
    coordinatorChannel = new FakeChannel();
    app = createApp({
      databasePath: join(dir, 'kompis.db'),
      programme: demoProgramme(),
      adapters: [wa, slack, coordinatorChannel],
      clock,
      logger,
      http: { port: 0, host: '127.0.0.1' },
    });
    await app.start();
    port = app.httpPort() ?? 0;
    await until(() => logs.some((l) => l.startsWith('WhatsApp: connected')), 'WhatsApp ready');
  });
  afterEach(async () => {
    await app.stop();
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const toKari = () => api.posted(KARI_DM).map((m) => m.text);

  async function amina(text: string): Promise<void> {
    const before = toAmina.length;
    const message: WhatsAppMessage = { id: { _serialized: `false_${AMINA}_${++counter}` }, from: AMINA, fromMe: false, body: text, type: 'chat', hasMedia: false, isStatus: false };
    whatsapp?.emit('message', message);
    await until(() => toAmina.length > before, `a reply to Amina's "${text}"`);
  }

  async function kari(text: string): Promise<void> {
    const before = toKari().length;
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T1',
      api_app_id: 'A1',
      event_id: `Ev${++counter}`,
      event_time: 1,
      event: { type: 'message', channel_type: 'im', channel: KARI_DM, user: KARI, text, ts: `${counter}.0` },
    });
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...slackHeaders(SECRET, body) }, body });
    await res.text();
    await until(() => toKari().length > before, `a reply to Kari's "${text}"`);
  }

  async function coco(text: string): Promise<void> {
    await coordinatorChannel.deliver(coordinatorChannel.inbound('coco', { kind: 'text', text }));
  }

  const rows = <T>(query: string, ...params: unknown[]) => app.store.sqlite.prepare(query).all(...params) as T[];
  const idOf = (name: string) => rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? 0;

  /** Every text of every table, as one string per row. */
  function everyTable(): string[] {
    const tables = rows<{ name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'");
    return tables.flatMap(({ name }) => rows<Record<string, unknown>>(`select * from "${name}"`).map((r) => `${name}: ${JSON.stringify(r)}`));
  }
  const onDisk = (mark: string) => [join(dir, 'kompis.db'), join(dir, 'kompis.db-wal')].filter((f) => existsSync(f)).some((f) => readFileSync(f).includes(mark));

  /** Amina applies on WhatsApp, Kari registers on Slack, the coordinator matches them and both say yes. */
  async function activePair(): Promise<number> {
    for (const line of englishIntake('Amina')) await amina(line);
    for (const line of mentorRegistration('Kari', 'Civil engineer', 'Woman')) await kari(line);
    await coco('/coordinator demo-coordinators');
    const [menteeId, mentorId] = [idOf('Amina'), idOf('Kari')];
    await coco(`/mentor ${mentorId} approve`);
    await coco(`/accept ${menteeId}`);
    await coco(`/match ${menteeId} ${mentorId}`);
    await app.outbox.drain();
    const pairId = rows<{ id: number }>('select id from pairs')[0]?.id ?? 0;
    await amina(`/proposal ${pairId} yes`);
    await kari(`/proposal ${pairId} yes`);
    await until(() => toAmina.some((m) => m.text.includes('Kompis can give Kari your WhatsApp number +4790000731')), 'the question to Amina');
    return pairId;
  }

  it('introduces them, carries their messages both ways without their accounts, and leaves nothing after one deletes', async () => {
    const pairId = await activePair();

    // Each is asked, in their own chat, about what their own channel has.
    expect(toKari().at(-1)).toContain(`Kompis can give Amina your Slack member ID ${KARI}`);
    expect(toAmina.at(-1)?.text).toMatch(/\d\. Yes, give it\n\d\. Only through Kompis/);

    // Amina allows her number; Kari keeps to Kompis.
    await amina(`/introduce ${pairId} yes`);
    expect(toAmina.at(-1)?.text).toContain('Kari gets your WhatsApp number +4790000731');
    await until(() => toKari().some((t) => t.includes('Amina is happy for you to contact them directly: WhatsApp number +4790000731')), 'the number to Kari');
    await kari(`/introduce ${pairId} no`);
    expect(toKari().at(-1)).toContain('Amina does not get your number or account');
    await until(() => toAmina.some((m) => m.text.includes('Kari would like to keep in touch through Kompis')), 'the choice to Amina');
    // Once: answering again sends nothing more.
    await amina(`/introduce ${pairId} yes`);
    expect(toAmina.at(-1)?.text).toContain('You have already answered this');
    expect(toKari().filter((t) => t.includes('+4790000731'))).toHaveLength(1);

    // The relay, Kari to Amina at once, and Amina back by writing after /write.
    await kari(`/write ${FROM_KARI}`);
    expect(toKari().at(-1)).toBe('Sent to Amina.');
    await until(() => toAmina.some((m) => m.text.includes(FROM_KARI)), 'the message to Amina');
    const relayed = toAmina.find((m) => m.text.includes(FROM_KARI))?.text ?? '';
    expect(relayed).toContain(`Message from Kari, your mentoring partner: “${FROM_KARI}”`);
    expect(relayed).toContain('1. Write to Kari');
    await amina('1');
    expect(toAmina.at(-1)?.text).toContain('Write your message to Kari');
    await amina(FROM_AMINA);
    expect(toAmina.at(-1)?.text).toBe('Sent to Kari.');
    await until(() => toKari().some((t) => t.includes(FROM_AMINA)), 'the answer to Kari');
    expect(toKari().find((t) => t.includes(FROM_AMINA))).toContain(`Message from Amina, your mentoring partner: “${FROM_AMINA}”`);
    // Amina is still writing to Kari, though Kari's message came with a button.
    await kari('/write And Thursday?');
    await until(() => toAmina.some((m) => m.text.includes('And Thursday?')), 'the second message to Amina');
    await amina('Thursday too');
    await until(() => toKari().some((t) => t.includes('Thursday too')), 'the second answer to Kari');
    await app.outbox.drain();

    // Neither account ever reached the other, except the number Amina allowed; nothing said was kept or logged.
    expect(toAmina.filter((m) => m.text.includes(KARI) || m.text.includes(KARI_DM))).toEqual([]);
    expect(toKari().filter((t) => t.includes(AMINA_NUMBER))).toHaveLength(1);
    expect(everyTable().filter((r) => r.includes('Qx7v') || r.includes('Zr4p') || r.includes('Thursday'))).toEqual([]);
    expect(logs.filter((l) => l.includes('Qx7v') || l.includes('Zr4p') || l.includes(AMINA_NUMBER))).toEqual([]);
    // The coordinators do not see the relay among their conversations.
    await coco('/threads');
    expect(coordinatorChannel.sentTo('coco').at(-1)?.text).toBe('There are no open conversations.');

    // Amina deletes her data: Kari is told kindly, with a way to the coordinators.
    await amina('/delete yes');
    await until(() => toKari().some((t) => t.includes('Your mentoring partner has left the programme')), 'the news to Kari');
    const told = api.posted(KARI_DM).find((m) => m.text.includes('has left the programme'));
    expect(told?.text).toContain('To write to a coordinator, tap the button or write /contact.');
    expect(told?.blocks.find((b) => b.type === 'actions')?.elements?.map((e) => e.text.text)).toEqual(['Write to a coordinator']);
    await app.outbox.drain();
    expect(everyTable().filter((r) => /Amina|4790000731|Qx7v|Zr4p|Thursday/.test(r))).toEqual([]);
    expect(rows("select * from threads where kind = 'relay'")).toEqual([]);
    expect(rows('select * from pair_introductions')).toEqual([]);
    for (const mark of [AMINA_NUMBER, 'Qx7v', 'Zr4p', 'Amina']) expect(onDisk(mark), mark).toBe(false);

    // Kari cannot write to her any more.
    await kari('/write Are you there?');
    expect(toKari().at(-1)).toContain('You are not in a mentoring pair now');
  });

  it('lets a member take back the number in /privacy: never sent again, and kindly told that what was sent stays; in /mydata as theirs', async () => {
    const pairId = await activePair();
    await amina(`/introduce ${pairId} yes`);
    await until(() => toKari().some((t) => t.includes('+4790000731')), 'the number to Kari');

    await amina('/privacy');
    expect(toAmina.at(-1)?.text).toContain('Kari got your contact from Kompis.');
    const stop = /(\d+)\. Stop giving it to Kari/.exec(toAmina.at(-1)?.text ?? '')?.[1];
    expect(stop).toBeDefined();
    await amina(stop ?? '');
    expect(toAmina.at(-1)?.text).toBe('Done. Kompis will not give Kari your contact again. What was already sent cannot be called back. If you want, ask Kari to delete it.');
    await amina('/privacy');
    expect(toAmina.at(-1)?.text).not.toContain('Kari got your contact');
    await amina(`/introduce ${pairId} yes`);
    expect(toAmina.at(-1)?.text).toContain('You have already answered this');
    await app.outbox.drain();
    expect(toKari().filter((t) => t.includes(AMINA_NUMBER))).toHaveLength(1);

    await amina('/mydata');
    await until(() => toAmina.some((m) => m.document), 'the file');
    const data = JSON.parse(toAmina.find((m) => m.document)?.document ?? '{}') as Record<string, unknown>;
    expect(data.howYourPartnersMayReachYou).toEqual([{ pair: pairId, contactShared: false, answeredAt: clock.now().toISOString(), withdrawnAt: clock.now().toISOString() }]);
  });

  it('sends nothing at all when the number is taken back before Kari could get it', async () => {
    const pairId = await activePair();
    // Slack turns the first try away; the message waits to be tried again.
    api.rateLimitNext = 1;
    await amina(`/introduce ${pairId} yes`);
    await until(() => toKari().some((t) => t.includes(AMINA_NUMBER)), 'the first try');
    await amina(`/privacy contact ${pairId} no`);
    expect(toAmina.at(-1)?.text).toBe('Done. Kari had not got your contact yet, and now will not get it.');
    clock.advance(60 * 60 * 1000);
    await app.outbox.drain();
    await kari('/status');
    // The one post with the number is the try Slack turned away.
    expect(toKari().filter((t) => t.includes(AMINA_NUMBER))).toHaveLength(1);
    expect(rows('select * from outbox where message like ?', `%${AMINA_NUMBER}%`)).toEqual([]);
  });

  it('keeps a relay between its two members: no coordinator reads or answers it, and nobody writes after the pair ended', async () => {
    const pairId = await activePair();
    await amina('/write');
    expect(toAmina.at(-1)?.text).toContain('Write your message to Kari.');
    const relay = rows<{ id: number }>("select id from threads where kind = 'relay'")[0]?.id ?? 0;
    await coco(`/thread ${relay}`);
    expect(coordinatorChannel.sentTo('coco').at(-1)?.text).toBe(`There is no conversation ${relay}. Write /threads to see the open ones.`);
    await coco(`/reply ${relay} I read along`);
    expect(coordinatorChannel.sentTo('coco').at(-1)?.text).toBe(`There is no conversation ${relay}. Write /threads to see the open ones.`);
    await app.outbox.drain();
    expect(toAmina.filter((m) => m.text.includes('I read along'))).toEqual([]);

    await coco(`/end ${pairId} other quiet`);
    await amina('Are you still there?');
    await amina('/write Are you still there?');
    expect(toAmina.at(-1)?.text).toContain('You are not in a mentoring pair now');
    await app.outbox.drain();
    expect(toKari().filter((t) => t.includes('Are you still there?'))).toEqual([]);
  });
});
