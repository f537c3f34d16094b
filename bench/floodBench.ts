import { join } from 'node:path';
import { TELEGRAM_RATE_LIMIT } from '../adapters/telegram/telegramAdapter';
import { type App, createApp } from '../src/cli/app';
import { systemClock } from '../src/runtime/clock';
import { silentLogger } from '../src/runtime/logger';
import type { Programme } from '../src/settings/programme';
import { eventually, FakeTelegram } from '../test/helpers/fakeTelegram';
import { queueCheckins } from './drainBench';
import { median, percentile } from './measure';

export interface FloodResult {
  messages: number;
  /** How long Telegram waits for the answer to a webhook request during the flood. */
  answerP50Ms: number;
  answerMaxMs: number;
  /** From another person's message to their reply reaching the Bot API, right after the flood. */
  otherReplyMs: number;
  /** Other people writing meanwhile: p99 from a message to its reply at the Bot API, without and with the flood (medians of runs). */
  othersP99Ms: { quiet: number; flooded: number };
  /** People writing while a broadcast to `BROADCAST` others goes out: from each message to its reply at the Bot API. */
  duringBroadcastMs: { p50: number; slowest: number };
}

const FLOODER = 7001;
const OTHER = 7002;
const SECRET = 'bench-secret';
/**
 * Other people writing while one chat floods: each writes once, one every `OTHERS_APART_MS` (20 a
 * second, under Telegram's 30 a second for the bot, so the rate limit does not set their pace), and
 * the flood comes `FLOOD_AFTER_MS` after the first of them.
 */
export const OTHERS = 100;
const OTHERS_APART_MS = 50;
const FLOOD_AFTER_MS = 500;
/** A broadcast to this many people who have not written lately (about 33 s of Telegram's 30 a second), and 10 people writing meanwhile. */
export const BROADCAST = 1000;
const DURING_BROADCAST = 10;

/**
 * One chat sends `messages` at once through the Telegram webhook (a forward of many messages), then
 * another person writes: the real grammY bot, engine, store and outbox, with Telegram's rate limits,
 * against a local fake of the Bot API. Then, `runs` times each, other people write while the chat
 * floods and while it does not, to compare their slowest replies.
 */
export async function floodBench(dir: string, programme: Programme, messages: number, runs: number): Promise<FloodResult> {
  const first = await withKompis(join(dir, 'flood.db'), programme, async ({ tg, post }) => {
    const answers = await Promise.all(Array.from({ length: messages }, (_, i) => post(tg.textUpdate(FLOODER, `message ${i}`))));
    const asked = performance.now();
    await post(tg.textUpdate(OTHER, '/start'));
    await eventually(() => tg.messagesTo(OTHER).length === 1, 10_000);
    const reply = tg.messagesTo(OTHER)[0];
    return { answers, otherReplyMs: (reply?.at ?? Number.NaN) - asked };
  });
  const quiet: number[] = [];
  const flooded: number[] = [];
  for (let i = 0; i < runs; i++) {
    quiet.push(await othersP99(join(dir, `others-quiet${i}.db`), programme, 0));
    flooded.push(await othersP99(join(dir, `others-flooded${i}.db`), programme, messages));
  }
  const duringBroadcast = await duringBroadcastMs(join(dir, 'broadcast.db'), programme);
  return {
    messages,
    duringBroadcastMs: { p50: percentile(duringBroadcast, 50), slowest: Math.max(...duringBroadcast) },
    answerP50Ms: percentile(first.answers, 50),
    answerMaxMs: Math.max(...first.answers),
    otherReplyMs: first.otherReplyMs,
    othersP99Ms: { quiet: median(quiet), flooded: median(flooded) },
  };
}

/** p99 of other people's replies (message to reply at the Bot API) while one chat floods `flood` messages (none: 0). */
async function othersP99(path: string, programme: Programme, flood: number): Promise<number> {
  return withKompis(path, programme, async ({ tg, post }) => {
    const flooding = sleep(FLOOD_AFTER_MS).then(() => Promise.all(Array.from({ length: flood }, (_, i) => post(tg.textUpdate(FLOODER, `message ${i}`)))));
    const latencies = await Promise.all(
      Array.from({ length: OTHERS }, async (_, k) => {
        const person = OTHER + 1 + k;
        await sleep(k * OTHERS_APART_MS);
        const start = performance.now();
        await post(tg.textUpdate(person, '/start'));
        await eventually(() => tg.messagesTo(person).length > 0, 10_000);
        return (tg.messagesTo(person)[0]?.at ?? Number.NaN) - start;
      }),
    );
    await flooding;
    return percentile(latencies, 99);
  });
}

/** From each of `DURING_BROADCAST` people's message (200 ms apart) to its reply, while a broadcast to `BROADCAST` others goes out. */
async function duringBroadcastMs(path: string, programme: Programme): Promise<number[]> {
  return withKompis(path, programme, async ({ tg, post, app }) => {
    const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString();
    queueCheckins(app.store.sqlite, { programmeId: programme.id, count: BROADCAST, firstChat: 100_000, lastActiveAt: lastWeek });
    app.outbox.drainInBackground();
    const latencies: number[] = [];
    for (let k = 0; k < DURING_BROADCAST; k++) {
      await sleep(200);
      const writer = OTHER + 1000 + k;
      const start = performance.now();
      await post(tg.textUpdate(writer, '/start'));
      await eventually(() => tg.messagesTo(writer).length > 0, 60_000);
      latencies.push((tg.messagesTo(writer)[0]?.at ?? Number.NaN) - start);
    }
    // What is left of the broadcast is not waited for.
    app.store.sqlite.prepare("update outbox set status = 'dead' where status = 'pending'").run();
    return latencies;
  });
}

async function withKompis<T>(
  path: string,
  programme: Programme,
  work: (kit: { tg: FakeTelegram; post: (update: Record<string, unknown>) => Promise<number>; app: App }) => Promise<T>,
): Promise<T> {
  const tg = await new FakeTelegram().start();
  const adapter = tg.adapter({
    rateLimit: TELEGRAM_RATE_LIMIT,
    webhook: { url: 'https://kompis.example.org/telegram', secret: SECRET },
  });
  const app = createApp({ databasePath: path, programme, adapters: [adapter], clock: systemClock, logger: silentLogger, http: { port: 0, host: '127.0.0.1' } });
  await app.start();
  const post = async (update: Record<string, unknown>): Promise<number> => {
    const start = performance.now();
    const res = await fetch(`http://127.0.0.1:${app.httpPort()}/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(update),
    });
    await res.text();
    if (res.status !== 200) throw new Error(`the webhook answered ${res.status}`);
    return performance.now() - start;
  };
  try {
    return await work({ tg, post, app });
  } finally {
    await app.stop();
    await tg.stop();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
