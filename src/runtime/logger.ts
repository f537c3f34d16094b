export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

const ORDER: LogLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * One line per event on stderr: `level message key=value ...`. Never log message text or answers:
 * they are personal data; what errors quote is scrubbed of phone numbers and tokens.
 */
export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const min = ORDER.indexOf(level);
  const log =
    (at: LogLevel) =>
    (message: string, context: Record<string, unknown> = {}) => {
      if (ORDER.indexOf(at) < min) return;
      const fields = Object.entries(context).map(([k, v]) => `${k}=${format(v)}`);
      write(`${scrub([new Date().toISOString(), at, message, ...fields].join(' '))}\n`);
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/**
 * `LOG_FORMAT=json`: one JSON object a line on stderr, `{"time", "level", "message", ...context}`,
 * for a log collector. The same rules as `createLogger`: no message text, secrets scrubbed.
 */
export function createJsonLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const min = ORDER.indexOf(level);
  const log =
    (at: LogLevel) =>
    (message: string, context: Record<string, unknown> = {}) => {
      if (ORDER.indexOf(at) < min) return;
      const fields = Object.fromEntries(Object.entries(context).map(([k, v]) => [k, v instanceof Error ? (v.stack ?? v.message) : v]));
      write(`${scrub(JSON.stringify({ ...fields, time: new Date().toISOString(), level: at, message }))}\n`);
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function format(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(value.stack ?? value.message);
  return typeof value === 'string' && /^[\w.:/-]+$/.test(value) ? value : JSON.stringify(value);
}

/**
 * What a platform's error may quote and a log must not keep: WhatsApp ids (a phone number),
 * phone numbers, and Telegram and Slack tokens (a URL with the bot token in it).
 */
const SECRETS: [RegExp, string][] = [
  [/\d{5,}@(c\.us|lid|s\.whatsapp\.net)/g, '…@$1'],
  [/\+\d[\d ]{6,}\d/g, '+…'],
  [/\d{5,}:[\w-]{30,}/g, '…token…'],
  [/\bx(?:ox[abpr]|app)-[\w-]+/g, '…token…'],
];

function scrub(text: string): string {
  return SECRETS.reduce((s, [pattern, replacement]) => s.replace(pattern, replacement), text);
}

export const silentLogger: Logger = createLogger('error', () => {});
