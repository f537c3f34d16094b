import type { ChannelContact, ChannelIdentity } from '../../src/channels/channel';

/** A Telegram user by their number, which is also their private chat's id. */
export function telegramIdentity(id: string): ChannelIdentity {
  if (!/^\d+$/.test(id)) throw new Error(`a Telegram id is the user's number, for example telegram:123456789, not "${id}"`);
  return { externalUserId: id, conversationRef: { chatId: Number(id) } };
}

/** A Telegram user's username (`@amina_k`), when they have one: their number finds nobody. */
export function telegramContact({ handle }: { handle: string | null }): ChannelContact | undefined {
  return handle && /^[A-Za-z0-9_]{4,32}$/.test(handle) ? { kind: 'telegram', value: `@${handle}` } : undefined;
}
