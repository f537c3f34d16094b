import type { ChannelIdentity } from '../../src/channels/channel';

/** A console user is the name the console was started with (`--as amina`). */
export function consoleIdentity(name: string): ChannelIdentity {
  return { externalUserId: name, conversationRef: { user: name } };
}
