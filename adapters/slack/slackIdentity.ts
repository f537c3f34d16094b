import type { ChannelContact, ChannelIdentity } from '../../src/channels/channel';

/** A Slack user by their member id (U0123ABCD); Kompis opens the direct message itself. */
export function slackIdentity(id: string): ChannelIdentity {
  return { externalUserId: id, conversationRef: { user: id } };
}

/** A Slack user's member id (U0123ABCD), which finds them in the workspace. */
export function slackContact({ externalUserId }: { externalUserId: string }): ChannelContact | undefined {
  return /^[UW][A-Z0-9]+$/.test(externalUserId) ? { kind: 'slack', value: externalUserId } : undefined;
}
