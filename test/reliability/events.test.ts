/**
 * Inbound events delivered more than once and out of step. People go through the whole application
 * while each of their events arrives one to three times (the same event id), everybody's events are
 * interleaved in a seeded random order, and now and then an event a person sent earlier arrives again
 * after later ones were handled. On Telegram, through the real grammY bot, an update comes twice, and
 * an update the bot handled but could not confirm comes again after a restart.
 *
 * Property: an event is handled once, whenever and however often it arrives. Each application ends
 * with exactly the answers a clean run (every event once, in order) stores, each person gets exactly
 * the replies of the clean run (none answered twice, none doubled), and inbound_events holds one row
 * per distinct event.
 *
 * RELIABILITY=long runs more people and a fresh seed; RELIABILITY_SEED=<n> repeats a run. The seed is
 * in each test's name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/cli/app';
import type { HandleOutcome } from '../../src/conversation/engine';
import { silentLogger } from '../../src/runtime/logger';
import type { Inbound } from '../../src/channels/channel';
import { Random } from '../../src/simulation/random';
import { type ApiCall, eventually, type Fault, FakeTelegram } from '../helpers/fakeTelegram';
import { englishIntake } from '../helpers/intakeScript';
import { interleave } from '../helpers/interleave';
import { demoProgramme, FakeClock, TestKit } from '../helpers/testKit';

const LONG = process.env.RELIABILITY === 'long';
const SEED = Number(process.env.RELIABILITY_SEED ?? (LONG ? Date.now() % 1_000_000 : 20261103));
/** People through the whole application on the engine's own channel, and on Telegram. */
const PEOPLE = LONG ? 40 : 8;
const TELEGRAM_PEOPLE = LONG ? 12 : 4;
/** How much of the application the Telegram people type. */
const TELEGRAM_LINES = LONG ? 32 : 12;
/** How often an event is followed, later, by another copy of an earlier event of the same person. */
const LATE_DUPLICATE = 0.3;
/** Vitest's limit for the long run (the default run keeps to the usual 30 s). */
const TEST_TIMEOUT_MS = LONG ? 600_000 : undefined;

const names = (count: number) => Array.from({ length: count }, (_, i) => `person${i}`);

/** A person's events as they arrive: each one to three times, and now and then an earlier one again. */
function deliveries<T>(events: T[], random: Random): T[] {
  const out: T[] = [];
  events.forEach((event, i) => {
    const copies = random.int(1, 3);
    for (let c = 0; c < copies; c++) out.push(event);
    if (i > 0 && random.chance(LATE_DUPLICATE)) out.push(events[random.int(0, i - 1)] ?? event);
  });
  return out;
}

interface Outcome {
  replies: Map<string, string[]>;
  answers: Map<string, unknown>;
}

/** What the engine's own channel shows each person, and what each application stores. */
function outcome(kit: TestKit, people: string[]): Outcome {
  const rows = kit.rows<{ name: string; status: string; answers: string; flags: string }>(
    `select ci.external_user_id as name, a.status, a.answers, a.flags
       from applications a join channel_identities ci on ci.participant_id = a.participant_id`,
  );
  return {
    replies: new Map(people.map((p) => [p, kit.channel.sentTo(p).map((m) => JSON.stringify(m))])),
    answers: new Map(rows.map((r) => [r.name, { status: r.status, answers: JSON.parse(r.answers) as unknown, flags: JSON.parse(r.flags) as unknown }])),
  };
}

/** Notes what the engine made of each event, by watching its `handle`. */
function watchOutcomes(app: App): HandleOutcome[] {
  const outcomes: HandleOutcome[] = [];
  const handle = app.engine.handle.bind(app.engine);
  app.engine.handle = async (msg: Inbound) => {
    const result = await handle(msg);
    outcomes.push(result);
    return result;
  };
  return outcomes;
}

