import type { RenderedMessage, SendResult } from '../../src/channels/channel';

/** Slack's limit for a section block's text. */
export const SLACK_MAX_TEXT = 3000;

/** Prefix of a button's action id; the value is the choice. */
export const CHOICE_ACTION = 'choice:';

/** A message as Block Kit: the text in a section, the choices as buttons below it. */
export function blocksFor(message: RenderedMessage) {
  const section = { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(message.text) } };
  if (message.choices.length === 0) return [section];
  return [
    section,
    {
      type: 'actions',
      block_id: 'choices',
      elements: message.choices.map((c, i) => ({
        type: 'button',
        action_id: `${CHOICE_ACTION}${i}`,
        text: { type: 'plain_text', text: c.label, emoji: true },
        value: c.value,
      })),
    },
  ];
}

/** After a click: the question stays, its buttons go, and the choice is shown under it. */
export function answeredBlocks(text: string, chosen: string) {
  return [
    { type: 'section', text: { type: 'mrkdwn', text } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `✓ ${escapeMrkdwn(chosen)}` }] },
  ];
}

/** Slack reads `&`, `<` and `>` as markup; people's words are shown as they wrote them. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Web API errors after which a person cannot be written to (left the workspace, blocked the DM). */
const UNREACHABLE = new Set(['user_not_found', 'user_disabled', 'cannot_dm_bot', 'channel_not_found', 'is_archived', 'messages_tab_disabled']);
/** Slack's own trouble: worth another try. */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

/**
 * What a failed Web API call means for the outbox: 429 waits as long as Slack asks; a person who left
 * or cannot be written to is unreachable; other refusals are final for this message; network trouble
 * and server errors are tried again.
 */
export function sendFailure(err: unknown): SendResult {
  const e = err as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number; message?: string };
  if (e.code === 'slack_webapi_rate_limited_error') {
    return { ok: false, permanent: false, error: '429: rate limited', retryAfterMs: (e.retryAfter ?? 1) * 1000 };
  }
  if (e.code === 'slack_webapi_platform_error') {
    const reason = e.data?.error ?? 'unknown';
    if (TRANSIENT.has(reason)) return { ok: false, permanent: false, error: reason };
    // A token error (the app uninstalled, `account_inactive`) is the app's, not the person's: the message fails, the person stays reachable.
    return { ok: false, permanent: true, unreachable: UNREACHABLE.has(reason), error: reason };
  }
  if (e.code === 'slack_webapi_http_error' && e.statusCode !== undefined && e.statusCode < 500) {
    return { ok: false, permanent: true, error: `${e.statusCode}` };
  }
  return { ok: false, permanent: false, error: e.message ?? String(err) };
}
