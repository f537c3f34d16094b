import { join } from 'node:path';
import { TELEGRAM_RATE_LIMIT } from '../adapters/telegram/telegramAdapter';
import { createApp } from '../src/cli/app';
import { systemClock } from '../src/runtime/clock';
import { silentLogger } from '../src/runtime/logger';
import type { Programme } from '../src/settings/programme';
import { eventually, FakeTelegram } from '../test/helpers/fakeTelegram';
import { percentile } from './measure';

export interface FloodResult {
  messages: number;
  /** How long Telegram waits for the answer to a webhook request during the flood. */
  answerP50Ms: number;
  answerMaxMs: number;
  /** From another person's message to their reply reaching the Bot API, right after the flood. */
  otherReplyMs: number;
}

const FLOODER = 7001;
const OTHER = 7002;
const SECRET = 'bench-secret';

/**
 * One chat sends `messages` at once through the Telegram webhook (a forward of many messages), then
 * another person writes: the real grammY bot, engine, store and outbox, with Telegram's rate limits,
 * against a local fake of the Bot API.
 */
export async function floodBench(dir: string, programme: Programme, messages: number): Promise<FloodResult> {
  const tg = await new FakeTelegram().start();
  const adapter = tg.adapter({
    rateLimit: TELEGRAM_RATE_LIMIT,
    webhook: { url: 'https://kompis.example.org/telegram', secret: SECRET },
  });
  const app = createApp({ databasePath: join(dir, 'flood.db'), programme, adapters: [adapter], clock: systemClock, logger: silentLogger, http: { port: 0, host: '127.0.0.1' } });
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
    const answers = await Promise.all(Array.from({ length: messages }, (_, i) => post(tg.textUpdate(FLOODER, `message ${i}`))));
    const asked = performance.now();
    await post(tg.textUpdate(OTHER, '/start'));
    await eventually(() => tg.messagesTo(OTHER).length === 1, 10_000);
    const reply = tg.messagesTo(OTHER)[0];
    return {
      messages,
      answerP50Ms: percentile(answers, 50),
      answerMaxMs: Math.max(...answers),
      otherReplyMs: (reply?.at ?? Number.NaN) - asked,
    };
  } finally {
    await app.stop();
    await tg.stop();
  }
}
