/**
 * Sending through a Bot API that misbehaves. The fake Telegram injects, at a fixed rate and from a
 * seeded random source, requests held without an answer, 5xx answers, 429s with retry_after, and
 * dropped connections — the held and dropped ones either before the fake carried the message out or
 * after it did. People talk to the real grammY bot through the real app and SQLite; the outbox tries
 * again on a test clock.
 *
 * Property: every queued message reaches its chat exactly once and in order, or its recipient ends
 * unreachable (its row 'dead', participants.unreachable = 1, their later messages held). The one way a
 * message arrives twice is a fault after the fake accepted it: the bot cannot tell "sent, answer lost"
 * from "not sent" and sends again (delivery is at least once). Every duplicate seen must be that case.
 *
 * RELIABILITY=long runs more people, longer conversations and a fresh seed; RELIABILITY_SEED=<n>
 * repeats a run. The seed is in each test's name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/cli/app';
import { silentLogger } from '../../src/runtime/logger';
import { t } from '../../src/text/messages';
import { enqueue } from '../../src/delivery/enqueue';
import { Random } from '../../src/simulation/random';
import { type ApiCall, eventually, type Fault, FakeTelegram } from '../helpers/fakeTelegram';
import { englishIntake } from '../helpers/intakeScript';
import { interleave } from '../helpers/interleave';
import { demoProgramme, FakeClock } from '../helpers/testKit';

const LONG = process.env.RELIABILITY === 'long';
const SEED = Number(process.env.RELIABILITY_SEED ?? (LONG ? Date.now() % 1_000_000 : 20261102));
const PEOPLE = LONG ? 100 : 30;
/** Lines of the application each person types: the first few, or (long) up to all of it. */
const LINES: [number, number] = LONG ? [8, 32] : [4, 9];
/** The share of sendMessage calls that fail somehow. */
const FAULT_RATE = 0.3;
/** People who blocked the bot: every send to them is refused with a 403. */
const BLOCKED = 2;
/** Low, so that some messages run out of tries and their recipients end unreachable. */
const MAX_ATTEMPTS = 4;
/** How long the bot waits for the Bot API here (45 s by default): long enough that an answer slowed by a busy machine is not taken for a hang, which would send the message again. */
const CALL_TIMEOUT_MS = 500;
const FIRST_CHAT = 7000;
/** Vitest's limit for the long run (the default run keeps to the usual 30 s). */
const TEST_TIMEOUT_MS = LONG ? 900_000 : undefined;

type FaultName = 'hang-before' | 'reset-before' | 'hang-after' | 'reset-after' | '500' | '502' | '429';
const FAULTS: FaultName[] = ['hang-before', 'reset-before', 'hang-after', 'reset-after', '500', '502', '429'];

function fault(name: FaultName, random: Random): Fault {
  switch (name) {
    case 'hang-before':
      return { kind: 'hang', accepted: false };
    case 'reset-before':
      return { kind: 'reset', accepted: false };
    case 'hang-after':
      return { kind: 'hang', accepted: true };
    case 'reset-after':
      return { kind: 'reset', accepted: true };
    case '500':
      return { kind: 'fail', failure: { error_code: 500, description: 'Internal Server Error' } };
    case '502':
      return { kind: 'fail', failure: { error_code: 502, description: 'Bad Gateway' } };
    case '429': {
      const retryAfter = random.int(1, 30);
      return {
        kind: 'fail',
        failure: { error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } },
      };
    }
  }
}

/** A number from a string (FNV-1a), so a call's fault depends on what it is, not on when it came. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Picks each sendMessage call's fault from the seed, the chat, the message and how often it was asked
 * for before: the same seed gives the same faults however the sends interleave.
 */
function faultPicker(seed: number, blocked: Set<number>, rate: number) {
  const asked = new Map<string, number>();
  const injected = new Map<FaultName | '403', number>();
  const pick = (call: ApiCall): Fault | undefined => {
    if (call.method !== 'sendMessage') return undefined;
    const chat = Number(call.payload.chat_id);
    if (blocked.has(chat)) {
      injected.set('403', (injected.get('403') ?? 0) + 1);
      return { kind: 'fail', failure: { error_code: 403, description: 'Forbidden: bot was blocked by the user' } };
    }
    const key = `${chat}:${String(call.payload.text)}`;
    const n = asked.get(key) ?? 0;
    asked.set(key, n + 1);
    const random = new Random(hash(`${seed}:${n}:${key}`));
    if (!random.chance(rate)) return undefined;
    const name = FAULTS[random.int(0, FAULTS.length - 1)] ?? '500';
    injected.set(name, (injected.get(name) ?? 0) + 1);
    return fault(name, random);
  };
  return { pick, injected };
}

