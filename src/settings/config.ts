import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from '../runtime/errors';

const envSchema = z.object({
  DATABASE_PATH: z.string().min(1).default('./data/kompis.db'),
  KOMPIS_PROGRAMME: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]+$/, 'does not look like a bot token from @BotFather (digits, a colon, then letters)')
    .optional(),
  TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https$/, error: 'must be an https:// address Telegram can reach' }).optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[\w-]{1,256}$/, 'use 1 to 256 letters, digits, _ or -')
    .optional(),
  TELEGRAM_API_ROOT: z.url({ error: 'must be an address such as http://localhost:8081' }).optional(),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-[\w-]+$/, "does not look like a bot token (xoxb-…) from the app's OAuth page")
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-[\w-]+$/, 'does not look like an app-level token (xapp-…) with connections:write')
    .optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .regex(/^[0-9a-f]{16,}$/, "does not look like the signing secret from the app's Basic Information page")
    .optional(),
  SLACK_API_URL: z.url({ error: 'must be an address such as https://slack.com/api/' }).optional(),
  WHATSAPP_ENABLED: z.enum(['0', '1', 'true', 'false'], { error: 'use 1 to link WhatsApp, 0 (or leave it unset) not to' }).optional(),
  WHATSAPP_CLOUD_TOKEN: z
    .string()
    .regex(/^\S{20,}$/, 'does not look like an access token from Meta (a long word without spaces)')
    .optional(),
  WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d+$/, "is the number's id from the app's WhatsApp → API Setup page (digits only), not the phone number").optional(),
  WHATSAPP_APP_SECRET: z
    .string()
    .regex(/^[0-9a-f]{16,}$/, "does not look like the app secret from the app's Settings → Basic page")
    .optional(),
  WHATSAPP_VERIFY_TOKEN: z
    .string()
    .regex(/^[\w-]{8,256}$/, 'use 8 to 256 letters, digits, _ or -, and give the same to Meta')
    .optional(),
  WHATSAPP_API_URL: z.url({ error: 'must be an address such as https://graph.facebook.com/v23.0' }).default('https://graph.facebook.com/v23.0'),
  WHATSAPP_MESSAGES_PER_SECOND: z.coerce.number().min(0.1).max(1000).default(5),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z
    .string()
    .regex(/^[\w.:-]+$/, 'must be an address to listen on, such as 127.0.0.1 or 0.0.0.0')
    .optional(),
  DESK_URL: z.url({ protocol: /^https?$/, error: 'must be the address people open the desk at, such as https://kompis.example.org' }).optional(),
  METRICS: z.enum(['0', '1', 'true', 'false'], { error: 'use 1 to serve /metrics, 0 (or leave it unset) not to' }).optional(),
  LOG_FORMAT: z.enum(['text', 'json'], { error: 'use text (one line per event) or json (one JSON object per line)' }).default('text'),
});

/** Every environment variable Kompis reads (`.env.example` lists each, with a comment). */
export const ENV_VARIABLES = Object.keys(envSchema.shape);

export interface Config {
  databasePath: string;
  /** The programme settings file; the bundled demo programme when unset. */
  programmePath: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  logFormat: 'text' | 'json';
  outboxMaxAttempts: number;
  /**
   * Where the one HTTP server (webhooks, `/healthz`, `/readyz`) listens: `HOST` (127.0.0.1 unless a
   * public webhook is configured, then 0.0.0.0) and `PORT`; `/metrics` with `METRICS=1`.
   */
  http: { port: number; host: string; metrics: boolean };
  /**
   * The coordinator desk's address as people open it (`DESK_URL`), for the sign-in links `/desk`
   * sends; unset, the links name `http://HOST:PORT`. With the console alone, the desk is served only
   * when this is set.
   */
  deskUrl?: string;
  /** Set when TELEGRAM_BOT_TOKEN is. */
  telegram?: {
    token: string;
    apiRoot?: string;
    webhook?: { url: string; secret: string };
  };
  /** Set when WHATSAPP_ENABLED=1: the session and the QR code live next to the database. */
  whatsapp?: { chromiumPath: string; sessionDir: string; qrPngPath: string };
  /** Set when WHATSAPP_CLOUD_TOKEN is: Meta's Cloud API, its webhook on PORT. */
  whatsappCloud?: { token: string; phoneNumberId: string; appSecret: string; verifyToken: string; apiUrl: string; messagesPerSecond: number };
  /** Set when SLACK_BOT_TOKEN is: Socket Mode with SLACK_APP_TOKEN, else HTTP on PORT. */
  slack?: {
    botToken: string;
    apiUrl?: string;
    mode: { socket: true; appToken: string } | { socket: false; signingSecret: string };
  };
}

