import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Document } from '../../src/channels/channel';
import type { ChannelAdapter, ConversationRef, Inbound, RenderedMessage, SendResult } from '../../src/channels/channel';
import { consoleInbound } from './consoleInbound';

export interface ConsoleOptions {
  /** Who is typing; several people can use one database in turn with different names. */
  as: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** A person at a terminal (a prompt is shown) rather than a script piping lines in. */
  interactive?: boolean;
  /**
   * Where files sent to people (their data, `/mydata`) are written, in a folder per person, readable
   * by the owner only.
   */
  fileDir: string;
}

/**
 * The chat in a terminal, and the embedded default channel. Choices are written as a numbered list.
 * Each line is handled, and its replies printed, before the next line is read; at the end of input
 * `finished` resolves.
 */
export class ConsoleAdapter implements ChannelAdapter {
  readonly channel = 'console' as const;
  readonly capabilities = { maxButtons: 0, maxButtonLabel: 0, maxText: 100_000, canInitiate: true, documents: true };
  readonly finished: Promise<void>;
  private finish: () => void = () => {};
  private readonly input: NodeJS.ReadableStream;
  private readonly output: NodeJS.WritableStream;
  private readonly interactive: boolean;

  constructor(private readonly options: ConsoleOptions) {
    this.input = options.input ?? process.stdin;
    this.output = options.output ?? process.stdout;
    this.interactive = options.interactive ?? process.stdin.isTTY === true;
    this.finished = new Promise((resolve) => {
      this.finish = resolve;
    });
  }

  async start(onInbound: (msg: Inbound) => Promise<void>): Promise<void> {
    const rl = createInterface({ input: this.input, output: this.interactive ? this.output : undefined });
    if (this.interactive) {
      this.output.write(`Kompis – you are chatting as "${this.options.as}". Write /start to begin, /help for help, Ctrl+D to leave.\n\n`);
      rl.setPrompt('> ');
    }
    void (async () => {
      if (this.interactive) rl.prompt();
      for await (const line of rl) {
        if (!this.interactive) this.output.write(`> ${line}\n`);
        await onInbound(consoleInbound(line, this.options.as, new Date()));
        if (this.interactive) rl.prompt();
      }
      this.finish();
    })();
  }

  async send(to: ConversationRef, msg: RenderedMessage): Promise<SendResult> {
    const file = msg.document ? this.writeFile(to, msg.document) : undefined;
    this.output.write(file ? `${msg.text}\n→ ${file}\n\n` : `${msg.text}\n\n`);
    return { ok: true };
  }

  /** Each person's files in a folder of their own: one person's export never replaces another's. */
  private writeFile(to: ConversationRef, document: Document): string {
    const folder = this.folderOf(to);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const path = resolve(folder, basename(document.filename));
    writeFileSync(path, document.content, { mode: 0o600 });
    chmodSync(path, 0o600);
    return path;
  }

  /** An erased person's files go with their data. */
  forget(to: ConversationRef): void {
    rmSync(this.folderOf(to), { recursive: true, force: true });
  }

  /**
   * The person's folder: the name they chat as, encoded so that it is one folder name of its own
   * (never `..` or the files folder itself; an encoded name never is a bare `%`).
   */
  private folderOf(to: ConversationRef): string {
    const name = encodeURIComponent(String(to.user ?? this.options.as)).replace(/\./g, '%2E');
    return resolve(this.options.fileDir, name === '' ? '%' : name);
  }

  reaches(to: ConversationRef): boolean {
    return to.user === this.options.as;
  }

  async stop(): Promise<void> {
    this.finish();
  }
}
