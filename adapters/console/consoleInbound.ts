import { randomUUID } from 'node:crypto';
import type { Inbound } from '../../src/channels/channel';

/** One typed line as an `Inbound`. Console lines are never delivered twice, so each gets a new id. */
export function consoleInbound(line: string, as: string, receivedAt: Date): Inbound {
  return {
    channel: 'console',
    externalUserId: as,
    conversationRef: { user: as },
    eventId: randomUUID(),
    content: { kind: 'text', text: line },
    receivedAt,
  };
}
