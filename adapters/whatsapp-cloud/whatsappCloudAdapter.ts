import { z } from 'zod';
import type { ChannelAdapter, ChannelEvents, ConversationRef, Inbound, RenderedMessage, SendResult } from '../../src/channels/channel';
import type { HttpRoute } from '../../src/channels/httpRoute';
import type { RateLimit } from '../../src/channels/rateLimiter';
import { ConfigError } from '../../src/runtime/errors';
import type { Logger } from '../../src/runtime/logger';
import { invitationTemplates, type ReplyTemplates } from './replyTemplates';
import { whatsappCloudInbound, whatsappCloudStatus } from './whatsappCloudInbound';
import {
  type GraphRequest,
  graphFailure,
  graphRequests,
  type InvitationTemplate,
  WHATSAPP_MAX_CHOICE_ID,
  WHATSAPP_MAX_ROW_LABEL,
  WHATSAPP_MAX_ROWS,
  WHATSAPP_MAX_TEXT,
} from './whatsappCloudSend';
import { type WebhookNotification, whatsappCloudRoutes } from './whatsappCloudWebhook';

export interface WhatsAppCloudOptions {
  token: string;
  phoneNumberId: string;
  appSecret: string;
  verifyToken: string;
  /** The Graph API's root with its version, e.g. `https://graph.facebook.com/v23.0`; a local fake in tests. */
  apiUrl: string;
  /** The programme's name (the invitation's `{{1}}`) and languages (each needs an approved invitation). */
  programme: { name: string; languages: string[] };
  templates: ReplyTemplates;
  /** The words on the button that opens a list of choices, in a language (at most 20 characters). */
  listButton: (language: string) => string;
  logger: Logger;
  rateLimit?: RateLimit;
  /** How long one Graph API call may take before it is tried again later. */
  timeoutMs?: number;
}

/** The reply window: after this long since the person last wrote, only an approved template may go. */
export const REPLY_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * A new number may write to few people a day and Meta watches for quality: slow and steady unless set
 * (`WHATSAPP_MESSAGES_PER_SECOND`), five at most at once. WhatsApp refuses more than about one message
 * every 6 seconds to one person over time, with short bursts.
 */
export const WHATSAPP_CLOUD_RATE_LIMIT: RateLimit = { perSecond: 5, burst: 5, perChatPerSecond: 0.5, perChatBurst: 5 };

const sentSchema = z.looseObject({ messages: z.array(z.looseObject({ id: z.string() })).min(1) });
const errorSchema = z.looseObject({ error: z.looseObject({ code: z.number().int().optional(), message: z.string().optional() }) });
const uploadedSchema = z.looseObject({ id: z.string() });

/**
 * Kompis on WhatsApp through Meta's Cloud API: replies come by webhook on the one HTTP server, sends
 * go to the Graph API with plain `fetch`. Choices are reply buttons or a list; a message more than 24
 * hours after the person last wrote is held by the outbox behind one approved template; what Meta
 * reports about a sent message (delivered, read, failed) goes to the outbox as a `DeliveryStatus`.
 */
export class WhatsAppCloudAdapter implements ChannelAdapter {
  readonly channel = 'whatsapp-cloud' as const;
  readonly capabilities = {
    maxButtons: WHATSAPP_MAX_ROWS,
    maxButtonLabel: WHATSAPP_MAX_ROW_LABEL,
    maxChoiceValueBytes: WHATSAPP_MAX_CHOICE_ID,
    maxText: WHATSAPP_MAX_TEXT,
    documents: true,
    canInitiate: true,
    replyWindowMs: REPLY_WINDOW_MS,
    reportsDelivery: true,
  };
  readonly rateLimit: RateLimit;
  readonly inboundSettles = 'stored' as const;
  private readonly templates: Map<string, InvitationTemplate>;
  private readonly missingTemplate: string | undefined;
  private onInbound: ((msg: Inbound) => Promise<void>) | undefined;
  private events: ChannelEvents | undefined;

  constructor(private readonly options: WhatsAppCloudOptions) {
    this.rateLimit = options.rateLimit ?? WHATSAPP_CLOUD_RATE_LIMIT;
    const { byLanguage, missing } = invitationTemplates(options.templates, options.programme.languages);
    this.templates = byLanguage;
    this.missingTemplate = missing;
  }

  /** Refuses to start, in one line, when a language of the programme has no approved invitation. */
  async start(onInbound: (msg: Inbound) => Promise<void>, events?: ChannelEvents): Promise<void> {
    this.checkTemplates();
    this.onInbound = onInbound;
    this.events = events;
  }

  routes(): HttpRoute[] {
    const { appSecret, verifyToken, logger } = this.options;
    return whatsappCloudRoutes({ appSecret, verifyToken, logger, handle: (n) => this.receive(n) });
  }

