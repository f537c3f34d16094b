/**
 * How fast a channel may be written to: `perSecond` messages in all on average, up to `burst` of
 * them at once (never more than `burst` in any `burst / perSecond` seconds; 1 spaces them evenly),
 * and per chat `perChatPerSecond` on average with short bursts of up to `perChatBurst`.
 */
export interface RateLimit {
  perSecond: number;
  burst: number;
  perChatPerSecond: number;
  perChatBurst: number;
}

/** Chats whose bucket is full again are forgotten once this many are remembered. */
const MAX_CHATS = 10_000;

/**
 * Keeps a channel's rate limit in one process, so the bot does not hit the platform's 429s in the
 * first place. A message may go when both `channelWait` and `chatWait` are 0; `take` records one sent.
 */
export class RateLimiter {
  /** When the last `burst` messages went, oldest first. */
  private readonly sent: number[] = [];
  private readonly windowMs: number;
  private readonly chats = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.windowMs = (limit.burst * 1000) / limit.perSecond;
  }

  /** Milliseconds until the channel takes another message, whichever the chat: everybody's wait. */
  channelWait(): number {
    const oldest = this.sent.length < this.limit.burst ? undefined : this.sent[0];
    return oldest === undefined ? 0 : Math.max(oldest + this.windowMs - this.now(), 0);
  }

  /** Milliseconds until `chat` may have another message, the channel aside: one person's wait. */
  chatWait(chat: string): number {
    const tokens = this.tokens(chat, this.now());
    return tokens >= 1 ? 0 : ((1 - tokens) * 1000) / this.limit.perChatPerSecond;
  }

  take(chat: string): void {
    const now = this.now();
    this.sent.push(now);
    if (this.sent.length > this.limit.burst) this.sent.shift();
    if (this.chats.size >= MAX_CHATS) this.forgetIdle(now);
    this.chats.set(chat, { tokens: this.tokens(chat, now) - 1, at: now });
  }

  private tokens(chat: string, now: number): number {
    const bucket = this.chats.get(chat);
    if (!bucket) return this.limit.perChatBurst;
    return Math.min(this.limit.perChatBurst, bucket.tokens + ((now - bucket.at) * this.limit.perChatPerSecond) / 1000);
  }

  private forgetIdle(now: number): void {
    for (const [chat] of this.chats) {
      if (this.tokens(chat, now) >= this.limit.perChatBurst) this.chats.delete(chat);
    }
  }
}