/** Reads the environment. Throws `ConfigError` with one line per bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = envSchema.safeParse(blankAsUnset);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = result.data;
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_BOT_TOKEN) {
    throw new ConfigError(['TELEGRAM_BOT_TOKEN: is needed when TELEGRAM_WEBHOOK_URL is set']);
  }
  const token = e.TELEGRAM_BOT_TOKEN;
  const slack = slackConfig(e);
  const whatsappCloud = whatsappCloudConfig(e);
  const publicWebhook = e.TELEGRAM_WEBHOOK_URL !== undefined || (slack !== undefined && !slack.mode.socket) || whatsappCloud !== undefined;
  return {
    databasePath: e.DATABASE_PATH,
    programmePath: e.KOMPIS_PROGRAMME,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    http: { port: e.PORT, host: e.HOST ?? (publicWebhook ? '0.0.0.0' : '127.0.0.1'), metrics: e.METRICS === '1' || e.METRICS === 'true' },
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    deskUrl: e.DESK_URL,
    telegram: token
      ? {
          token,
          apiRoot: e.TELEGRAM_API_ROOT,
          webhook: e.TELEGRAM_WEBHOOK_URL
            ? {
                url: e.TELEGRAM_WEBHOOK_URL,
                secret: e.TELEGRAM_WEBHOOK_SECRET ?? webhookSecret(token),
              }
            : undefined,
        }
      : undefined,
    slack,
    whatsappCloud,
    whatsapp:
      e.WHATSAPP_ENABLED === '1' || e.WHATSAPP_ENABLED === 'true'
        ? {
            chromiumPath: e.CHROMIUM_PATH,
            sessionDir: join(dirname(e.DATABASE_PATH), 'whatsapp-session'),
            qrPngPath: join(dirname(e.DATABASE_PATH), 'whatsapp-qr.png'),
          }
        : undefined,
  };
}

function whatsappCloudConfig(e: z.infer<typeof envSchema>): Config['whatsappCloud'] {
  const token = e.WHATSAPP_CLOUD_TOKEN;
  const given = { WHATSAPP_PHONE_NUMBER_ID: e.WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_APP_SECRET: e.WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN: e.WHATSAPP_VERIFY_TOKEN };
  if (!token) {
    const set = Object.entries(given).find(([, v]) => v !== undefined);
    if (set) throw new ConfigError([`WHATSAPP_CLOUD_TOKEN: is needed when ${set[0]} is set`]);
    return undefined;
  }
  const missing = Object.entries(given).filter(([, v]) => v === undefined);
  if (missing.length > 0) throw new ConfigError(missing.map(([name]) => `${name}: is needed with WHATSAPP_CLOUD_TOKEN`));
  return {
    token,
    phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID ?? '',
    appSecret: e.WHATSAPP_APP_SECRET ?? '',
    verifyToken: e.WHATSAPP_VERIFY_TOKEN ?? '',
    apiUrl: e.WHATSAPP_API_URL,
    messagesPerSecond: e.WHATSAPP_MESSAGES_PER_SECOND,
  };
}

function slackConfig(e: z.infer<typeof envSchema>): Config['slack'] {
  const botToken = e.SLACK_BOT_TOKEN;
  if (!botToken) {
    if (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET) throw new ConfigError(['SLACK_BOT_TOKEN: is needed when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set']);
    return undefined;
  }
  if (e.SLACK_APP_TOKEN) return { botToken, apiUrl: e.SLACK_API_URL, mode: { socket: true, appToken: e.SLACK_APP_TOKEN } };
  if (e.SLACK_SIGNING_SECRET) return { botToken, apiUrl: e.SLACK_API_URL, mode: { socket: false, signingSecret: e.SLACK_SIGNING_SECRET } };
  throw new ConfigError(['SLACK_APP_TOKEN: set it (Socket Mode, no public address needed) or SLACK_SIGNING_SECRET (HTTP on PORT) with SLACK_BOT_TOKEN']);
}

/** A secret derived from the token, so webhook mode needs no extra setting and survives restarts. */
function webhookSecret(token: string): string {
  return createHash('sha256').update(`kompis-telegram-webhook:${token}`).digest('hex');
}
