import { randomUUID } from 'node:crypto';
import type { ChannelAdapter, ChannelCapabilities, ChannelName, ConversationRef, Inbound, InboundContent, RenderedMessage, SendResult } from '../../src/channels/channel';

export interface Sent {
  to: ConversationRef;
  message: RenderedMessage;
}

/**
 * A channel that keeps what it is asked to send, for tests. Shows up to 10 buttons, like a chat app,
 * unless other capabilities are given.
 */
export class FakeChannel implements ChannelAdapter {
  readonly sent: Sent[] = [];
  /** When set, decides the result of each send instead of success. */
  failWith: ((msg: RenderedMessage) => SendResult | undefined) | undefined;
  /** When set, says whom this process can reach now, as the console does. */
  reaches: ((to: ConversationRef) => boolean) | undefined;
  private onInbound: ((msg: Inbound) => Promise<void>) | undefined;

  constructor(
    readonly channel: ChannelName = 'console',
    readonly capabilities: ChannelCapabilities = {
      maxButtons: 10,
      maxButtonLabel: 64,
      maxText: 4096,
      canInitiate: true,
    },
  ) {}

  async start(onInbound: (msg: Inbound) => Promise<void>): Promise<void> {
    this.onInbound = onInbound;
  }

  async send(to: ConversationRef, message: RenderedMessage): Promise<SendResult> {
    const failure = this.failWith?.(message);
    if (failure) return failure;
    this.sent.push({ to, message });
    return { ok: true };
  }

  async stop(): Promise<void> {
    this.onInbound = undefined;
  }

  /** An inbound event from `user`; `eventId` defaults to a new one. */
  inbound(user: string, content: InboundContent, extra: Partial<Inbound> = {}): Inbound {
    return {
      channel: this.channel,
      externalUserId: user,
      conversationRef: { user },
      eventId: randomUUID(),
      content,
      receivedAt: new Date(),
      ...extra,
    };
  }

  /** Delivers an event as the platform would and waits until the replies are sent. */
  async deliver(msg: Inbound): Promise<void> {
    if (!this.onInbound) throw new Error('the channel is not started');
    await this.onInbound(msg);
  }

  sentTo(user: string): RenderedMessage[] {
    return this.sent.filter((s) => s.to.user === user).map((s) => s.message);
  }
}
