import type { ChannelContact, ChannelIdentity } from '../../src/channels/channel';

/** A WhatsApp user on the Cloud API by their phone number with the country code, as WhatsApp's `wa_id` writes it: `4791234567`. */
export function whatsappCloudIdentity(number: string): ChannelIdentity {
  const id = number.replace(/^\+/, '');
  if (!/^\d{5,20}$/.test(id)) {
    throw new Error(`a WhatsApp id is the phone number with the country code, for example whatsapp-cloud:4791234567, not "${number}"`);
  }
  return { externalUserId: id, conversationRef: { to: id } };
}

/** A Cloud API user's phone number, `+4791234567`, from their `wa_id` (`4791234567`). */
export function whatsappCloudContact({ externalUserId }: { externalUserId: string }): ChannelContact | undefined {
  return /^\d{5,20}$/.test(externalUserId) ? { kind: 'phone', value: `+${externalUserId}` } : undefined;
}
