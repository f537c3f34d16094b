import { createHash, timingSafeEqual } from 'node:crypto';
import type { Update } from 'grammy/types';
import { z } from 'zod';
import type { HttpRoute } from '../../src/channels/httpRoute';
import type { Logger } from '../../src/runtime/logger';

export interface TelegramWebhookOptions {
  secret: string;
  /** Runs the update; resolves once its turn is stored, rejects when it could not be. */
  handle: (update: Update) => Promise<void>;
  logger: Logger;
}

/**
 * The handler for Telegram's webhook posts, on the one HTTP server (which answers a body over its
 * limit 413 before this runs). A wrong secret 401, a body that is not an update (empty, not JSON,
 * `null`) 400, an update whose turn could not be stored 500 (Telegram delivers it again), otherwise
 * 200 as soon as the turn is stored.
 */
export function telegramWebhook(options: TelegramWebhookOptions): HttpRoute['handle'] {
  const secret = digest(options.secret);
  return async (c) => {
    const given = c.req.header('x-telegram-bot-api-secret-token');
    if (given === undefined || !timingSafeEqual(digest(given), secret)) return c.body(null, 401, { connection: 'close' });
    const body = await c.req.text();
    const update = parseUpdate(body);
    if (!update) {
      options.logger.warn('telegram webhook: a request that is not an update', { bytes: body.length });
      return c.body(null, 400, { connection: 'close' });
    }
    try {
      await options.handle(update);
    } catch (err) {
      options.logger.error('telegram update not stored; Telegram will deliver it again', { updateId: update.update_id, err });
      return c.body(null, 500, { connection: 'close' });
    }
    return c.body(null, 200);
  };
}

/** Comparing digests takes as long whatever the secret given, and works for any length. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

const chat = z.looseObject({ id: z.number().int(), type: z.string() });
const user = z.looseObject({ id: z.number().int(), language_code: z.string().optional() });
const message = z.looseObject({ message_id: z.number().int(), chat, from: user.optional(), text: z.string().optional() });

/** What of an update Kompis reads, checked before grammY sees it: a sender holding the secret is still not trusted. */
const updateSchema = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: message.optional(),
  callback_query: z.looseObject({ id: z.string(), from: user, data: z.string().optional(), message: message.optional() }).optional(),
  my_chat_member: z.looseObject({ chat, from: user, new_chat_member: z.looseObject({ status: z.string() }) }).optional(),
});

/** The fields Kompis and grammY read are checked by `updateSchema`; the rest of an update is passed on as Telegram wrote it. */
const isUpdate = z.custom<Update>((value) => updateSchema.safeParse(value).success);

function parseUpdate(body: string): Update | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = isUpdate.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
