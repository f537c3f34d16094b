import type { ChannelContact, ChannelIdentity } from '../../src/channels/channel';

/**
 * A WhatsApp user by their phone number in international form (`4791234567` or `+4791234567`),
 * stored as WhatsApp writes it: `4791234567@c.us`.
 */
export function whatsappIdentity(number: string): ChannelIdentity {
  const id = /^\+?\d+$/.test(number) ? `${number.replace('+', '')}@c.us` : number;
  if (!/^\d+@c\.us$/.test(id)) {
    throw new Error(`a WhatsApp id is the phone number with the country code, for example whatsapp:4791234567, not "${number}"`);
  }
  return { externalUserId: id, conversationRef: { chatId: id } };
}

/** A WhatsApp user's phone number, `+4791234567`, from their id (`4791234567@c.us`). */
export function whatsappContact({ externalUserId }: { externalUserId: string }): ChannelContact | undefined {
  const digits = /^(\d+)@c\.us$/.exec(externalUserId)?.[1];
  return digits === undefined ? undefined : { kind: 'phone', value: `+${digits}` };
}
