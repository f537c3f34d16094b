import type { ChannelAdapter, Inbound, InboundContent, RenderedMessage, SendResult } from '../channels/channel';

/**
 * The channel of a simulated cohort: keeps what each person was sent, and refuses messages to people
 * who blocked the bot, as Telegram does (403). No rate limit: the simulation runs on a fake clock.
 */
export class SimChannel implements ChannelAdapter {
  readonly channel = 'console' as const;
  readonly capabilities = { maxButtons: 100, maxButtonLabel: 200, maxText: 100_000, canInitiate: true };
  readonly blocked = new Set<string>();
  private readonly inboxes = new Map<string, RenderedMessage[]>();
  private onInbound: ((msg: Inbound) => Promise<void>) | undefined;
  private events = 0;

  constructor(private readonly now: () => Date) {}

  async start(onInbound: (msg: Inbound) => Promise<void>): Promise<void> {
    this.onInbound = onInbound;
  }

  async send(to: Record<string, string | number>, message: RenderedMessage): Promise<SendResult> {
    const user = String(to.user);
    if (this.blocked.has(user)) return { ok: false, permanent: true, unreachable: true, error: '403: blocked by the user' };
    const inbox = this.inboxes.get(user) ?? [];
    inbox.push(message);
    this.inboxes.set(user, inbox);
    return { ok: true };
  }

  async stop(): Promise<void> {
    this.onInbound = undefined;
  }

  /** `user` sends something; resolves when the replies are sent. */
  async say(user: string, content: InboundContent): Promise<void> {
    this.events++;
    await this.onInbound?.({
      channel: this.channel,
      externalUserId: user,
      conversationRef: { user },
      eventId: `sim-${this.events}`,
      content,
      receivedAt: this.now(),
    });
  }

  /** The messages `user` got since they last looked, and forgets them. */
  take(user: string): RenderedMessage[] {
    const inbox = this.inboxes.get(user) ?? [];
    this.inboxes.set(user, []);
    return inbox;
  }
}
