import type { Document } from '../../src/text/messages';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WhatsAppAdapter } from '../../adapters/whatsapp/whatsappAdapter';
import type { WhatsAppClient, WhatsAppMessage } from '../../adapters/whatsapp/whatsappClient';
import { addCoordinator } from '../../src/people/addCoordinator';
import { type App, createApp } from '../../src/cli/app';
import type { Logger } from '../../src/runtime/logger';
import { enqueue } from '../../src/delivery/enqueue';
import { FakeChannel } from '../helpers/fakeChannel';
import { ENGLISH_INTAKE } from '../helpers/intakeScript';
import { demoProgramme, FakeClock } from '../helpers/testKit';
import { until } from '../helpers/until';

const OLENA = '4790000001@c.us';

/** A whatsapp-web.js client as the adapter sees it: events in, sendMessage out. */
class FakeWhatsAppClient extends EventEmitter implements WhatsAppClient {
  constructor(
    private readonly sent: { chatId: string; text: string; document?: Document }[],
    private readonly failure?: Error,
    /** Linked before: ready at once. Otherwise the test shows a QR code and says when it is scanned. */
    private readonly linked = true,
  ) {
    super();
  }
  async initialize(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.linked) setImmediate(() => this.emit('ready'));
  }
  async sendMessage(chatId: string, text: string): Promise<unknown> {
    this.sent.push({ chatId, text });
    return {};
  }
  async sendDocument(chatId: string, document: Document, caption: string): Promise<unknown> {
    this.sent.push({ chatId, text: caption, document });
    return {};
  }
  async phoneOf(lid: string): Promise<string | undefined> {
    return lid === '88000111@lid' ? '4790000003@c.us' : undefined;
  }
  async destroy(): Promise<void> {}
}

let counter = 0;
function message(text: string, extra: Partial<WhatsAppMessage> = {}): WhatsAppMessage {
  return { id: { _serialized: `false_${OLENA}_${++counter}` }, from: OLENA, fromMe: false, body: text, type: 'chat', hasMedia: false, isStatus: false, ...extra };
}

