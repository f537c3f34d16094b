import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request to the fake Graph API: its path after the version, and its JSON body (uploads: the form's fields). */
export interface GraphCall {
  path: string;
  body: Record<string, unknown>;
}

/** A message as WhatsApp would show it: its type, text, and the titles (and ids) of its buttons or list rows. */
export interface GraphMessage {
  to: string;
  id: string;
  type: string;
  text: string;
  choices: { id: string; title: string }[];
  /** `button` or `list` for interactive messages. */
  interactive?: string;
  template?: { name: string; language: string; params: string[]; payload?: string };
}

/**
 * A local stand-in for Meta's Graph API, reached through WHATSAPP_API_URL: it takes messages and
 * uploads to one phone number id, answers each with a new `wamid`, and keeps every call.
 * `failNext` answers the next message with that WhatsApp error code (HTTP 400).
 */
export class FakeGraphApi {
  readonly calls: GraphCall[] = [];
  failNext: number | undefined;
  private server: Server | undefined;
  private next = 1;

  constructor(readonly phoneNumberId = '1234567890') {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        const path = (req.url ?? '').replace(/^\/v\d+\.\d+\//, '');
        const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
        if (req.headers.authorization !== 'Bearer test-token-0123456789abcdef') return json(401, { error: { code: 190, message: 'Invalid OAuth access token' } });
        if (req.method === 'GET' && path.startsWith(this.phoneNumberId)) return json(200, { display_phone_number: '+47 900 00 000', verified_name: 'Kompis Demo' });
        if (path === `${this.phoneNumberId}/media`) {
          this.calls.push({ path, body: { type: formField(body, 'type'), file: formFile(body) } });
          return json(200, { id: `media-${this.next++}` });
        }
        if (path !== `${this.phoneNumberId}/messages`) return json(404, { error: { code: 100, message: 'Unknown path' } });
        const parsed = JSON.parse(body) as Record<string, unknown>;
        this.calls.push({ path, body: parsed });
        if (this.failNext !== undefined) {
          const code = this.failNext;
          this.failNext = undefined;
          return json(400, { error: { code, message: `error ${code}` } });
        }
        const id = `wamid.${this.next++}`;
        (parsed as { id?: string }).id = id;
        return json(200, { messaging_product: 'whatsapp', contacts: [{ input: parsed.to, wa_id: parsed.to }], messages: [{ id }] });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/v23.0`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The messages sent to a number, oldest first. */
  sentTo(to: string): GraphMessage[] {
    return this.calls.filter((c) => c.path.endsWith('/messages') && c.body.to === to && typeof c.body.id === 'string').map((c) => asMessage(c.body));
  }
}

/** The signature Meta puts on a webhook: the HMAC-SHA256 of the body with the app secret. */
export function hubSignature(appSecret: string, body: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

function asMessage(body: Record<string, unknown>): GraphMessage {
  const b = body as {
    to: string;
    id: string;
    type: string;
    text?: { body: string };
    document?: { caption?: string };
    interactive?: {
      type: string;
      body: { text: string };
      action: { buttons?: { reply: { id: string; title: string } }[]; sections?: { rows: { id: string; title: string }[] }[] };
    };
    template?: { name: string; language: { code: string }; components: { type: string; parameters: { text?: string; payload?: string }[] }[] };
  };
  const interactive = b.interactive;
  const choices = interactive?.action.buttons?.map((x) => x.reply) ?? interactive?.action.sections?.flatMap((s) => s.rows) ?? [];
  const template = b.template
    ? {
        name: b.template.name,
        language: b.template.language.code,
        params: b.template.components.find((c) => c.type === 'body')?.parameters.map((p) => p.text ?? '') ?? [],
        payload: b.template.components.find((c) => c.type === 'button')?.parameters[0]?.payload,
      }
    : undefined;
  return {
    to: b.to,
    id: b.id,
    type: b.type,
    text: b.text?.body ?? interactive?.body.text ?? b.document?.caption ?? '',
    choices,
    interactive: interactive?.type,
    template,
  };
}

function formField(body: string, name: string): string | undefined {
  return new RegExp(`name="${name}"\\r\\n\\r\\n([^\\r]*)`).exec(body)?.[1];
}

function formFile(body: string): string | undefined {
  return /filename="([^"]+)"/.exec(body)?.[1];
}
