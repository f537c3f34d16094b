import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { prepared, type Store } from '../../db/client';
import { outbox, participants } from '../../db/schema';
import type { Clock } from '../runtime/clock';
import type { Translator } from '../text/i18n';
import type { Logger } from '../runtime/logger';
import type { ChannelAdapter, RenderedMessage, SendResult } from '../channels/channel';
import { RateLimiter } from '../channels/rateLimiter';
import { RenderedMessages } from './renderedMessages';
import { enqueue } from './enqueue';
import { claimRow, DUE_BATCH, INVITATION_KEY, markSent, markSentAwaitingDelivery, parseRef, selectDue, selectDueToActive, selectLastActive, SENT } from './outboxQueries';

export interface OutboxOptions {
  store: Store;
  translator: Translator;
  clock: Clock;
  logger: Logger;
  adapters: ChannelAdapter[];
  /** Tries before a message is given up and its recipient marked unreachable. */
  maxAttempts?: number;
  /** How long a claimed message is left to one sender before another may try it. */
  leaseMs?: number;
  /**
   * Called after a drain with the erased people it sent or gave up messages to (their rows go then).
   * An erasure deletes the person's messages, so what is claimed for them after it is all there is.
   */
  afterDelivery?: (erased: number[]) => void;
}

type Row = typeof outbox.$inferSelect;
/** A due message, and whether its person has another waiting after it. */
type DueRow = Row & { more: boolean };

/** Tries before a message is given up, unless `OUTBOX_MAX_ATTEMPTS` says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 8;

/** Someone who wrote this recently is in a conversation: their messages go before the rest. */
const ACTIVE_MS = 10 * 60 * 1000;

/** Messages being sent at once, each to another person. */
export const SENDING = 8;

/**
 * Sends what turns and jobs queued, in order per person and within each channel's rate limit. A
 * message is claimed before it is sent, so two drains (or two processes) never send one row twice; a
 * failed send is retried with back-off, honouring the platform's retry-after, and given up after
 * `maxAttempts`.
 *
 * A crash between the platform accepting a message and the row being marked sent leaves the row
 * claimed; it is tried again when the lease runs out. That window is the only way a message can be
 * sent twice.
 */
export class Outbox {
  private readonly adapters: Map<string, ChannelAdapter>;
  private readonly limiters: Map<string, RateLimiter>;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private queue: Promise<number> = Promise.resolve(0);
  private timer: NodeJS.Timeout | undefined;
  /** Erased people messages were claimed for since the last `afterDelivery` (sent, given up or to be tried again). */
  private finished = new Set<number>();
  /** A drain due when the rate limit lets the soonest held-back message go (only while started). */
  private wake: NodeJS.Timeout | undefined;
  private wakeAt = Number.POSITIVE_INFINITY;
  /** Set by `stop`: a drain then waits for no more of the channel's pace. */
  private stopping = false;
  /** The channels this process serves: the due query reads only their messages. */
  private readonly channels: string[];
  private readonly rendered: RenderedMessages;

  constructor(private readonly options: OutboxOptions) {
    this.adapters = new Map(options.adapters.map((a) => [a.channel, a]));
    this.limiters = new Map(options.adapters.flatMap((a) => (a.rateLimit ? [[a.channel, new RateLimiter(a.rateLimit)]] : [])));
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.channels = [...this.adapters.keys()];
    this.rendered = new RenderedMessages(options.translator);
  }

  /**
   * Sends what is due and may go now, and resolves with how many were sent once those sends are done.
   * Calls queue up, never overlap. A message the rate limit holds back is not waited for (one person
   * writing fast must not hold up the drains that send everybody else's replies): a started outbox
   * wakes up when the limit lets it go; a stopped one sends it at the next call.
   */
  drain(): Promise<number> {
    this.queue = this.queue.then(
      () => this.drainOnce(),
      () => this.drainOnce(),
    );
    return this.queue;
  }

  /**
   * Drains every `intervalMs` too, for retries and messages queued by other processes, and as soon
   * as the rate limit lets a held-back message go.
   */
  start(intervalMs = 1000): void {
    this.timer = setInterval(() => this.drainInBackground(), intervalMs);
    this.timer.unref();
  }

