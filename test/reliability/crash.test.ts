/**
 * Kompis is killed (SIGKILL) at random moments while people apply over Telegram and the monthly
 * check-ins go out, started again, and killed again. Afterwards every answer is stored exactly once
 * and every person received exactly what one uninterrupted run sends them, in order.
 *
 * One duplicate is allowed, because no chat platform can prevent it: a message the platform accepted
 * while the process died before recording it is sent again after the restart. Such a message was
 * one of the few in flight at a kill; any other duplicate fails the test.
 *
 * `RELIABILITY=long` runs 200 conversations and 30 kills from a fresh seed; `CRASH_SEED` repeats a run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/client';
import { DEMO_PROGRAMME_PATH, loadProgramme } from '../../src/settings/programme';
import { type ApiCall, eventually, FakeTelegram } from '../helpers/fakeTelegram';
import { ENGLISH_INTAKE } from '../helpers/intakeScript';
import { SENDING } from '../../src/delivery/outbox';
import { Random } from '../../src/simulation/random';

const LONG = process.env.RELIABILITY === 'long';
const CONVERSATIONS = LONG ? 200 : 30;
const KILLS = LONG ? 30 : 5;
const PAIRS = LONG ? 100 : 20;
/** Where the kills fall: fixed in `npm test`, fresh in the long run. */
const SEED = Number(process.env.CRASH_SEED ?? (LONG ? Math.floor(Math.random() * 1_000_000) : 20261130));
/** The day the scheduled check-ins fall due, 10:30 in Oslo. */
const CLOCK_BASE = '2027-03-01T09:30:00Z';
const FIRST_SEEDED_CHAT = 900_000;

/** Each kill: how many sendMessage calls the fake had recorded once the killed process was gone. */
interface Kill {
  after: number;
}

/** The Kompis process under test; a new one after each kill. */
class Kompis {
  private child: ChildProcess | undefined;
  errors = '';

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  start(): void {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/reliability/crashChild.ts'], {
      cwd: join(import.meta.dirname, '..', '..'),
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => (this.errors += String(chunk)));
    this.child = child;
  }

  async stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

describe('Kompis killed at random moments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kompis-crash-'));
  const dbPath = join(dir, 'kompis.db');
  let tg: FakeTelegram;
  let kompis: Kompis;

  beforeAll(async () => {
    tg = await new FakeTelegram().start();
    seedPairsDueForCheckin(dbPath, PAIRS);
    kompis = new Kompis({
      DATABASE_PATH: dbPath,
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
      CLOCK_BASE,
      CLOCK_FROM: String(Date.now()),
    });
  });

  afterAll(async () => {
    await kompis.stop('SIGKILL');
    await tg.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`keeps every answer once and sends nothing twice (seed ${SEED})`, { timeout: LONG ? 1_800_000 : 120_000 }, async () => {
    const rng = new Random(SEED);
    const users = Array.from({ length: CONVERSATIONS }, (_, i) => i + 1);
    const kills: Kill[] = [];
    const kill = async () => {
      await kompis.stop('SIGKILL');
      await sleep(100); // requests the process wrote before it died still reach the fake
      kills.push({ after: tg.called('sendMessage').length });
      kompis.start();
    };

    kompis.start();
    // The first kill comes while the check-ins fall due are being sent.
    const scheduledBeforeKill = rng.int(1, 2 * PAIRS - 1);
    await eventually(() => tg.called('sendMessage').length >= scheduledBeforeKill, 30_000);
    await kill();
    const killer = (async () => {
      for (let k = 1; k < KILLS; k++) {
        const started = tg.called('getMe').length;
        await eventually(() => tg.called('getMe').length > started, 30_000);
        await sleep(rng.int(50, 1500));
        await kill();
      }
    })();
    await Promise.all([...users.map((chat) => converse(tg, chat)), killer]);
    // A repeat after a kill can pass for the answer to a person's last line: wait until every update
    // was handled and everything queued was sent.
    const db = new Database(dbPath, { readonly: true });
    const handled = () => count(db, 'select count(*) as n from inbound_events') === CONVERSATIONS * ENGLISH_INTAKE.length;
    await eventually(() => handled() && count(db, "select count(*) as n from outbox where status = 'pending'") === 0, 60_000);
    db.close();
    await kompis.stop('SIGTERM');

    expect(kills).toHaveLength(KILLS);
    expect(tg.redelivered).toBeGreaterThan(0);
    expect(kompis.errors).not.toMatch(/ error /);
    const store = new Database(dbPath, { readonly: true });
    try {
      const sent = tg.called('sendMessage');
      const { delivered, resent } = withoutResends(sent, kills);
      // Only what was on its way when the process died can come twice: a message claimed again
      // after its claim ran out, no more at a kill than one process sends at once. A message on its
      // way at several kills in a row is claimed, and may come, once more after each of them.
      const resentInAll = resent.reduce((a, b) => a + b, 0);
      for (const n of resent) expect(n).toBeLessThanOrEqual(SENDING);
      expect(resentInAll).toBeLessThanOrEqual(count(store, 'select coalesce(sum(attempts - 1), 0) as n from outbox where attempts > 1'));
      // Every person was told exactly what an uninterrupted run tells them, in order.
      const reference = delivered.get(1) ?? [];
      expect(reference).toHaveLength(ENGLISH_INTAKE.length);
      expect(reference.at(-1)).toContain('Thank you! Your application is sent.');
      for (const chat of users) expect(delivered.get(chat), `chat ${chat}`).toEqual(reference);

      // Every answer was stored once: one application each, with the same answers, and each
      // Telegram update handled once although a killed process had some of them delivered again.
      const applications = store
        .prepare('select c.external_user_id as chat, a.answers from applications a join channel_identities c on c.participant_id = a.participant_id')
        .all() as { chat: string; answers: string }[];
      expect(applications).toHaveLength(CONVERSATIONS);
      const answers = applications.find((a) => a.chat === '1')?.answers;
      for (const application of applications) expect(application.answers).toBe(answers);
      expect(count(store, 'select count(*) as n from inbound_events')).toBe(CONVERSATIONS * ENGLISH_INTAKE.length);

      // The check-in went out once to every member of every seeded pair, and nothing else did.
      for (let chat = FIRST_SEEDED_CHAT; chat < FIRST_SEEDED_CHAT + 2 * PAIRS; chat++) {
        expect(delivered.get(chat), `chat ${chat}`).toEqual([expect.stringMatching(/^Time for your monthly check-in/)]);
      }
      expect(count(store, 'select count(*) as n from checkins')).toBe(2 * PAIRS);
      expect(count(store, "select count(*) as n from outbox where status <> 'sent'")).toBe(0);

      process.stdout.write(
        `crash test: seed ${SEED}, ${KILLS} kills, ${tg.redelivered} updates delivered again, ${sent.length} messages sent, ${resentInAll} of them again because a kill cut their send short\n`,
      );
    } finally {
      store.close();
    }
  });
});

