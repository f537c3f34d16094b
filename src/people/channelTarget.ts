import type { ChannelName } from '../channels/channel';

/**
 * A person's chat identity as the operator writes it (`telegram:123456789`, `whatsapp:+4791234567`),
 * in the form the channel stores it. Throws, in words for the operator, when it cannot be one.
 */
export function channelTarget(target: { channel: ChannelName; id: string }): { channel: ChannelName; id: string } {
  const { channel } = target;
  // A WhatsApp id is the phone number in international form, as WhatsApp writes it: 4791234567@c.us.
  const id = channel === 'whatsapp' && /^\+?\d+$/.test(target.id) ? `${target.id.replace('+', '')}@c.us` : target.id;
  if (channel === 'telegram' && !/^\d+$/.test(id)) {
    throw new Error(`a Telegram id is the user's number, for example telegram:123456789, not "${id}"`);
  }
  if (channel === 'whatsapp' && !/^\d+@c\.us$/.test(id)) {
    throw new Error(`a WhatsApp id is the phone number with the country code, for example whatsapp:4791234567, not "${target.id}"`);
  }
  return { channel, id };
}