  /** Ends the drain under way after its sends in flight (a broadcast's rest goes at the next start), and any timer. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    this.timer = undefined;
    clearTimeout(this.wake);
    this.wake = undefined;
    await this.queue.catch(() => 0);
  }

  /** A drain nobody waits for: its failure is logged. */
  drainInBackground(): void {
    this.drain().catch((err: unknown) => this.options.logger.error('outbox drain failed', { err }));
  }

  /** Drains again in `ms`, or sooner if a drain is due sooner already; nothing once stopped. */
  private wakeIn(ms: number): void {
    if (!this.timer) return;
    const at = performance.now() + ms;
    if (this.wake && this.wakeAt <= at) return;
    clearTimeout(this.wake);
    this.wakeAt = at;
    this.wake = setTimeout(() => {
      this.wake = undefined;
      this.wakeAt = Number.POSITIVE_INFINITY;
      this.drainInBackground();
    }, Math.ceil(ms));
    this.wake.unref();
  }

  /**
   * Sends the due messages page by page, in the order they were queued, up to `SENDING` at a time to
   * different people (a platform call takes tens of milliseconds; the rate limit, not the wait, should
   * set the pace). A person whose message failed, is being sent, or must wait for the rate limit keeps
   * their later messages waiting too, so their order holds. Messages this process cannot deliver (the
   * console reaches one person) are passed over, never in the way of the others.
   */
  private async drainOnce(): Promise<number> {
    let sent = 0;
    const blocked = new Set<number>();
    const sending = new Map<number, Promise<void>>();
    let held = new Set<number>();
    /** Whether someone's next message waits for their send in flight (it is read again after it). */
    let heldForSend = false;
    /** When the channel takes the next message (everybody waits for it) and when the soonest held-back chat may have one. */
    let channelFree = Number.POSITIVE_INFINITY;
    /** The channels whose pace held a message back in this pass: they take no other until it is over. */
    const paced = new Set<string>();
    let soonest = Number.POSITIVE_INFINITY;
    let after = 0;
    /** Whether a reply invitation was queued in this pass (it goes in the next one). */
    let invited = false;
    /** Sends of an earlier pass under way when this pass began: they keep their people's next messages out of its reads. */
    let carried = 0;
    /** Whether the last pass ended with messages the channel's pace held back. */
    let backlog = false;
    for (;;) {
      if (after === 0) carried = sending.size;
      const page = this.due(after);
      // While the channel's pace holds messages back (a broadcast, the month's check-ins), or more
      // are due than a page holds, a pass starts with the messages of people who wrote in the last
      // minutes: a reply does not wait behind the others, which take the channel's pace in turn.
      const first = after === 0 && (backlog || page.length === DUE_BATCH) ? this.dueToActive() : [];
      const firstIds = new Set(first.map((row) => row.id));
      for (const row of [...first, ...page.filter((row) => !firstIds.has(row.id))]) {
        const person = row.participantId;
        // A reply invitation goes although the messages before it wait: it is what lets them go.
        if ((blocked.has(person) && !isInvitation(row)) || held.has(person) || !this.reachable(row)) continue;
        if (this.waitsForReply(row)) {
          blocked.add(person);
          invited = this.invite(row) || invited;
          continue;
        }
        if (sending.has(person)) {
          held.add(person);
          heldForSend = true;
          continue;
        }
        const limiter = this.limiters.get(row.channel);
        const chatWait = limiter?.chatWait(row.conversationRef) ?? 0;
        if (chatWait > 0) {
          held.add(person);
          soonest = Math.min(soonest, chatWait);
          continue;
        }
        const channelWait = limiter?.channelWait() ?? 0;
        if (channelWait > 0) {
          held.add(person);
          paced.add(row.channel);
          channelFree = Math.min(channelFree, channelWait);
          continue;
        }
        while (sending.size >= SENDING) await Promise.race(sending.values());
        const claimed = this.claim(row);
        if (!claimed) {
          blocked.add(person);
          continue;
        }
        if (claimed.erased) this.finished.add(person);
        const answered = limiter?.take(row.conversationRef);
        const delivery = this.deliver(row)
          .finally(() => answered?.())
          .then((ok) => {
            if (ok) sent++;
            else blocked.add(person);
            sending.delete(person);
          });
        sending.set(person, delivery);
        // Their next message is read in the pass after this send, as if it were held back for it.
        if (row.more) {
          held.add(person);
          heldForSend = true;
        }
      }
      const last = page.at(-1);
      // Once every channel's pace is taken (a broadcast), the next pages could only be held back:
      // they are read in the pass after the channel takes more.
      if (page.length === DUE_BATCH && last && paced.size < this.channels.length) {
        after = last.id;
        continue;
      }
      // Everything due was read; what turns queue meanwhile, their own drain sends. A person's next
      // message is not even read while their last one is being sent (the lease keeps it out), and the
      // channel's own pace holds everybody: another pass once a send is done or the channel takes the
      // next message, so the drain ends with nothing left behind that may go. Only a chat's limit is
      // not waited for (one person writing fast must not hold up everybody's drains): the outbox's
      // timer wakes a drain for it.
      const channelHeld = Number.isFinite(channelFree);
      // Everything due fit one read, no send of an earlier pass was under way, and nobody's message
      // was held back (for a send in flight or the rate limit): once the sends are done, another pass would read nothing new (a message that
      // failed waits for its retry, and holds its person's next ones back).
      if (after === 0 && carried === 0 && held.size === 0 && !invited && sending.size > 0) await Promise.all(sending.values());
      // Stopping: the sends under way are finished; what the pace holds back waits for the next start.
      if (this.stopping) await Promise.all(sending.values());
      if (this.stopping || (sending.size === 0 && !heldForSend && !channelHeld && !invited)) {
        if (Number.isFinite(soonest)) this.wakeIn(soonest);
        if (this.finished.size > 0) this.afterDelivery();
        return sent;
      }
      const waits = [...sending.values(), ...(channelHeld ? [sleep(channelFree)] : [])];
      if (waits.length > 0) await Promise.race(waits);
      held = new Set();
      paced.clear();
      heldForSend = false;
      backlog = channelHeld;
      channelFree = Number.POSITIVE_INFINITY;
      soonest = Number.POSITIVE_INFINITY;
      invited = false;
      after = 0;
    }
  }

