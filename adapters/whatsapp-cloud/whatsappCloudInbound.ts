import { createHash } from 'node:crypto';
import type { DeliveryStatus, Inbound, InboundContent } from '../../src/channels/channel';
import type { WebhookMessage, WebhookStatus } from './whatsappCloudWebhook';

type MediaType = Extract<InboundContent, { kind: 'media' }>['mediaType'];

const MEDIA: Record<string, MediaType> = {
  image: 'photo',
  audio: 'voice',
  video: 'video',
  document: 'document',
  sticker: 'sticker',
  location: 'location',
};

/**
 * A message from the webhook as an `Inbound`, or undefined for what Kompis does not answer (reactions,
 * system messages). The person's id is their WhatsApp number (`wa_id`); the same number known from
 * whatsapp-web.js (`4791234567@c.us`, or a `@lid` contact whose number was read) is the same person.
 * The message id is the event id, so a notification Meta delivers twice is handled once; it is
 * hashed, since a `wamid` carries the phone number and logs show event ids.
 */
export function whatsappCloudInbound(message: WebhookMessage, receivedAt: Date): Inbound | undefined {
  const content = contentOf(message);
  if (!content) return undefined;
  return {
    channel: 'whatsapp-cloud',
    externalUserId: message.from,
    conversationRef: { to: message.from },
    eventId: `wac:${createHash('sha256').update(message.id).digest('hex').slice(0, 24)}`,
    content,
    receivedAt,
    sameNumberAs: { channel: 'whatsapp', externalUserId: `${message.from}@c.us`, phone: message.from },
  };
}

function contentOf(message: WebhookMessage): InboundContent | undefined {
  switch (message.type) {
    case 'text':
      return message.text ? { kind: 'text', text: message.text.body } : undefined;
    case 'interactive': {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      return reply ? { kind: 'choice', value: reply.id } : undefined;
    }
    case 'button':
      // A template's quick reply: its payload is the value of the choice.
      return message.button?.payload !== undefined ? { kind: 'choice', value: message.button.payload } : undefined;
    case 'reaction':
    case 'system':
    case 'unsupported':
      return undefined;
    default:
      return { kind: 'media', mediaType: MEDIA[message.type] ?? 'other' };
  }
}

/**
 * Codes of a `failed` status after which the person cannot be written to on this number: not on
 * WhatsApp or unable to receive (131026), not a test recipient (131030), blocked (131031 is the
 * business's own account; treated as final for the message only).
 */
const UNREACHABLE = new Set([131026, 131030]);
/** Temporary: rate limits, Meta's own trouble and its spam protection; the message is sent again later. */
const TEMPORARY = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131049, 131056, 133004]);
/** More than 24 hours since the person last wrote: the message waits for them (an invitation goes first). */
export const OUTSIDE_WINDOW = 131047;

/** A status notification as a `DeliveryStatus`, or undefined for statuses Kompis does not track. */
export function whatsappCloudStatus(status: WebhookStatus): DeliveryStatus | undefined {
  if (status.status === 'sent' || status.status === 'delivered' || status.status === 'read') {
    return { channel: 'whatsapp-cloud', messageId: status.id, status: status.status };
  }
  if (status.status !== 'failed') return undefined;
  const error = status.errors?.[0];
  const code = error?.code ?? 0;
  return {
    channel: 'whatsapp-cloud',
    messageId: status.id,
    status: 'failed',
    ...failure(code),
    error: `${code}: ${error?.title ?? error?.message ?? 'failed'}`,
  };
}

/** What a WhatsApp error code means for the message: sent again later, waiting for the person, or final. */
export function failure(code: number): { permanent: boolean; unreachable: boolean; outsideWindow?: boolean } {
  if (code === OUTSIDE_WINDOW) return { permanent: false, unreachable: false, outsideWindow: true };
  if (UNREACHABLE.has(code)) return { permanent: true, unreachable: true };
  if (TEMPORARY.has(code)) return { permanent: false, unreachable: false };
  return { permanent: true, unreachable: false };
}
