import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import QRCode from 'qrcode';
import type { Logger } from '../../src/runtime/logger';
import type { ChannelAdapter, ChannelState, ConversationRef, Inbound, InboundContent, RenderedMessage, SendResult } from '../../src/channels/channel';
import type { RateLimit } from '../../src/channels/rateLimiter';
import type { WhatsAppClient, WhatsAppClientFactory, WhatsAppMessage } from './whatsappClient';

export interface WhatsAppOptions {
  createClient: WhatsAppClientFactory;
  /** Where the QR code is also written as a PNG, for a server without a screen. */
  qrPngPath: string;
  logger: Logger;
  /** Prints the QR code for the terminal (stdout by default). */
  print?: (text: string) => void;
  /** Waits before reconnecting: 5 s, doubling to at most 5 minutes. */
  backoffMs?: (attempt: number) => number;
  /** How fast to write; slow and steady unless given. */
  rateLimit?: RateLimit;
}

/** WhatsApp via an unofficial client: slow and steady (evenly spaced), so the number is not flagged as a spammer. */
export const WHATSAPP_RATE_LIMIT: RateLimit = { perSecond: 2, burst: 1, perChatPerSecond: 0.5, perChatBurst: 2 };

const MEDIA: Record<string, Extract<InboundContent, { kind: 'media' }>['mediaType']> = {
  image: 'photo',
  video: 'video',
  audio: 'voice',
  ptt: 'voice',
  document: 'document',
  sticker: 'sticker',
  location: 'location',
};

/**
 * Kompis on WhatsApp through whatsapp-web.js: one linked phone number, private chats only, choices as
 * numbered lists (WhatsApp Web's buttons are gone). A failure of WhatsApp is logged and retried with
 * back-off, and never stops the other channels; while it is down, messages wait in the outbox.
 */
export class WhatsAppAdapter implements ChannelAdapter {
  readonly channel = 'whatsapp' as const;
  readonly capabilities = { maxButtons: 0, maxButtonLabel: 0, maxText: 4000, canInitiate: true, documents: true };
  readonly rateLimit: RateLimit;
  private client: WhatsAppClient | undefined;
  private ready = false;
  /** Set when Chromium was not found: WhatsApp does not try again until the next start. */
  private failed = false;
  private stopped = false;
  private attempts = 0;
  private retry: NodeJS.Timeout | undefined;
  private onInbound: ((msg: Inbound) => Promise<void>) | undefined;

  constructor(private readonly options: WhatsAppOptions) {
    this.rateLimit = options.rateLimit ?? WHATSAPP_RATE_LIMIT;
  }

  /** Not yet linked, or between tries, is reconnecting: messages wait in the outbox meanwhile. */
  state(): ChannelState {
    return this.failed ? 'failed' : this.ready ? 'connected' : 'reconnecting';
  }

  /** Starts connecting and returns at once: linking the phone can take a while. */
  async start(onInbound: (msg: Inbound) => Promise<void>): Promise<void> {
    this.onInbound = onInbound;
    void this.connect();
  }

  /** Messages wait in the outbox while WhatsApp is not connected, without using up their tries. */
  reaches(): boolean {
    return this.ready;
  }

