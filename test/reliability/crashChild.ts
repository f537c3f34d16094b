/**
 * Kompis on Telegram as `npm start` runs it, for the crash test to kill: the real app, store and
 * grammY adapter against the test's fake Bot API. Two things differ from production, both set by
 * the test: the clock runs from a chosen moment (so scheduled check-ins are due whenever the test
 * runs), and a message left half-sent by a killed process is tried again after a short lease.
 *
 * Environment: DATABASE_PATH, TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT, CLOCK_BASE (ISO time) and
 * CLOCK_FROM (the wall-clock milliseconds at which the clock showed CLOCK_BASE).
 */
import { TelegramAdapter } from '../../adapters/telegram/telegramAdapter';
import { createApp } from '../../src/cli/app';
import type { Clock } from '../../src/runtime/clock';
import { createLogger } from '../../src/runtime/logger';
import { DEMO_PROGRAMME_PATH, loadProgramme } from '../../src/settings/programme';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const offset = Date.parse(env('CLOCK_BASE')) - Number(env('CLOCK_FROM'));
const clock: Clock = { now: () => new Date(Date.now() + offset) };
const logger = createLogger('warn');
const telegram = new TelegramAdapter({
  token: env('TELEGRAM_BOT_TOKEN'),
  apiRoot: env('TELEGRAM_API_ROOT'),
  logger,
  groupNotice: () => 'private chats only',
  // The fake has no limits; sending within Telegram's is measured by the benchmark.
  rateLimit: { perSecond: 100_000, burst: 100, perChatPerSecond: 100_000, perChatBurst: 100_000 },
});
const app = createApp({
  databasePath: env('DATABASE_PATH'),
  programme: loadProgramme(DEMO_PROGRAMME_PATH),
  adapters: [telegram],
  clock,
  logger,
  outboxLeaseMs: 2000,
});
await app.start();
process.once('SIGTERM', () => {
  void app.stop().then(() => process.exit(0));
});
