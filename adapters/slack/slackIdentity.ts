import type { ChannelIdentity } from '../../src/channels/channel';

/** A Slack user by their member id (U0123ABCD); Kompis opens the direct message itself. */
export function slackIdentity(id: string): ChannelIdentity {
  return { externalUserId: id, conversationRef: { user: id } };
}