/** One person's application, each line sent once the answer to the one before has come. */
async function converse(tg: FakeTelegram, chat: number): Promise<void> {
  for (const line of ENGLISH_INTAKE) {
    const before = tg.messagesTo(chat).length;
    tg.push(tg.textUpdate(chat, line));
    await eventually(() => tg.messagesTo(chat).length > before, 60_000);
  }
}

/**
 * Each chat's texts with the allowed duplicates taken out: a message repeated right after itself,
 * first sent before a kill and again after it. Any other repeat stays in, for the comparisons to
 * catch; `resent` counts the allowed ones per kill.
 */
function withoutResends(sent: ApiCall[], kills: Kill[]): { delivered: Map<number, string[]>; resent: number[] } {
  const delivered = new Map<number, string[]>();
  const lastIndex = new Map<number, number>();
  const resent = kills.map(() => 0);
  const key = (call: ApiCall | undefined) => JSON.stringify([call?.payload.text, call?.payload.reply_markup]);
  sent.forEach((call, index) => {
    const chat = Number(call.payload.chat_id);
    const texts = delivered.get(chat) ?? [];
    const previous = lastIndex.get(chat) ?? -1;
    const killed = kills.findIndex((k) => previous < k.after);
    const acrossKill = previous >= 0 && killed >= 0 && index >= (kills[killed]?.after ?? Infinity);
    if (acrossKill && key(sent[previous]) === key(call)) resent[killed] = (resent[killed] ?? 0) + 1;
    else texts.push(String(call.payload.text));
    delivered.set(chat, texts);
    lastIndex.set(chat, index);
  });
  return { delivered, resent };
}

function count(db: Database.Database, query: string): number {
  return (db.prepare(query).get() as { n: number }).n;
}

/**
 * `pairs` active pairs of Telegram users who started five weeks before CLOCK_BASE and have not met:
 * each member is due their first check-in.
 */
function seedPairsDueForCheckin(path: string, pairs: number): void {
  const programme = loadProgramme(DEMO_PROGRAMME_PATH);
  const store = openStore(path);
  const db = store.sqlite;
  const started = '2027-01-25T10:00:00.000Z';
  db.prepare('insert into programmes (id, name, settings, updated_at) values (?, ?, ?, ?)').run(programme.id, programme.name, JSON.stringify(programme), started);
  const person = db.prepare("insert into participants (programme_id, role, language, name, last_active_at) values (?, ?, 'en', ?, ?)");
  const address = db.prepare("insert into channel_identities (participant_id, channel, external_user_id, conversation_ref) values (?, 'telegram', ?, ?)");
  const pair = db.prepare("insert into pairs (programme_id, mentee_id, mentor_id, status, proposed_at, activated_at, ends_on) values (?, ?, ?, 'active', ?, ?, '2027-07-25')");
  db.transaction(() => {
    for (let i = 0; i < pairs; i++) {
      const [mentee, mentor] = (['mentee', 'mentor'] as const).map((role, k) => {
        const chat = FIRST_SEEDED_CHAT + 2 * i + k;
        const id = Number(person.run(programme.id, role, `Person ${chat}`, started).lastInsertRowid);
        address.run(id, String(chat), JSON.stringify({ chatId: chat }));
        return id;
      });
      pair.run(programme.id, mentee, mentor, started, started);
    }
  })();
  store.close();
}
