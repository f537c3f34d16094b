import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../../src/cli/app';
import type { Clock } from '../../src/runtime/clock';
import { type Logger, silentLogger } from '../../src/runtime/logger';
import type { ChannelCapabilities, InboundContent, RenderedMessage } from '../../src/channels/channel';
import { DEMO_PROGRAMME_PATH, loadProgramme, type Programme, parseProgramme } from '../../src/settings/programme';
import { FakeChannel } from './fakeChannel';
import type { Translator } from '../../src/text/i18n';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A clock that stands still until a test moves it. */
export class FakeClock implements Clock {
  constructor(private current = new Date('2026-11-02T09:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const demoProgramme = (): Programme => loadProgramme(DEMO_PROGRAMME_PATH);

/** The demo programme's settings as its file has them (without the surveys read from files). */
export function demoSettings(): Record<string, unknown> {
  return JSON.parse(readFileSync(DEMO_PROGRAMME_PATH, 'utf8')) as Record<string, unknown>;
}

/** The demo programme with some settings replaced. */
export function programmeWith(changes: Record<string, unknown>): Programme {
  return parseProgramme({ ...demoSettings(), ...changes });
}

/**
 * A whole Kompis on a temporary SQLite file with a fake channel. `reopen()` closes it and starts a
 * new one on the same file, as a restart would.
 */
export class TestKit {
  readonly dir = mkdtempSync(join(tmpdir(), 'kompis-test-'));
  readonly dbPath = join(this.dir, 'kompis.db');
  readonly clock = new FakeClock();
  channel = new FakeChannel();
  /** Silent unless a test wants to read what is logged. */
  logger: Logger = silentLogger;
  /** The fake channel's capabilities; the default shows buttons. Set before `open()`. */
  capabilities: ChannelCapabilities | undefined;
  /** Set before `open()` to serve HTTP (the coordinator desk) on a free port of this machine. */
  http = false;
  /** Set before `open()` to translate with another translator than the locale files' own. */
  translator: Translator | undefined;
  app!: App;

  constructor(private programme: Programme = demoProgramme()) {}

  async open(): Promise<this> {
    this.channel = new FakeChannel('console', this.capabilities);
    this.app = createApp({
      databasePath: this.dbPath,
      programme: this.programme,
      adapters: [this.channel],
      clock: this.clock,
      logger: this.logger,
      translator: this.translator,
      http: this.http ? { port: 0, host: '127.0.0.1' } : undefined,
    });
    await this.app.start();
    return this;
  }

  async reopen(programme?: Programme): Promise<void> {
    await this.app.stop();
    if (programme) this.programme = programme;
    await this.open();
  }

  async close(): Promise<void> {
    await this.app.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  person(name: string, locale?: string): Person {
    return new Person(this, name, locale);
  }

  /** A scheduler run as the timer would make it, then the outbox drained. */
  async tick(): Promise<void> {
    this.app.scheduler.runDue();
    await this.app.outbox.drain();
  }

  /** Moves the clock on by whole days, with a scheduler run at the same hour each day. */
  async days(count: number, eachDay?: (day: number) => Promise<void>): Promise<void> {
    for (let day = 1; day <= count; day++) {
      this.clock.advance(DAY_MS);
      await this.tick();
      await eachDay?.(day);
    }
  }

  /** The HTTP server's address (`http = true`), e.g. `http://127.0.0.1:43121`. */
  url(): string {
    return `http://127.0.0.1:${this.app.httpPort() ?? 0}`;
  }

  /** Rows of a table, through the real database. */
  rows<T = Record<string, unknown>>(query: string, ...params: unknown[]): T[] {
    return this.app.store.sqlite.prepare(query).all(...params) as T[];
  }
}

/** One person chatting, like botbuilder's TestAdapter: say something, read what came back. */
export class Person {
  constructor(
    private readonly kit: TestKit,
    readonly name: string,
    private readonly locale?: string,
  ) {}

  /** Sends text; resolves with the replies to it. */
  say(text: string): Promise<RenderedMessage[]> {
    return this.send({ kind: 'text', text });
  }

  /**
   * Presses the button labelled `label` in the last message; where the choices came as a numbered
   * list (too many for buttons), types the number instead, as a person would.
   */
  press(label: string): Promise<RenderedMessage[]> {
    const last = this.last();
    const choice = last.choices.find((c) => c.label === label);
    if (choice) return this.send({ kind: 'choice', value: choice.value });
    const numbered = last.text.split('\n').find((l) => l.endsWith(`. ${label}`));
    if (!numbered) throw new Error(`no choice "${label}" in: ${last.text}`);
    return this.say(numbered.slice(0, numbered.indexOf('.')));
  }

  back(): Promise<RenderedMessage[]> {
    return this.say('/back');
  }

  async send(content: InboundContent): Promise<RenderedMessage[]> {
    const before = this.kit.channel.sentTo(this.name).length;
    await this.kit.channel.deliver(this.kit.channel.inbound(this.name, content, { locale: this.locale }));
    return this.kit.channel.sentTo(this.name).slice(before);
  }

  last(): RenderedMessage {
    const all = this.kit.channel.sentTo(this.name);
    const last = all.at(-1);
    if (!last) throw new Error(`nothing was sent to ${this.name}`);
    return last;
  }

  lastText(): string {
    return this.last().text;
  }
}
