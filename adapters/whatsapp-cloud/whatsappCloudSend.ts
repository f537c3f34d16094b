import { REPLY_WINDOW_OPENED, type RenderedMessage, type SendResult } from '../../src/channels/channel';
import { splitText } from '../../src/channels/splitText';
import { failure } from './whatsappCloudInbound';

/** The Cloud API's limits: a text message, the text above buttons or a list, a file's caption. */
export const WHATSAPP_MAX_TEXT = 4096;
export const WHATSAPP_MAX_BODY = 1024;
export const WHATSAPP_MAX_BUTTONS = 3;
export const WHATSAPP_MAX_BUTTON_LABEL = 20;
export const WHATSAPP_MAX_ROWS = 10;
export const WHATSAPP_MAX_ROW_LABEL = 24;
/** A list row's id; a reply button's may be longer. */
export const WHATSAPP_MAX_CHOICE_ID = 200;

/** The approved template a reply invitation is sent as, in one language. */
export interface InvitationTemplate {
  name: string;
  /** Meta's code for the template's language (`en`, `nb`, `pt_BR`). */
  code: string;
}

/** One Graph API request of a message: what goes to `/<phone-number-id>/messages`, or a file to upload first. */
export type GraphRequest = { kind: 'message'; body: Record<string, unknown> } | { kind: 'document'; to: string; filename: string; content: string; caption?: string };

/**
 * A rendered message as the Cloud API's requests, in order. Up to 3 choices with labels of at most
 * 20 characters are reply buttons, up to 10 of at most 24 a list (`renderMessage` writes longer
 * ones as a numbered list); the text above them may have 1024 characters, so a longer one goes first
 * as messages of its own. A file goes as a document with the text as its caption when that fits.
 */
export function graphRequests(to: string, msg: RenderedMessage, options: { listButton: string; template?: InvitationTemplate; programme: string }): GraphRequest[] {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to };
  if (msg.replyInvitation) {
    const template = options.template;
    if (!template) return [];
    return [
      {
        kind: 'message',
        body: {
          ...base,
          type: 'template',
          template: {
            name: template.name,
            language: { code: template.code },
            components: [
              { type: 'body', parameters: [{ type: 'text', text: options.programme }] },
              { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: REPLY_WINDOW_OPENED }] },
            ],
          },
        },
      },
    ];
  }
  const text = (body: string): GraphRequest => ({ kind: 'message', body: { ...base, type: 'text', text: { body, preview_url: false } } });
  if (msg.document) {
    if (msg.text.length <= WHATSAPP_MAX_BODY) return [{ kind: 'document', to, filename: msg.document.filename, content: msg.document.content, caption: msg.text }];
    return [...splitText(msg.text, WHATSAPP_MAX_TEXT).map(text), { kind: 'document', to, filename: msg.document.filename, content: msg.document.content }];
  }
  if (msg.choices.length === 0) return splitText(msg.text, WHATSAPP_MAX_TEXT).map(text);
  const parts = splitText(msg.text, WHATSAPP_MAX_BODY);
  // WhatsApp refuses buttons or a list without text above them.
  const body = parts.pop() || '…';
  const buttons = msg.choices.length <= WHATSAPP_MAX_BUTTONS && msg.choices.every((c) => c.label.length <= WHATSAPP_MAX_BUTTON_LABEL);
  const action = buttons
    ? { buttons: msg.choices.map((c) => ({ type: 'reply', reply: { id: c.value, title: c.label } })) }
    : { button: options.listButton.slice(0, WHATSAPP_MAX_BUTTON_LABEL), sections: [{ rows: msg.choices.map((c) => ({ id: c.value, title: c.label })) }] };
  return [...parts.map(text), { kind: 'message', body: { ...base, type: 'interactive', interactive: { type: buttons ? 'button' : 'list', body: { text: body }, action } } }];
}

/**
 * What a refused Graph API call means for the outbox, from WhatsApp's error code: outside the reply
 * window and temporary trouble are sent again later, a number that cannot receive messages makes the
 * person unreachable, anything else is final for this message. An expired token is not the message's
 * fault: it waits while the operator renews the token.
 */
export function graphFailure(httpStatus: number, error: { code?: number; message?: string } | undefined): SendResult {
  const code = error?.code ?? 0;
  const text = `${httpStatus} ${code}: ${error?.message ?? 'refused'}`;
  if (code === 190 || httpStatus === 401 || httpStatus >= 500) return { ok: false, permanent: false, error: text, retryAfterMs: 60_000 };
  const meaning = failure(code);
  if (meaning.outsideWindow) return { ok: false, permanent: false, error: text, retryAfterMs: 60_000 };
  if (httpStatus === 429) return { ok: false, permanent: false, error: text, retryAfterMs: 30_000 };
  return { ok: false, permanent: meaning.permanent, unreachable: meaning.unreachable, error: text };
}
