import { GrammyError, HttpError, InlineKeyboard } from 'grammy';
import type { RenderedMessage, SendResult } from '../../src/channels/channel';

/** Telegram's limit for one message's text. */
export const TELEGRAM_MAX_TEXT = 4096;
/** Telegram's limit for a file's caption. */
export const TELEGRAM_MAX_CAPTION = 1024;

/** One button a row: labels in other languages can be long, and a phone screen is narrow. */
export function keyboardFor(message: RenderedMessage): InlineKeyboard | undefined {
  if (message.choices.length === 0) return undefined;
  return InlineKeyboard.from(message.choices.map((c) => [InlineKeyboard.text(c.label, c.value)]));
}

/**
 * What a failed Bot API call means for the outbox: 403 (blocked, deactivated) and a chat that does
 * not exist are final and the person is unreachable; 429 waits as long as Telegram asks; other
 * refusals are final for this message only; network trouble and server errors are tried again.
 */
export function sendFailure(err: unknown): SendResult {
  if (err instanceof GrammyError) {
    const error = `${err.error_code}: ${err.description}`;
    if (err.error_code === 429) {
      return { ok: false, permanent: false, error, retryAfterMs: (err.parameters.retry_after ?? 1) * 1000 };
    }
    if (err.error_code === 403 || /chat not found|user is deactivated/i.test(err.description)) {
      return { ok: false, permanent: true, unreachable: true, error };
    }
    if (err.error_code >= 500) return { ok: false, permanent: false, error };
    return { ok: false, permanent: true, error };
  }
  if (err instanceof HttpError) return { ok: false, permanent: false, error: `network: ${err.message}` };
  return { ok: false, permanent: false, error: err instanceof Error ? err.message : String(err) };
}