  async send(to: ConversationRef, message: RenderedMessage): Promise<SendResult> {
    const client = this.client;
    if (!client || !this.ready) return { ok: false, permanent: false, error: 'WhatsApp is not connected', retryAfterMs: 30_000 };
    try {
      if (message.document) await client.sendDocument(String(to.chatId), message.document, message.text);
      else await client.sendMessage(String(to.chatId), message.text);
      return { ok: true };
    } catch (err) {
      return { ok: false, permanent: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.ready = false;
    clearTimeout(this.retry);
    await this.client?.destroy().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const { logger } = this.options;
    let client: WhatsAppClient | undefined;
    try {
      client = await this.options.createClient();
      if (this.stopped) {
        await client.destroy();
        return;
      }
      this.client = client;
      client.on('qr', (qr) => void this.showQr(qr));
      client.on('ready', () => {
        this.ready = true;
        this.attempts = 0;
        try {
          rmSync(this.options.qrPngPath, { force: true });
        } catch {
          // An old QR code left behind does no harm.
        }
        logger.info('WhatsApp: connected');
      });
      client.on('auth_failure', (reason) => {
        logger.error(`WhatsApp: linking the phone failed (${reason}); delete the WhatsApp session folder and scan a new QR code`);
      });
      client.on('disconnected', (reason) => {
        this.ready = false;
        logger.warn(`WhatsApp: disconnected (${reason}); reconnecting`);
        void client?.destroy().catch(() => undefined);
        this.reconnect();
      });
      client.on('message', (msg) => void this.receive(msg));
      await client.initialize();
    } catch (err) {
      this.ready = false;
      // A half-started browser would keep the session folder locked for the next try.
      await client?.destroy().catch(() => undefined);
      const reason = err instanceof Error ? err.message : String(err);
      if (/Browser was not found|spawn \S+ ENOENT/i.test(reason)) {
        this.failed = true;
        logger.error('WhatsApp: Chromium was not found; install it (apt-get install chromium) or set CHROMIUM_PATH. The other channels keep running.');
        return;
      }
      logger.warn(`WhatsApp: could not connect (${reason}); trying again`);
      this.reconnect();
    }
  }

  private reconnect(): void {
    clearTimeout(this.retry);
    if (this.stopped) return;
    const wait = this.options.backoffMs?.(this.attempts) ?? Math.min(5000 * 2 ** this.attempts, 300_000);
    this.attempts++;
    this.retry = setTimeout(() => void this.connect(), wait);
    this.retry.unref();
  }

  private async showQr(qr: string): Promise<void> {
    const { logger, qrPngPath } = this.options;
    try {
      const print = this.options.print ?? ((text: string) => process.stdout.write(text));
      print(await QRCode.toString(qr, { type: 'terminal', small: true }));
      writeFileSync(qrPngPath, await QRCode.toBuffer(qr), { mode: 0o600 });
      logger.info('WhatsApp: scan the QR code with the phone (WhatsApp → Linked devices); it is also saved as a PNG', { path: qrPngPath });
    } catch (err) {
      logger.warn('WhatsApp: could not show the QR code', { err });
    }
  }

  private async receive(msg: WhatsAppMessage): Promise<void> {
    const found = toInbound(msg);
    if (!found || !this.onInbound) return;
    const inbound = await this.withPhone(found);
    await this.onInbound(inbound).catch((err: unknown) => this.options.logger.error('WhatsApp message failed', { eventId: inbound.eventId, err }));
  }

  /**
   * A `@lid` contact's address records their phone number when WhatsApp tells it, so the person is
   * known by it when they move to the Cloud API. Without it, the message is handled all the same.
   */
  private async withPhone(inbound: Inbound): Promise<Inbound> {
    if (!inbound.externalUserId.endsWith('@lid') || !this.client?.phoneOf) return inbound;
    try {
      const phone = (await this.client.phoneOf(inbound.externalUserId))?.match(/^(\d+)@c\.us$/)?.[1];
      return phone ? { ...inbound, conversationRef: { ...inbound.conversationRef, phone } } : inbound;
    } catch (err) {
      this.options.logger.debug('WhatsApp: could not read the number of a contact', { err });
      return inbound;
    }
  }
}

/** A message Kompis answers, or undefined: its own messages, groups, status updates, broadcasts and calls are left alone. */
export function toInbound(msg: WhatsAppMessage): Inbound | undefined {
  if (msg.fromMe || msg.isStatus || msg.broadcast || /@(g\.us|broadcast|newsletter)$/.test(msg.from)) return undefined;
  const media = MEDIA[msg.type];
  let content: InboundContent;
  if (msg.type === 'chat') content = { kind: 'text', text: msg.body };
  else if (media) content = { kind: 'media', mediaType: media };
  else return undefined;
  // The platform's message id carries the phone number; the event id (which logs show) must not.
  const eventId = `wa:${createHash('sha256').update(msg.id._serialized).digest('hex').slice(0, 24)}`;
  return { channel: 'whatsapp', externalUserId: msg.from, conversationRef: { chatId: msg.from }, eventId, content, receivedAt: new Date() };
}
