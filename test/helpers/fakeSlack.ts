import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
}

/**
 * A local stand-in for Slack's Web API, reached through SLACK_API_URL: it answers the methods Kompis
 * calls and keeps every call. `rateLimitNext` answers the next chat.postMessage with a 429;
 * `holdNext` keeps the next one waiting for ever, unanswered and not posted.
 */
export class FakeSlackApi {
  readonly calls: ApiCall[] = [];
  rateLimitNext = 0;
  holdNext = 0;
  private server: Server | undefined;
  private ts = 1000;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
        const args = parseBody(body, req.headers['content-type'] ?? '');
        if (method === 'chat.postMessage' && this.holdNext > 0) {
          this.holdNext--;
          return;
        }
        this.calls.push({ method, args });
        if (method === 'chat.postMessage' && this.rateLimitNext > 0) {
          this.rateLimitNext--;
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' }).end('{"ok":false,"error":"ratelimited"}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.answer(method, args)));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/api/`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The messages posted to a DM channel, oldest first. */
  posted(channel: string): { text: string; ts: string; blocks: { type: string; elements?: { value: string; text: { text: string } }[] }[] }[] {
    return this.calls
      .filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel)
      .map((c) => ({ text: String(c.args.text), ts: String(c.args.ts_given), blocks: asJson(c.args.blocks) as never }));
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'kompis' };
      case 'users.info':
        return { ok: true, user: { id: args.user, locale: 'en-GB' } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users)}` } };
      case 'chat.postMessage': {
        const ts = `${this.ts++}.000`;
        args.ts_given = ts;
        return { ok: true, channel: args.channel, ts };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function parseBody(body: string, type: string): Record<string, unknown> {
  if (type.includes('json')) return JSON.parse(body || '{}') as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(body));
}

function asJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** Signs a request body as Slack does (v0, HMAC-SHA256 over `v0:<timestamp>:<body>`). */
export function slackHeaders(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}
