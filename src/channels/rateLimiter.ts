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
 * first place. A message may go when both `channelWait` and `chatWait` are 0; `take` records one
 * going, and what it returns is called when the platform has answered.
 *
 * A message counts against the channel's window from that answer, not from the call: the platform
 * counts it when it arrives, which is later by a varying delay, so a window counted from the call
 * could end before the platform's and earn a 429.
 */
export class RateLimiter {
  /** Messages whose call is under way: each counts against the channel until its answer and a window after. */
  private underWay = 0;
  /** When the answered messages of the last window stop counting against the channel, soonest first. */
  private readonly counted: number[] = [];
  private readonly windowMs: number;
  private readonly chats = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.windowMs = (limit.burst * 1000) / limit.perSecond;
  }

  /**
   * Milliseconds until the channel takes another message, whichever the chat: everybody's wait. While
   * every message that counts is still under way, it is not known; a window is the bound (the end of
   * a call is a better one).
   */
  channelWait(): number {
    const now = this.now();
    this.forgetCounted(now);
    if (this.underWay + this.counted.length < this.limit.burst) return 0;
    const soonest = this.counted[0];
    return soonest === undefined ? this.windowMs : soonest - now;
  }

  /** Milliseconds until `chat` may have another message, the channel aside: one person's wait. */
  chatWait(chat: string): number {
    const tokens = this.tokens(chat, this.now());
    return tokens >= 1 ? 0 : ((1 - tokens) * 1000) / this.limit.perChatPerSecond;
  }

  /** Records a message to `chat` going now; call what it returns when the platform has answered. */
  take(chat: string): () => void {
    const now = this.now();
    this.underWay++;
    if (this.chats.size >= MAX_CHATS) this.forgetIdle(now);
    this.chats.set(chat, { tokens: this.tokens(chat, now) - 1, at: now });
    return () => {
      this.underWay--;
      this.counted.push(this.now() + this.windowMs);
    };
  }

  private forgetCounted(now: number): void {
    while ((this.counted[0] ?? Number.POSITIVE_INFINITY) <= now) this.counted.shift();
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
