import type { Update } from 'grammy/types';
import type { Inbound, InboundContent } from '../../src/channels/channel';

type MediaType = Extract<InboundContent, { kind: 'media' }>['mediaType'];

/**
 * A Telegram update as an `Inbound`, or undefined for updates Kompis does not answer (anything
 * outside a private chat, edits, reactions). The update id is the event id, so an update Telegram
 * delivers twice is handled once.
 */
export function telegramInbound(update: Update, receivedAt: Date): Inbound | undefined {
  const query = update.callback_query;
  if (query?.data !== undefined) {
    const chat = query.message?.chat;
    if (chat && chat.type !== 'private') return undefined;
    return {
      channel: 'telegram',
      externalUserId: String(query.from.id),
      conversationRef: { chatId: chat?.id ?? query.from.id },
      eventId: String(update.update_id),
      content: { kind: 'choice', value: query.data },
      locale: query.from.language_code,
      handle: query.from.username,
      receivedAt,
    };
  }
  const message = update.message;
  if (!message?.from || message.chat.type !== 'private') return undefined;
  return {
    channel: 'telegram',
    externalUserId: String(message.from.id),
    conversationRef: { chatId: message.chat.id },
    eventId: String(update.update_id),
    content: message.text !== undefined ? { kind: 'text', text: message.text } : { kind: 'media', mediaType: mediaType(message) },
    locale: message.from.language_code,
    handle: message.from.username,
    receivedAt,
  };
}

function mediaType(message: NonNullable<Update['message']>): MediaType {
  if (message.photo) return 'photo';
  if (message.voice || message.audio || message.video_note) return 'voice';
  if (message.video || message.animation) return 'video';
  if (message.document) return 'document';
  if (message.sticker) return 'sticker';
  if (message.location || message.venue) return 'location';
  return 'other';
}
