import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TelegramAdapter, type TelegramOptions } from '../../adapters/telegram/telegramAdapter';
import { silentLogger } from '../../src/runtime/logger';

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  /** When the call reached the fake (`performance.now()`). */
  at: number;
  /** Set when the fake carried the call out but the bot never heard so (a fault after acceptance). */
  answerLost?: boolean;
}

export interface Failure {
  error_code: number;
  description: string;
  parameters?: Record<string, unknown>;
}

/**
 * What the fake does with a call instead of answering it: hold it without ever answering, or
 * destroy the connection — each before it carries the call out or after (`accepted`) — answer with a
 * Bot API error, or carry it out and answer normally after `ms`.
 */
export type Fault = { kind: 'hang' | 'reset'; accepted: boolean } | { kind: 'fail'; failure: Failure } | { kind: 'slow'; ms: number };

type Json = Record<string, unknown>;

/**
 * A local stand-in for the Telegram Bot API, reached by a real grammY bot through its API root. It
 * serves queued updates to getUpdates and, like Telegram, keeps each one until a later getUpdates
 * confirms it with a higher `offset`: a bot that dies before confirming gets them again. An update
 * pushed twice is delivered twice, as a re-delivery would be. It records every call, and answers
 * sendMessage like Telegram, or with a failure queued by the test, or with the fault `fault` picks.
 */
export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  /** The calls the fake carried out (a message it sent), whether or not the bot heard the answer. */
  readonly accepted: ApiCall[] = [];
  /**
   * Decides a fault for each call (getUpdates too, which it sees before it confirms anything);
   * undefined answers normally. `failNext` comes first.
   */
  fault: ((call: ApiCall) => Fault | undefined) | undefined;
  readonly token = '123456:TEST-token';
  /** How many updates getUpdates served again because they were not confirmed. */
  redelivered = 0;
  private readonly served = new Set<unknown>();
  private readonly queue: Json[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private nextUpdateId = 1000;
  private nextMessageId = 1;
  private server: Server | undefined;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
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

  /** Kompis's real Telegram adapter pointed at this fake, without Telegram's rate limit: a script types faster than people. */
  adapter(extra: Partial<TelegramOptions> = {}): TelegramAdapter {
    return new TelegramAdapter({
      token: this.token,
      apiRoot: this.apiRoot,
      logger: silentLogger,
      groupNotice: (_locale, bot) => `I only talk in private chats: https://t.me/${bot}`,
      rateLimit: { perSecond: 10_000, burst: 100, perChatPerSecond: 10_000, perChatBurst: 100 },
      ...extra,
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

  /** The messages the fake sent to a chat, each once however often it was asked. */
  acceptedTo(chatId: number): ApiCall[] {
    return this.accepted.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === chatId);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.url?.split('/').at(-1) ?? '';
    const payload = await readPayload(req);
    const call: ApiCall = { method, payload, at: performance.now() };
    if (method === 'getUpdates') {
      const fault = this.fault?.(call);
      if (fault?.kind === 'fail') return answer(res, { ok: false, ...fault.failure });
      if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.ms));
      else if (fault) return inflict(fault, res);
      return answer(res, await this.getUpdates(Number(payload.offset ?? 0)));
    }
    this.calls.push(call);
    const failure = this.failures.get(method)?.shift();
    if (failure) return answer(res, { ok: false, ...failure });
    const fault = this.fault?.(call);
    if (fault?.kind === 'fail') return answer(res, { ok: false, ...fault.failure });
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    else if (fault && !fault.accepted) return inflict(fault, res);
    const body = this.carryOut(method, payload);
    this.accepted.push(call);
    if (!fault || fault.kind === 'slow') return answer(res, body);
    call.answerLost = true;
    inflict(fault, res);
  }

  private carryOut(method: string, payload: Json): Json {
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
    for (const update of this.queue) {
      if (this.served.has(update.update_id)) this.redelivered++;
      this.served.add(update.update_id);
    }
    return ok([...this.queue]);
  }
}

function answer(res: ServerResponse, body: Json): void {
  res.writeHead(body.ok ? 200 : Number(body.error_code), { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A hang leaves the request open (the bot gives up, or `stop` closes it); a reset drops the connection. */
function inflict(fault: Fault & { kind: 'hang' | 'reset' }, res: ServerResponse): void {
  if (fault.kind === 'reset') res.socket?.destroy();
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
