import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { TELEGRAM_RATE_LIMIT } from '../adapters/telegram/telegramAdapter';
import type { Database } from 'better-sqlite3';
import { openStore } from '../db/client';
import { systemClock } from '../src/runtime/clock';
import { createTranslator } from '../src/text/i18n';
import { silentLogger } from '../src/runtime/logger';
import type { ChannelAdapter, ConversationRef, SendResult } from '../src/channels/channel';
import { Outbox } from '../src/delivery/outbox';

/**
 * Telegram as a bot meets it: each call takes `latencyMs`, and more than 30 messages in any second,
 * or more than 3 to one chat in any second, is refused with a 429.
 */
class TelegramLimits implements ChannelAdapter {
  readonly channel = 'telegram' as const;
  readonly capabilities = { maxButtons: 10, maxButtonLabel: 64, maxText: 4096, canInitiate: true };
  readonly rateLimit = TELEGRAM_RATE_LIMIT;
  readonly sentAt: number[] = [];
  private readonly byChat = new Map<string, number[]>();
  refused = 0;

  constructor(private readonly latencyMs: number) {}

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async send(to: ConversationRef): Promise<SendResult> {
    await sleep(this.latencyMs);
    const now = performance.now();
    const chat = String(to.chatId);
    const recent = (times: number[]) => times.filter((t) => now - t < 1000).length;
    const chatTimes = this.byChat.get(chat) ?? [];
    if (recent(this.sentAt) >= 30 || recent(chatTimes) >= 3) {
      this.refused++;
      return { ok: false, permanent: false, error: '429: Too Many Requests', retryAfterMs: 1000 };
    }
    this.sentAt.push(now);
    this.byChat.set(chat, [...chatTimes, now]);
    return { ok: true };
  }
}

/**
 * Queues a check-in invitation each to `count` new people on Telegram (chats `firstChat` onwards)
 * who last wrote at `lastActiveAt`: a month's check-ins, or a broadcast, waiting to go.
 */
export function queueCheckins(db: Database, to: { programmeId: string; count: number; firstChat: number; lastActiveAt: string }): void {
  const now = new Date().toISOString();
  const person = db.prepare("insert into participants (programme_id, language, last_active_at) values (?, 'en', ?)");
  const message = db.prepare(
    "insert into outbox (dedupe_key, participant_id, channel, conversation_ref, language, message, next_attempt_at) values (?, ?, 'telegram', ?, 'en', ?, ?)",
  );
  const text = JSON.stringify({ lines: [{ key: 'checkin.invitation', params: { name: 'Kari' } }] });
  db.transaction(() => {
    for (let i = 0; i < to.count; i++) {
      const id = Number(person.run(to.programmeId, to.lastActiveAt).lastInsertRowid);
      message.run(`checkin:${to.firstChat + i}`, id, JSON.stringify({ chatId: to.firstChat + i }), text, now);
    }
  })();
}

export interface DrainResult {
  messages: number;
  seconds: number;
  achievedPerSecond: number;
  allowedPerSecond: number;
  share: number;
  refused: number;
}

/** A month's check-ins for `chats` people (one message each) drained through the real outbox. */
export async function drainBench(dir: string, chats: number, latencyMs: number): Promise<DrainResult> {
  const store = openStore(join(dir, 'drain.db'));
  const channel = new TelegramLimits(latencyMs);
  const outbox = new Outbox({ store, translator: createTranslator(), clock: systemClock, logger: silentLogger, adapters: [channel] });
  try {
    const db = store.sqlite;
    const now = new Date().toISOString();
    db.prepare("insert into programmes (id, name, settings, updated_at) values ('drain', 'Drain', '{}', ?)").run(now);
    queueCheckins(db, { programmeId: 'drain', count: chats, firstChat: 1000, lastActiveAt: now });
    const start = performance.now();
    let sent = 0;
    while (sent < chats) {
      sent += await outbox.drain();
      if (sent < chats) await sleep(50);
    }
    const seconds = (performance.now() - start) / 1000;
    const allowed = TELEGRAM_RATE_LIMIT.perSecond;
    return { messages: sent, seconds, achievedPerSecond: sent / seconds, allowedPerSecond: allowed, share: sent / seconds / allowed, refused: channel.refused };
  } finally {
    await outbox.stop();
    store.close();
  }
}
