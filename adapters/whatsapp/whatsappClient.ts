import { chmodSync, mkdirSync } from 'node:fs';
import type { Document } from '../../src/channels/channel';

/** The fields of a whatsapp-web.js `Message` that Kompis reads. */
export interface WhatsAppMessage {
  id: { _serialized: string };
  from: string;
  fromMe: boolean;
  body: string;
  type: string;
  hasMedia: boolean;
  isStatus: boolean;
  broadcast?: boolean;
}

/**
 * The small part of a whatsapp-web.js `Client` the adapter uses: events in, `sendMessage` out. Tests
 * drive the adapter with a fake of it.
 */
export interface WhatsAppClient {
  on(event: 'qr', listener: (qr: string) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
  on(event: 'auth_failure', listener: (message: string) => void): unknown;
  on(event: 'disconnected', listener: (reason: string) => void): unknown;
  on(event: 'message', listener: (message: WhatsAppMessage) => void): unknown;
  initialize(): Promise<void>;
  sendMessage(chatId: string, text: string): Promise<unknown>;
  /** Sends a file as a document with a caption (whatsapp-web.js: a `MessageMedia`). */
  sendDocument(chatId: string, document: Document, caption: string): Promise<unknown>;
  /**
   * The phone number (`4791234567@c.us`) behind a `@lid` id, if WhatsApp tells it
   * (whatsapp-web.js: `getContactLidAndPhone`); absent on clients that cannot tell.
   */
  phoneOf?(lid: string): Promise<string | undefined>;
  destroy(): Promise<void>;
}

export type WhatsAppClientFactory = () => Promise<WhatsAppClient>;

/**
 * A real whatsapp-web.js client: the session kept with `LocalAuth` in `sessionDir` (created readable by
 * the owner only), Chromium from the system at `chromiumPath`.
 */
export function whatsAppWebClient(sessionDir: string, chromiumPath: string): WhatsAppClientFactory {
  return async () => {
    mkdirSync(sessionDir, { recursive: true, mode: 0o700 });
    chmodSync(sessionDir, 0o700);
    const { default: wweb } = await import('whatsapp-web.js');
    const client = new wweb.Client({
      authStrategy: new wweb.LocalAuth({ dataPath: sessionDir }),
      puppeteer: { executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] },
    });
    const sendDocument = (chatId: string, document: Document, caption: string) => {
      const media = new wweb.MessageMedia(document.mimeType, Buffer.from(document.content).toString('base64'), document.filename);
      return client.sendMessage(chatId, media, { caption, sendMediaAsDocument: true });
    };
    const phoneOf = async (lid: string) => {
      const [found] = await client.getContactLidAndPhone([lid]);
      return found?.pn;
    };
    return Object.assign(client, { sendDocument, phoneOf }) as unknown as WhatsAppClient;
  };
}