  /**
   * The due messages in the order they were queued, each person's first waiting one (and a reply
   * invitation): a person's next message is read once the one before it is sent, so their messages
   * go in order (see `selectDue`).
   */
  private due(after: number): DueRow[] {
    return prepared(this.options.store.db, selectDue, ...this.channels).all({ now: this.options.clock.now().toISOString(), after });
  }

  /** The first page of due messages to people who wrote in the last `ACTIVE_MS` (see `selectDueToActive`). */
  private dueToActive(): DueRow[] {
    const now = this.options.clock.now();
    const since = new Date(now.getTime() - ACTIVE_MS).toISOString();
    return prepared(this.options.store.db, selectDueToActive, ...this.channels).all({ now: now.toISOString(), since });
  }

  /** Whether this process can deliver the row now; an unreadable row is passed on, to be given up. */
  private reachable(row: Row): boolean {
    const ref = parseRef(row.conversationRef);
    return ref === undefined || (this.adapters.get(row.channel)?.reaches?.(ref) ?? true);
  }

  /**
   * Whether the row's channel has a reply window (WhatsApp's Cloud API) and the person last wrote
   * longer ago than it: the message waits until they write again.
   */
  private waitsForReply(row: Row): boolean {
    const window = this.adapters.get(row.channel)?.capabilities.replyWindowMs;
    if (window === undefined || isInvitation(row)) return false;
    const last = prepared(this.options.store.db, selectLastActive).get({ id: row.participantId })?.lastActiveAt;
    return last !== undefined && this.options.clock.now().getTime() - Date.parse(last) > window;
  }