  /** Reads the phone number's name from the Graph API, sending nothing. */
  async check(): Promise<string> {
    this.checkTemplates();
    const res = await this.call(`${this.options.phoneNumberId}?fields=display_phone_number,verified_name`, undefined).catch((err: unknown) => {
      throw new ConfigError([`WHATSAPP_API_URL: cannot reach the Graph API at ${this.options.apiUrl}: ${err instanceof Error ? err.message : String(err)}`]);
    });
    const json: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const error = errorSchema.safeParse(json);
      throw new ConfigError([
        `WHATSAPP_CLOUD_TOKEN: the Graph API refused it (${res.status} ${error.success ? (error.data.error.message ?? '') : ''}); check the token and WHATSAPP_PHONE_NUMBER_ID`,
      ]);
    }
    const info = z.looseObject({ display_phone_number: z.string().optional(), verified_name: z.string().optional() }).safeParse(json);
    return `the token sends from ${info.success ? `${info.data.verified_name ?? ''} ${info.data.display_phone_number ?? ''}`.trim() : this.options.phoneNumberId}`;
  }

  async send(to: ConversationRef, msg: RenderedMessage): Promise<SendResult> {
    const number = String(to.to ?? '');
    if (!/^\d{5,20}$/.test(number)) return { ok: false, permanent: true, error: 'no WhatsApp number' };
    if (msg.replyInvitation && !this.templates.has(msg.language)) return { ok: false, permanent: true, error: `no template in ${msg.language}` };
    const requests = graphRequests(number, msg, {
      listButton: this.options.listButton(msg.language),
      template: this.templates.get(msg.language),
      programme: this.options.programme.name,
    });
    let messageId: string | undefined;
    try {
      for (const request of requests) {
        const result = await this.request(request);
        if (!result.ok) return result;
        messageId = result.messageId;
      }
    } catch (err) {
      return { ok: false, permanent: false, error: `network: ${err instanceof Error ? err.message : String(err)}` };
    }
    // The last part is the one whose delivery is followed: the earlier ones went before it.
    return messageId === undefined ? { ok: true } : { ok: true, messageId };
  }

  async stop(): Promise<void> {
    this.onInbound = undefined;
  }

  private checkTemplates(): void {
    if (this.missingTemplate === undefined) return;
    throw new ConfigError([
      `WHATSAPP_CLOUD_TOKEN: the programme's language "${this.missingTemplate}" has no WhatsApp template in adapters/whatsapp-cloud/replyTemplates.json; add it and submit it to Meta (npm run kompis -- whatsapp templates)`,
    ]);
  }

  /** Each message of a notification as a turn, each status to the outbox; rejects when a turn could not be stored. */
  private async receive(notification: WebhookNotification): Promise<void> {
    const onInbound = this.onInbound;
    if (!onInbound) throw new Error('not started');
    for (const entry of notification.entry) {
      for (const change of entry.changes) {
        if (change.field !== 'messages') continue;
        const { value } = change;
        // A webhook of another number of the same business account is not ours.
        if (value.metadata && value.metadata.phone_number_id !== this.options.phoneNumberId) continue;
        for (const message of value.messages ?? []) {
          const inbound = whatsappCloudInbound(message, new Date());
          if (inbound) await onInbound(inbound);
        }
        for (const status of value.statuses ?? []) {
          const delivery = whatsappCloudStatus(status);
          if (delivery) this.events?.onStatus(delivery);
        }
      }
    }
  }

  private async request(request: GraphRequest): Promise<SendResult> {
    const { phoneNumberId } = this.options;
    let body: Record<string, unknown>;
    if (request.kind === 'document') {
      const form = new FormData();
      form.set('messaging_product', 'whatsapp');
      // WhatsApp takes no JSON documents; the file keeps its .json name and opens as text.
      form.set('type', 'text/plain');
      form.set('file', new Blob([request.content], { type: 'text/plain' }), request.filename);
      const uploaded = await this.call(`${phoneNumberId}/media`, form);
      const json: unknown = await uploaded.json().catch(() => undefined);
      const media = uploadedSchema.safeParse(json);
      if (!uploaded.ok || !media.success) return this.refused(uploaded.status, json);
      body = {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: request.to,
        type: 'document',
        document: { id: media.data.id, filename: request.filename, ...(request.caption ? { caption: request.caption } : {}) },
      };
    } else {
      body = request.body;
    }
    const res = await this.call(`${phoneNumberId}/messages`, JSON.stringify(body));
    const json: unknown = await res.json().catch(() => undefined);
    const sent = sentSchema.safeParse(json);
    if (!res.ok || !sent.success) return this.refused(res.status, json);
    return { ok: true, messageId: sent.data.messages[0]?.id };
  }

  private refused(status: number, json: unknown): SendResult {
    const error = errorSchema.safeParse(json);
    return graphFailure(status, error.success ? error.data.error : undefined);
  }

  private call(path: string, body: string | FormData | undefined): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}` };
    if (typeof body === 'string') headers['content-type'] = 'application/json';
    return fetch(`${this.options.apiUrl.replace(/\/$/, '')}/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
  }
}