/** What one person types: the start of an application, one update per line. */
interface Script {
  chat: number;
  lines: string[];
}

function scripts(seed: number): Script[] {
  const random = new Random(seed);
  return Array.from({ length: PEOPLE }, (_, i) => ({
    chat: FIRST_CHAT + i,
    lines: englishIntake(`Person${i}`).slice(0, random.int(...LINES)),
  }));
}

/** Everybody's lines in one random order that keeps each person's own order. */
function mixed(all: Script[], seed: number): { chat: number; text: string }[] {
  return interleave(
    all.map((s) => s.lines.map((text) => ({ chat: s.chat, text }))),
    new Random(seed ^ 0x5eed),
  );
}

interface OutboxRow {
  chat: number;
  status: string;
  unreachable: number;
  lastError: string | null;
}

/** Kompis on a real grammY bot against a fake Bot API, on a test clock; `run` drives it to rest. */
class Rig {
  readonly clock = new FakeClock();
  readonly dir = mkdtempSync(join(tmpdir(), 'kompis-faults-'));
  tg!: FakeTelegram;
  app!: App;

  async start(pick?: (call: ApiCall) => Fault | undefined): Promise<this> {
    this.tg = await new FakeTelegram().start();
    this.tg.fault = pick;
    const adapter = this.tg.adapter({ timeoutSeconds: CALL_TIMEOUT_MS / 1000 });
    this.app = createApp({
      databasePath: join(this.dir, 'kompis.db'),
      programme: demoProgramme(),
      adapters: [adapter],
      clock: this.clock,
      logger: silentLogger,
      outboxMaxAttempts: MAX_ATTEMPTS,
    });
    await this.app.start();
    return this;
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.tg.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  count(query: string): number {
    return (this.app.store.sqlite.prepare(query).get() as { n: number }).n;
  }

  /**
   * Pushes the updates, waits until every one was handled (the clock standing still, so that nothing
   * is tried again yet), then moves the clock a minute at a time and drains until nothing that may
   * still be sent waits.
   */
  async run(updates: { chat: number; text: string }[]): Promise<void> {
    for (const u of updates) this.tg.push(this.tg.textUpdate(u.chat, u.text));
    await eventually(() => this.count('select count(*) as n from inbound_events') === updates.length, LONG ? 600_000 : 25_000);
    for (let round = 0; ; round++) {
      await this.app.outbox.drain();
      if (this.count(WAITING) === 0) return;
      // A failed try holds its person's later messages until the next round: at worst every one of
      // a person's messages uses every try.
      if (round > MAX_ATTEMPTS * LINES[1]) throw new Error(`${this.count(WAITING)} messages still wait after ${round} rounds`);
      this.clock.advance(60_000);
    }
  }

  rows(): OutboxRow[] {
    return this.app.store.sqlite
      .prepare(
        `select json_extract(o.conversation_ref, '$.chatId') as chat, o.status, p.unreachable, o.last_error as lastError
           from outbox o join participants p on p.id = o.participant_id order by o.id`,
      )
      .all() as OutboxRow[];
  }
}

/** Messages that could still go: pending, to somebody not marked unreachable. */
const WAITING = `select count(*) as n from outbox o join participants p on p.id = o.participant_id
  where o.status = 'pending' and p.unreachable = 0`;

/** What a person sees of a message: its text and its buttons. */
const shown = (c: ApiCall) => `${String(c.payload.text)} ${JSON.stringify(c.payload.reply_markup ?? null)}`;

describe(`Telegram sends under injected faults (seed ${SEED})`, () => {
  const rigs: Rig[] = [];
  const rig = async (pick?: (call: ApiCall) => Fault | undefined) => {
    const r = await new Rig().start(pick);
    rigs.push(r);
    return r;
  };
  beforeEach(() => {
    rigs.length = 0;
  });
  afterEach(async () => {
    for (const r of rigs) await r.stop();
  });

  it(
    `delivers every message once, in order, or ends with its recipient unreachable (${PEOPLE} people, seed ${SEED})`,
    async () => {
      const people = scripts(SEED);
      const updates = mixed(people, SEED);
      const blocked = new Set(people.slice(0, BLOCKED).map((p) => p.chat));

      // What each person sees when nothing fails.
      const clean = await rig();
      await clean.run(updates);
      const expected = new Map(people.map((p) => [p.chat, clean.tg.acceptedTo(p.chat).map(shown)]));
      expect(clean.rows().every((r) => r.status === 'sent')).toBe(true);
      expect(clean.tg.accepted.some((c) => c.answerLost)).toBe(false);

      const faults = faultPicker(SEED, blocked, FAULT_RATE);
      const faulty = await rig(faults.pick);
      await faulty.run(updates);
      const rows = faulty.rows();
      expect(rows.length, 'the same messages were queued').toBe(clean.rows().length);

      let duplicates = 0;
      for (const { chat } of people) {
        const want = expected.get(chat) ?? [];
        const mine = rows.filter((r) => r.chat === chat);
        const calls = faulty.tg.acceptedTo(chat);
        // A message sent again right after the fake accepted it and the answer was lost is the known
        // duplicate; any other repeat is a message sent twice.
        const seen = calls.filter((c, i) => {
          const next = calls[i + 1];
          const lostAndResent = c.answerLost === true && next !== undefined && shown(next) === shown(c);
          if (lostAndResent) duplicates++;
          return !lostAndResent;
        });
        const what = `chat ${chat}, seed ${SEED}`;
        expect(mine, what).toHaveLength(want.length);
        const sent = mine.filter((r) => r.status === 'sent').length;
        const unreachable = mine.some((r) => r.unreachable === 1);
        if (!unreachable) {
          expect(
            mine.map((r) => r.status),
            what,
          ).toEqual(want.map(() => 'sent'));
          expect(seen.map(shown), what).toEqual(want);
          continue;
        }
        // Given up on: what came before the first message given up was sent, once and in order; after
        // it, nothing more was tried.
        const firstDead = mine.findIndex((r) => r.status === 'dead');
        expect(firstDead, what).toBe(sent);
        expect(
          mine.slice(0, firstDead).every((r) => r.status === 'sent'),
          what,
        ).toBe(true);
        expect(
          mine.slice(firstDead + 1).every((r) => r.status === 'dead' || r.status === 'pending'),
          what,
        ).toBe(true);
        expect(seen.map(shown), what).toEqual(want.slice(0, seen.length));
        // The message given up on reached the person only if the fake accepted it and the answer was lost.
        if (seen.length > sent) {
          expect(seen.length, what).toBe(sent + 1);
          expect(calls.at(-1)?.answerLost, what).toBe(true);
        } else {
          expect(seen.length, what).toBe(sent);
        }
      }

      // Nobody is given up on unless they were marked unreachable.
      for (const r of rows.filter((row) => row.status !== 'sent')) {
        expect(r.unreachable, `chat ${r.chat}: ${r.status} (${r.lastError ?? ''}), seed ${SEED}`).toBe(1);
      }
      // Whoever blocked the bot gets nothing more: the message that met the block is given up, and what
      // came after it waits until they write again (their updates may all be handled before the first send).
      for (const chat of blocked) {
        const theirs = rows.filter((r) => r.chat === chat);
        expect(theirs[0]?.status, `chat ${chat}, seed ${SEED}`).toBe('dead');
        expect(
          theirs.every((r) => r.status === 'dead' || r.status === 'pending'),
          `chat ${chat}, seed ${SEED}`,
        ).toBe(true);
      }

      // The run met every kind of fault, the known duplicate and a message given up after its last try.
      for (const name of FAULTS) expect(faults.injected.get(name) ?? 0, `${name} faults, seed ${SEED}`).toBeGreaterThan(0);
      expect(duplicates, `duplicates after an accepted message's answer was lost, seed ${SEED}`).toBeGreaterThan(0);
      const givenUp = rows.filter((r) => r.status === 'dead' && !blocked.has(r.chat));
      if (!LONG) expect(givenUp.length, `messages given up after ${MAX_ATTEMPTS} tries, seed ${SEED}`).toBeGreaterThan(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(`keeps each person's messages in order when more wait than one read of the outbox holds (seed ${SEED})`, async () => {
    const each = 6;
    const people = Array.from({ length: 40 }, (_, i) => ({ chat: FIRST_CHAT + i, lines: Array.from({ length: each }, (_, n) => String(n + 1)) }));
    // Answers come after 0–15 ms, so sends end in another order than they began.
    const r = await rig((call) => {
      if (call.method !== 'sendMessage') return undefined;
      return { kind: 'slow', ms: new Random(hash(`${SEED}:${String(call.payload.chat_id)}:${String(call.payload.text)}`)).int(0, 15) };
    });
    for (const { chat } of people) r.tg.push(r.tg.textUpdate(chat, '/start'));
    await eventually(() => r.count("select count(*) as n from outbox where status = 'sent'") === people.length, 10_000);
    const participant = new Map(
      (r.app.store.sqlite.prepare('select participant_id as id, external_user_id as user from channel_identities').all() as { id: number; user: string }[]).map((p) => [
        Number(p.user),
        p.id,
      ]),
    );
    // Everybody's next messages queued at once in a random interleaving, as turns and jobs would.
    r.app.store.db.transaction((tx) => {
      for (const { chat, text } of mixed(people, SEED)) {
        enqueue(tx, {
          dedupeKey: `order:${chat}:${text}`,
          participantId: participant.get(chat) ?? 0,
          channel: 'telegram',
          conversationRef: JSON.stringify({ chatId: chat }),
          language: 'en',
          message: { lines: [t('form.progress', { n: Number(text), total: each })] },
          now: r.clock.now(),
        });
      }
    });
    await r.app.outbox.drain();
    for (const { chat } of people) {
      expect(
        r.tg
          .acceptedTo(chat)
          .slice(1)
          .map((c) => c.payload.text),
        `chat ${chat}, seed ${SEED}`,
      ).toEqual(Array.from({ length: each }, (_, n) => `Question ${n + 1} of ${each}`));
    }
  });

  it.each([
    ['hang-before', 1],
    ['reset-before', 1],
    ['500', 1],
    ['502', 1],
    ['429', 1],
    ['hang-after', 2],
    ['reset-after', 2],
  ] as const)('after a %s fault sends the message again; the person gets it %i time(s)', async (name, times) => {
    let first = true;
    const r = await rig((call) => {
      if (call.method !== 'sendMessage' || !first) return undefined;
      first = false;
      return fault(name, new Random(SEED));
    });
    r.tg.push(r.tg.textUpdate(FIRST_CHAT, '/start'));
    await eventually(() => r.count("select count(*) as n from outbox where status = 'pending' and last_error is not null") === 1);
    expect(r.tg.acceptedTo(FIRST_CHAT)).toHaveLength(times - 1);

    r.clock.advance(60_000);
    await r.app.outbox.drain();
    expect(r.tg.acceptedTo(FIRST_CHAT)).toHaveLength(times);
    expect(r.tg.acceptedTo(FIRST_CHAT).map((c) => c.payload.text)).toEqual(Array.from({ length: times }, () => expect.stringContaining('Choose your language.')));
    expect(r.app.store.sqlite.prepare('select status, attempts from outbox').all()).toEqual([{ status: 'sent', attempts: 2 }]);
  });

  it('gives up a held request after the call timeout, keeps the others going, and sends it again later', async () => {
    const held = FIRST_CHAT;
    let holding = true;
    const r = await rig((call) => (holding && call.method === 'sendMessage' && call.payload.chat_id === held ? { kind: 'hang', accepted: false } : undefined));
    for (let i = 0; i < 5; i++) r.tg.push(r.tg.textUpdate(FIRST_CHAT + i, '/start'));
    const started = performance.now();
    await eventually(() => r.count('select count(*) as n from inbound_events') === 5);
    await r.app.outbox.drain();
    // The held send was given up on within the timeout (well under grammY's own 500 s), not waited out.
    expect(performance.now() - started).toBeLessThan(5 * CALL_TIMEOUT_MS + 3000);
    for (let i = 1; i < 5; i++) expect(r.tg.acceptedTo(FIRST_CHAT + i)).toHaveLength(1);
    expect(r.tg.acceptedTo(held)).toHaveLength(0);
    expect(r.app.store.sqlite.prepare("select status, last_error from outbox where status = 'pending'").all()).toEqual([
      { status: 'pending', last_error: expect.stringMatching(/^network: /) },
    ]);

    holding = false;
    r.clock.advance(60_000);
    await r.app.outbox.drain();
    expect(r.tg.acceptedTo(held)).toHaveLength(1);
    expect(r.count("select count(*) as n from outbox where status = 'sent'")).toBe(5);
  });
});