describe('the WhatsApp channel (whatsapp-web.js behind a small client interface, driven by a fake)', () => {
  let dir: string;
  let app: App;
  let sent: { chatId: string; text: string; document?: Document }[];
  let clients: FakeWhatsAppClient[];
  let logs: string[];
  let console: FakeChannel;
  let failure: Error | undefined;
  let linked: boolean;
  const clock = new FakeClock();
  const logger: Logger = {
    debug: () => undefined,
    info: (m) => logs.push(`info ${m}`),
    warn: (m) => logs.push(`warn ${m}`),
    error: (m) => logs.push(`error ${m}`),
  };

  async function start(): Promise<void> {
    const adapter = new WhatsAppAdapter({
      createClient: async () => {
        const client = new FakeWhatsAppClient(sent, failure, linked);
        clients.push(client);
        return client;
      },
      qrPngPath: join(dir, 'whatsapp-qr.png'),
      logger,
      print: () => undefined,
      backoffMs: () => 5,
      // A person types slower than WhatsApp's pacing; this script does not.
      rateLimit: { perSecond: 1000, burst: 10, perChatPerSecond: 1000, perChatBurst: 10 },
    });
    console = new FakeChannel();
    app = createApp({ databasePath: join(dir, 'kompis.db'), programme: demoProgramme(), adapters: [adapter, console], clock, logger });
    await app.start();
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kompis-whatsapp-'));
    sent = [];
    clients = [];
    logs = [];
    failure = undefined;
    linked = true;
  });
  afterEach(async () => {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function say(text: string, extra: Partial<WhatsAppMessage> = {}): Promise<void> {
    const before = sent.length;
    clients.at(-1)?.emit('message', message(text, extra));
    await until(() => sent.length > before, `a reply to "${text}"`);
  }

  it('takes a whole application with numbered choices, typed numbers and words; the QR code is shown and saved', async () => {
    linked = false;
    await start();
    clients[0]?.emit('qr', 'kompis-test-qr');
    await until(() => existsSync(join(dir, 'whatsapp-qr.png')), 'the QR code file');
    expect(statSync(join(dir, 'whatsapp-qr.png')).mode & 0o777).toBe(0o600);
    clients[0]?.emit('ready');
    await until(() => logs.includes('info WhatsApp: connected'), 'ready');
    expect(existsSync(join(dir, 'whatsapp-qr.png'))).toBe(false);
    for (const line of ENGLISH_INTAKE) await say(line);
    expect(sent[0]?.text).toContain('1. English\n2. Norsk bokmål');
    expect(sent.at(-1)?.text).toContain('Thank you');
    expect(app.store.sqlite.prepare('select count(*) as n from applications').get()).toEqual({ n: 1 });
    expect(sent.every((s) => s.chatId === OLENA)).toBe(true);
  });

  it("records the phone number of a @lid contact with their address, so the Cloud API's number finds them", async () => {
    await start();
    await until(() => logs.includes('info WhatsApp: connected'), 'ready');
    await say('hi', { from: '88000111@lid' });
    await say('hi', { from: '88000222@lid' });
    expect(app.store.sqlite.prepare('select external_user_id, conversation_ref from channel_identities order by id').all()).toEqual([
      { external_user_id: '88000111@lid', conversation_ref: '{"chatId":"88000111@lid","phone":"4790000003"}' },
      { external_user_id: '88000222@lid', conversation_ref: '{"chatId":"88000222@lid"}' },
    ]);
  });

  it('sends a person their data as a JSON document with a caption', async () => {
    await start();
    for (const line of ENGLISH_INTAKE) await say(line);
    clients.at(-1)?.emit('message', message('/mydata'));
    await until(() => sent.some((s) => s.document), 'the file');
    const file = sent.find((s) => s.document);
    expect(file).toMatchObject({ chatId: OLENA, text: 'All your data, as a file.', document: { mimeType: 'application/json' } });
    expect(JSON.parse(file?.document?.content ?? '{}')).toMatchObject({ channels: [{ channel: 'whatsapp', id: OLENA }] });
  });

  it('ignores groups, status updates, its own messages and calls, and handles a message delivered twice once', async () => {
    await start();
    await until(() => logs.includes('info WhatsApp: connected'), 'ready');
    const client = clients[0];
    client?.emit('message', message('hi', { from: '120363@g.us' }));
    client?.emit('message', message('hi', { from: 'status@broadcast', isStatus: true }));
    client?.emit('message', message('hi', { fromMe: true }));
    client?.emit('message', message('', { type: 'call_log' }));
    await new Promise((r) => setTimeout(r, 100));
    expect(sent).toEqual([]);
    const twice = message('hello');
    client?.emit('message', twice);
    client?.emit('message', twice);
    await until(() => sent.length === 1, 'one reply');
    await new Promise((r) => setTimeout(r, 100));
    expect(sent).toHaveLength(1);
    await say('voice', { type: 'ptt', hasMedia: true, body: '' });
    expect(sent.at(-1)?.text).toContain('I can only read text');
  });

  it('keeps messages while disconnected and sends each once after it reconnects', async () => {
    await start();
    await until(() => logs.includes('info WhatsApp: connected'), 'ready');
    await say('hello');
    clients[0]?.emit('disconnected', 'NAVIGATION');
    const olena = (app.store.sqlite.prepare('select participant_id as id from channel_identities').get() as { id: number }).id;
    app.store.db.transaction((tx) =>
      enqueue(tx, {
        dedupeKey: 'while-away',
        participantId: olena,
        channel: 'whatsapp',
        conversationRef: JSON.stringify({ chatId: OLENA }),
        language: 'en',
        message: { lines: [{ key: 'nudge.why' }] },
        now: clock.now(),
      }),
    );
    await app.outbox.drain();
    expect(app.store.sqlite.prepare("select attempts, status from outbox where dedupe_key = 'while-away'").get()).toEqual({ attempts: 0, status: 'pending' });
    await until(() => clients.length === 2 && logs.filter((l) => l === 'info WhatsApp: connected').length === 2, 'the reconnection');
    await app.outbox.drain();
    expect(sent.filter((s) => s.text.startsWith('Did you meet?'))).toHaveLength(1);
    expect(logs).toContain('warn WhatsApp: disconnected (NAVIGATION); reconnecting');
  });

  it('says in one line that Chromium is missing, and the other channels keep running', async () => {
    failure = new Error('Failed to launch the browser process! spawn /usr/bin/chromium ENOENT');
    await start();
    await until(() => logs.some((l) => l.startsWith('error')), 'the log line');
    const amina = console.inbound('amina', { kind: 'text', text: '/start' });
    await console.deliver(amina);
    expect(console.sentTo('amina')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(logs).toEqual(['error WhatsApp: Chromium was not found; install it (apt-get install chromium) or set CHROMIUM_PATH. The other channels keep running.']);
    expect(clients).toHaveLength(1);
  });

  it('makes a WhatsApp number a coordinator from the command line, written as WhatsApp writes it', async () => {
    await start();
    const now = clock.now();
    expect(() => addCoordinator(app.store, demoProgramme(), { channel: 'whatsapp', id: '47 900 00 009' }, now)).toThrow(
      'a WhatsApp id is the phone number with the country code, for example whatsapp:4791234567, not "47 900 00 009"',
    );
    expect(addCoordinator(app.store, demoProgramme(), { channel: 'whatsapp', id: '+4790000009' }, now)).toBe(
      'whatsapp:4790000009@c.us is now a coordinator. They can write to the bot now.',
    );
    expect(app.store.sqlite.prepare("select external_user_id, conversation_ref from channel_identities where channel = 'whatsapp'").all()).toEqual([
      { external_user_id: '4790000009@c.us', conversation_ref: '{"chatId":"4790000009@c.us"}' },
    ]);
  });
});