describe(`events delivered twice, late and interleaved (seed ${SEED})`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function kit(): Promise<TestKit> {
    const k = await new TestKit().open();
    cleanups.push(() => k.close());
    return k;
  }

  it(
    `${PEOPLE} applications end as in a clean run, each reply sent once (seed ${SEED})`,
    async () => {
      const people = names(PEOPLE);
      const events = new Map(
        people.map((p) => [
          p,
          englishIntake(p).map((text, i): Inbound => ({
            channel: 'console',
            externalUserId: p,
            conversationRef: { user: p },
            eventId: `${p}:${i}`,
            content: { kind: 'text', text },
            receivedAt: new Date('2026-11-02T09:00:00Z'),
          })),
        ]),
      );

      const clean = await kit();
      for (const p of people) for (const event of events.get(p) ?? []) await clean.channel.deliver(event);
      const want = outcome(clean, people);
      expect(want.answers.size).toBe(PEOPLE);

      const random = new Random(SEED);
      const order = interleave(
        people.map((p) => deliveries(events.get(p) ?? [], random)),
        random,
      );
      const messy = await kit();
      const outcomes = watchOutcomes(messy.app);
      // Mostly one at a time; now and then a few at once, as a webhook with several requests open would.
      for (let i = 0; i < order.length;) {
        const batch = order.slice(i, (i += random.int(1, 4)));
        await Promise.all(batch.map((event) => messy.channel.deliver(event)));
      }
      const got = outcome(messy, people);

      const distinct = PEOPLE * englishIntake('x').length;
      expect(order.length, 'events came more than once').toBeGreaterThan(distinct);
      expect(outcomes.filter((o) => o === 'handled')).toHaveLength(distinct);
      expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(order.length - distinct);
      expect(messy.rows('select count(*) as n from inbound_events')).toEqual([{ n: distinct }]);
      for (const p of people) {
        expect(got.answers.get(p), `${p}'s application, seed ${SEED}`).toEqual(want.answers.get(p));
        expect(got.replies.get(p), `${p}'s replies, seed ${SEED}`).toEqual(want.replies.get(p));
      }
      expect(messy.rows('select count(*) as n from outbox')).toEqual(clean.rows('select count(*) as n from outbox'));
      expect(messy.rows("select count(*) as n from outbox where status <> 'sent'")).toEqual([{ n: 0 }]);
    },
    TEST_TIMEOUT_MS,
  );

  /** Kompis on a real grammY bot against a fake Bot API, on a test clock. */
  async function telegram(tg: FakeTelegram, dir: string): Promise<{ app: App; outcomes: HandleOutcome[] }> {
    const adapter = tg.adapter();
    const app = createApp({ databasePath: join(dir, 'kompis.db'), programme: demoProgramme(), adapters: [adapter], clock: new FakeClock(), logger: silentLogger });
    const outcomes = watchOutcomes(app);
    await app.start();
    return { app, outcomes };
  }

  async function fake(): Promise<{ tg: FakeTelegram; dir: string }> {
    const tg = await new FakeTelegram().start();
    const dir = mkdtempSync(join(tmpdir(), 'kompis-events-'));
    cleanups.push(async () => {
      await tg.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    return { tg, dir };
  }

  const count = (app: App, query: string) => (app.store.sqlite.prepare(query).get() as { n: number }).n;

  it(
    `on Telegram, answers an update pushed two or three times once (${TELEGRAM_PEOPLE} people, seed ${SEED})`,
    async () => {
      const chats = Array.from({ length: TELEGRAM_PEOPLE }, (_, i) => 8000 + i);
      const lines = new Map(chats.map((chat, i) => [chat, englishIntake(`Person${i}`).slice(0, TELEGRAM_LINES)]));
      const random = new Random(SEED ^ 0x7e1e);
      const order = interleave(
        chats.map((chat) => (lines.get(chat) ?? []).map((text) => ({ chat, text, copies: random.int(1, 3) }))),
        random,
      );
      const distinct = order.length;

      async function run(copies: boolean) {
        const { tg, dir } = await fake();
        const kompis = await telegram(tg, dir);
        cleanups.unshift(() => kompis.app.stop());
        let pushed = 0;
        // Telegram numbers updates in the order it has them; a re-delivery keeps the number.
        for (const { chat, text, copies: n } of order) {
          const update = tg.textUpdate(chat, text);
          for (let c = 0; c < (copies ? n : 1); c++, pushed++) tg.push(update);
        }
        await eventually(() => kompis.outcomes.length === pushed, LONG ? 300_000 : 20_000);
        await kompis.app.outbox.drain();
        return { tg, app: kompis.app, outcomes: kompis.outcomes, pushed };
      }

      const clean = await run(false);
      const messy = await run(true);
      expect(messy.pushed).toBeGreaterThan(distinct);
      expect(messy.outcomes.filter((o) => o === 'handled')).toHaveLength(distinct);
      expect(messy.outcomes.filter((o) => o === 'duplicate')).toHaveLength(messy.pushed - distinct);
      expect(count(messy.app, 'select count(*) as n from inbound_events')).toBe(distinct);
      const shown = (c: ApiCall) => `${String(c.payload.text)} ${JSON.stringify(c.payload.reply_markup ?? null)}`;
      for (const chat of chats) {
        expect(messy.tg.acceptedTo(chat).map(shown), `chat ${chat}, seed ${SEED}`).toEqual(clean.tg.acceptedTo(chat).map(shown));
      }
    },
    TEST_TIMEOUT_MS,
  );

  it('on Telegram, answers an update once that comes again after a restart because it was never confirmed', async () => {
    const { tg, dir } = await fake();
    const chat = 8100;
    const start = tg.textUpdate(chat, '/start');
    // Every getUpdates that would confirm /start is lost: the bot's next poll is held, and the last
    // one it makes while stopping loses its connection. Telegram keeps the update and sends it again.
    let cut = true;
    tg.fault = (call): Fault | undefined => {
      if (!cut || call.method !== 'getUpdates' || Number(call.payload.offset) <= Number(start.update_id)) return undefined;
      return call.payload.limit === 1 ? { kind: 'reset', accepted: false } : { kind: 'hang', accepted: false };
    };
    const first = await telegram(tg, dir);
    tg.push(start);
    await eventually(() => tg.acceptedTo(chat).length === 1);
    await first.app.stop();
    expect(first.outcomes).toEqual(['handled']);

    cut = false;
    const second = await telegram(tg, dir);
    cleanups.unshift(() => second.app.stop());
    await eventually(() => second.outcomes.length === 1);
    expect(second.outcomes).toEqual(['duplicate']);
    // Nothing new for the old update; the conversation goes on where it was.
    tg.push(tg.textUpdate(chat, 'English'));
    await eventually(() => tg.acceptedTo(chat).length === 2);
    await second.app.outbox.drain();
    expect(tg.acceptedTo(chat).map((c) => String(c.payload.text))).toEqual([expect.stringContaining('Choose your language.'), expect.stringContaining('What brings you here?')]);
    expect(count(second.app, 'select count(*) as n from inbound_events')).toBe(2);
    expect(second.outcomes).toEqual(['duplicate', 'handled']);
  });
});
