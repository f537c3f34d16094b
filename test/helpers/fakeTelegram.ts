import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

interface Failure {
  error_code: number;
  description: string;
  parameters?: Record<string, unknown>;
}

type Json = Record<string, unknown>;

/**
 * A local stand-in for the Telegram Bot API, reached by a real grammY bot through its API root. It
 * serves queued updates to getUpdates and, like Telegram, keeps each one until a later getUpdates
 * confirms it with a higher `offset`: a bot that dies before confirming gets them again. An update
 * pushed twice is delivered twice, as a re-delivery would be. It records every call, and answers
 * sendMessage like Telegram, or with a failure queued by the test.
 */
export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  readonly token = '123456:TEST-token';
  private readonly queue: Json[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private nextUpdateId = 1000;
  private nextMessageId = 1;
  private server: Server | undefined;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then((body) => {
        res.writeHead(body.ok ? 200 : Number(body.error_code), { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get apiRoot(): string {
    const { port } = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  /** Queues an update for getUpdates and returns it (with its update_id). */
  push(update: Json): Json {
    const withId = { update_id: update.update_id ?? this.nextUpdateId++, ...update };
    this.queue.push(withId);
    return withId;
  }

  textUpdate(userId: number, text: string, extra: { chatType?: string; chatId?: number; languageCode?: string } = {}) {
    const from = { id: userId, is_bot: false, first_name: 'Test', language_code: extra.languageCode };
    const chat = { id: extra.chatId ?? userId, type: extra.chatType ?? 'private', first_name: 'Test' };
    return { update_id: this.nextUpdateId++, message: { message_id: this.nextMessageId++, date: now(), chat, from, text } };
  }

  /** A press on a button of a message the bot sent, as Telegram describes it. */
  pressUpdate(userId: number, sent: ApiCall, data: string): Json {
    const message = {
      message_id: sent.payload.message_id,
      date: now(),
      chat: { id: sent.payload.chat_id, type: 'private', first_name: 'Test' },
      from: { id: 1, is_bot: true, first_name: 'Kompis', username: 'kompis_test_bot' },
      text: sent.payload.text,
      reply_markup: sent.payload.reply_markup,
    };
    return {
      update_id: this.nextUpdateId++,
      callback_query: {
        id: `cq-${this.nextUpdateId}`,
        from: { id: userId, is_bot: false, first_name: 'Test' },
        chat_instance: 'ci',
        message,
        data,
      },
    };
  }

  /** The next call of `method` fails like this. */
  failNext(method: string, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  called(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  messagesTo(chatId: number): ApiCall[] {
    return this.called('sendMessage').filter((c) => c.payload.chat_id === chatId);
  }

  private async handle(req: IncomingMessage): Promise<Json> {
    const method = req.url?.split('/').at(-1) ?? '';
    const payload = await readPayload(req);
    if (method === 'getUpdates') return this.getUpdates(Number(payload.offset ?? 0));
    this.calls.push({ method, payload });
    const failure = this.failures.get(method)?.shift();
    if (failure) return { ok: false, ...failure };
    switch (method) {
      case 'getMe':
        return ok({ id: 1, is_bot: true, first_name: 'Kompis', username: 'kompis_test_bot' });
      case 'sendMessage': {
        const message_id = this.nextMessageId++;
        payload.message_id = message_id;
        const chat = { id: payload.chat_id, type: 'private', first_name: 'Test' };
        return ok({ message_id, date: now(), chat, text: payload.text });
      }
      default:
        return ok(true);
    }
  }

  private async getUpdates(offset: number): Promise<Json> {
    const waiting = this.queue.filter((u) => Number(u.update_id) >= offset);
    this.queue.splice(0, this.queue.length, ...waiting);
    for (let waited = 0; this.queue.length === 0 && waited < 100; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return ok([...this.queue]);
  }
}

function ok(result: unknown): Json {
  return { ok: true, result };
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * A call's parameters: JSON, or multipart form data when grammY uploads a file. A file part is named
 * by an `attach://<name>` field and becomes `{ filename, content }`.
 */
async function readPayload(req: IncomingMessage): Promise<Json> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  const boundary = /boundary=(.+)$/.exec(req.headers['content-type'] ?? '')?.[1];
  if (boundary) return multipartFields(body, boundary);
  if (body === '') return {};
  const parsed: unknown = JSON.parse(body);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Json) : {};
}

function multipartFields(body: string, boundary: string): Json {
  const parts = new Map<string, { filename?: string; content: string }>();
  for (const part of body.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    const name = /name="([^"]+)"/.exec(part.slice(0, split))?.[1];
    if (split < 0 || !name) continue;
    const filename = /filename="?([^";\r\n]+)/.exec(part.slice(0, split))?.[1];
    parts.set(name, { filename, content: part.slice(split + 4, -2) });
  }
  const payload: Json = {};
  for (const [name, { filename, content }] of parts) {
    if (filename) continue;
    const file = content.startsWith('attach://') ? parts.get(content.slice('attach://'.length)) : undefined;
    payload[name] = file ? { filename: file.filename, content: file.content } : content;
  }
  return payload;
}

/** Waits until `check` holds, checking every 10 ms, for at most `ms`. */
export async function eventually(check: () => boolean, ms = 5000): Promise<void> {
  for (let waited = 0; waited < ms; waited += 10) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('timed out waiting');
}
