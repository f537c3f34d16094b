import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Update } from 'grammy/types';
import { z } from 'zod';
import { declaredTooLarge, readBody } from '../../src/channels/readBody';
import type { Logger } from '../../src/runtime/logger';

/**
 * Far above any update Telegram posts (a message is at most 4096 characters with its entities), and
 * small enough that many connections at once cannot use up the memory.
 */
export const TELEGRAM_WEBHOOK_MAX_BYTES = 1024 * 1024;

export interface TelegramWebhookOptions {
  secret: string;
  /** Runs the update; resolves once its turn is stored, rejects when it could not be. */
  handle: (update: Update) => Promise<void>;
  logger: Logger;
  maxBytes?: number;
}

/**
 * The request handler for Telegram's webhook posts. Every request gets an answer and none can stop the
 * process: a wrong secret 401, a body too large 413, one that is not an update (empty, not JSON,
 * `null`, cut off mid-upload) 400, an update whose turn could not be stored 500 (Telegram delivers it
 * again), otherwise 200 as soon as the turn is stored.
 */
export function telegramWebhook(options: TelegramWebhookOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const maxBytes = options.maxBytes ?? TELEGRAM_WEBHOOK_MAX_BYTES;
  const secret = digest(options.secret);
  return (req, res) => {
    void answer(req, res).catch((err: unknown) => {
      options.logger.error('telegram webhook request failed', { err });
      reply(res, 500);
    });
  };

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const given = req.headers['x-telegram-bot-api-secret-token'];
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), secret)) return reply(res, 401);
    if (declaredTooLarge(req, maxBytes)) return reply(res, 413);
    const body = await readBody(req, maxBytes);
    if (body === 'too large') return reply(res, 413);
    const update = body === 'cut off' ? undefined : parseUpdate(body);
    if (!update) {
      options.logger.warn('telegram webhook: a request that is not an update', { bytes: body === 'cut off' ? undefined : body.length });
      return reply(res, 400);
    }
    try {
      await options.handle(update);
    } catch (err) {
      options.logger.error('telegram update not stored; Telegram will deliver it again', { updateId: update.update_id, err });
      return reply(res, 500);
    }
    reply(res, 200);
  }
}

/** Comparing digests takes as long whatever the secret given, and works for any length. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Answers without a body; after an error the connection is closed, so an unread body is dropped. */
function reply(res: ServerResponse, status: number): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, status === 200 ? {} : { connection: 'close' }).end();
}

const chat = z.looseObject({ id: z.number().int(), type: z.string() });
const user = z.looseObject({ id: z.number().int(), language_code: z.string().optional() });
const message = z.looseObject({ message_id: z.number().int(), chat, from: user.optional(), text: z.string().optional() });

/** What of an update Kompis reads, checked before grammY sees it: a sender holding the secret is still not trusted. */
const updateSchema = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: message.optional(),
  callback_query: z
    .looseObject({ id: z.string(), from: user, data: z.string().optional(), message: message.optional() })
    .optional(),
  my_chat_member: z
    .looseObject({ chat, from: user, new_chat_member: z.looseObject({ status: z.string() }) })
    .optional(),
});

/** The fields Kompis and grammY read are checked by `updateSchema`; the rest of an update is passed on as Telegram wrote it. */
const isUpdate = z.custom<Update>((value) => updateSchema.safeParse(value).success);

function parseUpdate(body: Buffer): Update | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = isUpdate.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
