import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { HttpRoute } from '../../src/channels/httpRoute';
import type { Logger } from '../../src/runtime/logger';

/** Where Meta posts the webhook (the callback URL is `https://<host>/whatsapp/webhook`). */
export const WHATSAPP_WEBHOOK_PATH = '/whatsapp/webhook';

export interface WhatsAppWebhookOptions {
  appSecret: string;
  verifyToken: string;
  /** Runs a checked notification; resolves once its turns are stored, rejects when one could not be. */
  handle: (notification: WebhookNotification) => Promise<void>;
  logger: Logger;
}

/**
 * Meta's webhook on the one HTTP server. `GET` answers the verification challenge when the verify
 * token matches (403 otherwise). Every `POST` must carry `X-Hub-Signature-256`, the HMAC-SHA256 of
 * the body with the app secret: without it, or wrong, 403 and nothing is read. A signed body that is
 * not a notification 400; one whose turns could not be stored 500 (Meta delivers it again); else 200.
 */
export function whatsappCloudRoutes(options: WhatsAppWebhookOptions): HttpRoute[] {
  const verifyToken = digest(options.verifyToken);
  const verify: HttpRoute = {
    method: 'GET',
    path: WHATSAPP_WEBHOOK_PATH,
    handle: (c) => {
      const mode = c.req.query('hub.mode');
      const token = c.req.query('hub.verify_token');
      const challenge = c.req.query('hub.challenge');
      if (mode !== 'subscribe' || token === undefined || challenge === undefined || !timingSafeEqual(digest(token), verifyToken)) {
        return c.body(null, 403);
      }
      return c.text(challenge, 200);
    },
  };
  const notify: HttpRoute = {
    method: 'POST',
    path: WHATSAPP_WEBHOOK_PATH,
    handle: async (c) => {
      const body = Buffer.from(await c.req.arrayBuffer());
      if (!signedBy(options.appSecret, body, c.req.header('x-hub-signature-256'))) {
        options.logger.warn('whatsapp cloud webhook: a request without a valid signature was refused');
        return c.body(null, 403, { connection: 'close' });
      }
      const notification = parseNotification(body.toString('utf8'));
      if (!notification) {
        options.logger.warn('whatsapp cloud webhook: a signed request that is not a notification', { bytes: body.length });
        return c.body(null, 400, { connection: 'close' });
      }
      try {
        await options.handle(notification);
      } catch (err) {
        options.logger.error('whatsapp cloud notification not stored; Meta will deliver it again', { err });
        return c.body(null, 500, { connection: 'close' });
      }
      return c.body(null, 200);
    },
  };
  return [verify, notify];
}

/** Whether `header` is `sha256=` and the HMAC of the body with the app secret, compared in constant time. */
export function signedBy(appSecret: string, body: Buffer, header: string | undefined): boolean {
  if (header === undefined || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', appSecret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Comparing digests takes as long whatever the token given, and works for any length. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

const messageSchema = z.looseObject({
  from: z.string().regex(/^\d{5,20}$/),
  id: z.string().min(1).max(200),
  timestamp: z.string().optional(),
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: z.looseObject({ id: z.string(), title: z.string().optional() }).optional(),
      list_reply: z.looseObject({ id: z.string(), title: z.string().optional() }).optional(),
    })
    .optional(),
  /** A quick-reply button of a template. */
  button: z.looseObject({ payload: z.string().optional(), text: z.string().optional() }).optional(),
});

const statusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  recipient_id: z.string().optional(),
  errors: z.array(z.looseObject({ code: z.number().int(), title: z.string().optional(), message: z.string().optional() })).optional(),
});

const valueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: z.string() }).optional(),
  messages: z.array(messageSchema).optional(),
  statuses: z.array(statusSchema).optional(),
});

const notificationSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.looseObject({ changes: z.array(z.looseObject({ field: z.string(), value: valueSchema })) })),
});

export type WebhookNotification = z.infer<typeof notificationSchema>;
export type WebhookMessage = z.infer<typeof messageSchema>;
export type WebhookStatus = z.infer<typeof statusSchema>;

function parseNotification(body: string): WebhookNotification | undefined {
  try {
    const parsed = notificationSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