  /**
   * Queues the one reply invitation for this silence (keyed by when the person last wrote, so a person
   * who does not answer gets no second one); true when it was queued now.
   */
  private invite(row: Row): boolean {
    const last = prepared(this.options.store.db, selectLastActive).get({ id: row.participantId })?.lastActiveAt ?? '';
    return this.options.store.db.transaction((tx) =>
      enqueue(tx, {
        dedupeKey: `${INVITATION_KEY}${row.channel}:${row.participantId}:${last}`,
        participantId: row.participantId,
        channel: row.channel,
        conversationRef: row.conversationRef,
        language: row.language,
        message: { lines: [] },
        now: this.options.clock.now(),
      }),
    );
  }

  /** Claims the row for a lease; undefined when another drain or process has it. */
  private claim(row: Row): { erased: boolean } | undefined {
    const now = this.options.clock.now();
    const leaseEnd = new Date(now.getTime() + this.leaseMs).toISOString();
    const claimed = prepared(this.options.store.db, claimRow).get({ id: row.id, now: now.toISOString(), leaseEnd });
    return claimed && { erased: claimed.erased === 1 };
  }

  /** Sends one claimed row and records the result; true when it was sent. */
  private async deliver(row: Row): Promise<boolean> {
    const { logger } = this.options;
    const adapter = this.adapters.get(row.channel);
    const ref = parseRef(row.conversationRef);
    /** Undefined when the row cannot be read: no channel here, no address or no message. */
    let result: SendResult | undefined;
    try {
      if (adapter && ref) {
        const rendered: RenderedMessage | undefined = isInvitation(row)
          ? { text: '', choices: [], keys: ['replyInvitation'], language: row.language, replyInvitation: true }
          : this.rendered.render(row.message, row.language, row.channel, adapter.capabilities);
        if (rendered) result = await adapter.send(ref, rendered);
      }
    } catch (err) {
      result = { ok: false, permanent: false, error: err instanceof Error ? err.message : String(err) };
    }
    if (!adapter || !result) {
      this.giveUp(row, 'unreadable outbox row', false);
      return false;
    }
    if (result.ok) {
      // A sent message keeps its key and time, not its content: the person has it, and the store
      // should hold no more than it needs.
      const sentAt = this.options.clock.now().toISOString();
      if (adapter.capabilities.reportsDelivery && result.messageId !== undefined) {
        prepared(this.options.store.db, markSentAwaitingDelivery).run({ id: row.id, sentAt, messageId: result.messageId });
      } else {
        prepared(this.options.store.db, markSent).run({ id: row.id, sentAt });
      }
      return true;
    }
    const attempts = row.attempts + 1;
    if (result.permanent || attempts >= this.maxAttempts) {
      this.giveUp(row, result.error, result.unreachable === true || !result.permanent);
    } else {
      const wait = Math.max(result.retryAfterMs ?? 0, Math.min(1000 * 2 ** attempts, 3_600_000));
      this.options.store.db
        .update(outbox)
        .set({
          nextAttemptAt: new Date(this.options.clock.now().getTime() + wait).toISOString(),
          lastError: result.error,
        })
        .where(eq(outbox.id, row.id))
        .run();
    }
    logger.warn('send failed', { outboxId: row.id, channel: row.channel, attempts, error: result.error });
    return false;
  }

  private afterDelivery(): void {
    const erased = [...this.finished];
    this.finished.clear();
    try {
      this.options.afterDelivery?.(erased);
    } catch (err) {
      this.options.logger.error('after delivery failed', { err });
    }
  }

  private giveUp(row: Row, error: string, unreachable: boolean): void {
    const db = this.options.store.db;
    db.transaction((tx) => {
      // A message given up keeps no more than a sent one: nobody will read it, and it may name people.
      tx.update(outbox).set({ status: 'dead', lastError: error, message: SENT }).where(eq(outbox.id, row.id)).run();
      if (unreachable) tx.update(participants).set({ unreachable: true }).where(eq(participants.id, row.participantId)).run();
    });
  }
}

function isInvitation(row: Row): boolean {
  return row.dedupeKey.startsWith(INVITATION_KEY);
}
