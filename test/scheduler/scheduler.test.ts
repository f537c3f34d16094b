import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/cli/app';
import { silentLogger } from '../../src/runtime/logger';
import type { ConversationRef, RenderedMessage, SendResult } from '../../src/channels/channel';
import type { RateLimit } from '../../src/channels/rateLimiter';
import { enqueue } from '../../src/delivery/enqueue';
import { FakeChannel } from '../helpers/fakeChannel';
import { activePair, answerCheckin, coordinator } from '../helpers/pairScript';
import { DAY_MS, programmeWith, TestKit } from '../helpers/testKit';
import { until } from '../helpers/until';

const HOUR_MS = 60 * 60 * 1000;

describe('the scheduler', () => {
  let kit: TestKit;
  afterEach(() => kit.close());

  /** The check-in invitations every channel instance so far has sent, by text. */
  const invitations = (channels: FakeChannel[]) => channels.flatMap((c) => c.sent).filter((s) => s.message.keys.includes('checkin.invite'));

  it('sends nothing twice when it runs twice, or in two processes at once', async () => {
    kit = await new TestKit().open();
    await activePair(kit, 'Olena', 'Kari');
    kit.clock.advance(30 * DAY_MS);
    const second = new FakeChannel();
    const other = createApp({ databasePath: kit.dbPath, programme: programmeWith({}), adapters: [second], clock: kit.clock, logger: silentLogger });
    try {
      kit.app.scheduler.runDue();
      other.scheduler.runDue();
      kit.app.scheduler.runDue();
      await Promise.all([kit.app.outbox.drain(), other.outbox.drain(), kit.app.outbox.drain()]);
    } finally {
      await other.stop();
    }
    expect(
      invitations([kit.channel, second])
        .map((s) => s.to.user)
        .sort(),
    ).toEqual(['kari', 'olena']);
  });

  it('sends each message once across a restart in the middle of a send run', async () => {
    kit = await new TestKit().open();
    await activePair(kit, 'Olena', 'Kari');
    kit.clock.advance(30 * DAY_MS);
    const first = kit.channel;
    // The connection drops after the first invitation; the process is then restarted.
    first.failWith = () => (invitations([first]).length >= 1 ? { ok: false, permanent: false, error: 'ECONNRESET' } : undefined);
    await kit.tick();
    expect(invitations([first])).toHaveLength(1);
    await kit.reopen();
    kit.clock.advance(60_000);
    await kit.tick();
    expect(
      invitations([first, kit.channel])
        .map((s) => s.to.user)
        .sort(),
    ).toEqual(['kari', 'olena']);
  });

  it('catches up at start on what fell due while it was stopped, and sends the latest round only', async () => {
    kit = await new TestKit().open();
    await activePair(kit, 'Olena', 'Kari');
    await kit.app.stop();
    kit.clock.advance(70 * DAY_MS); // 11 January: rounds 1 (2 December) and 2 (2 January) fell due meanwhile.
    await kit.open();
    expect(
      invitations([kit.channel])
        .map((s) => s.to.user)
        .sort(),
    ).toEqual(['kari', 'olena']);
    expect(kit.rows('select round from checkins order by id')).toEqual([{ round: 2 }, { round: 2 }]);
  });

  it('writes first only in the day, from the send hour until nine in the evening', async () => {
    kit = await new TestKit().open();
    await activePair(kit, 'Olena', 'Kari');
    kit.clock.advance(30 * DAY_MS - 2 * HOUR_MS); // 2 December, 08:00 in Oslo.
    await kit.tick();
    expect(invitations([kit.channel])).toHaveLength(0);
    kit.clock.advance(2 * HOUR_MS);
    await kit.tick();
    expect(invitations([kit.channel])).toHaveLength(2);
    kit.clock.advance(DAY_MS * 3 + 12 * HOUR_MS); // 5 December, 22:00: the reminder waits for the morning.
    await kit.tick();
    expect(kit.rows("select 1 from outbox where dedupe_key like 'checkin-reminder:%'")).toHaveLength(0);
    kit.clock.advance(12 * HOUR_MS);
    await kit.tick();
    expect(kit.rows("select 1 from outbox where dedupe_key like 'checkin-reminder:%'")).toHaveLength(2);
  });

  it('gathers alerts in a daily digest when the programme wants one; a request for contact still goes at once', async () => {
    kit = await new TestKit(programmeWith({ alerts: { digest: true } })).open();
    const coco = await coordinator(kit);
    const pair = await activePair(kit, 'Olena', 'Kari');
    await kit.days(30);
    await answerCheckin(pair.mentee, { met: 'Yes, once', rating: 1 });
    expect(kit.channel.sentTo('coco').some((m) => m.text.includes('rated the mentoring'))).toBe(false);
    await answerCheckin(pair.mentor, { met: 'Yes, once', rating: 4, contact: true });
    expect(coco.lastText()).toMatch(/^Urgent – alert \d+\n#\d+ Kari asks you to contact them\./);
    await kit.days(1);
    expect(coco.lastText().split('\n').slice(0, 3)).toEqual([
      'Your daily list of alerts.',
      '2 open alerts:',
      expect.stringMatching(/^\d+\. Urgent: #\d+ Kari asks you to contact them\.$/),
    ]);
    await kit.tick();
    expect(kit.channel.sentTo('coco').filter((m) => m.keys.includes('alerts.digest'))).toHaveLength(1);
  });
});

/**
 * A channel that keeps a rate limit and records when each message reached it and when it answered;
 * each answer takes `latencyMs` of the message's number (from 0).
 */
class PacedChannel extends FakeChannel {
  readonly times: { user: string; at: number; answeredAt: number }[] = [];
  constructor(
    readonly rateLimit: RateLimit,
    private readonly latencyMs: (n: number) => number,
  ) {
    super();
  }
  override async send(to: ConversationRef, message: RenderedMessage): Promise<SendResult> {
    const time = { user: String(to.user), at: performance.now(), answeredAt: Number.NaN };
    this.times.push(time);
    await new Promise((r) => setTimeout(r, this.latencyMs(this.times.length - 1)));
    time.answeredAt = performance.now();
    return super.send(to, message);
  }
}

describe('the outbox', () => {
  it('passes over many messages this process cannot deliver without holding up the others', async () => {
    const kit = await new TestKit().open();
    try {
      await kit.channel.deliver(kit.channel.inbound('ghost', { kind: 'text', text: 'hi' }));
      const ghost = kit.rows<{ id: number }>('select participant_id as id from channel_identities')[0]?.id ?? 0;
      // Like the console, which reaches only the person it runs as.
      kit.channel.reaches = (to) => to.user !== 'ghost';
      kit.app.store.db.transaction((tx) => {
        for (let n = 0; n < 250; n++) {
          enqueue(tx, {
            dedupeKey: `ghost:${n}`,
            participantId: ghost,
            channel: 'console',
            conversationRef: JSON.stringify({ user: 'ghost' }),
            language: 'en',
            message: { lines: [{ key: 'nudge.why' }] },
            now: kit.clock.now(),
          });
        }
      });
      const amina = kit.person('amina');
      const replies = await amina.say('hi');
      expect(replies).toHaveLength(1);
      expect(kit.rows("select count(*) as n from outbox where status = 'pending'")).toEqual([{ n: 250 }]);
    } finally {
      await kit.close();
    }
  });
});

describe('the outbox under a burst', () => {
  /** When each of 5 messages to each of 3 people reached a channel with `rateLimit` and when it answered, in order. */
  async function sendTimes(rateLimit: RateLimit, latencyMs: (n: number) => number = () => 0): Promise<PacedChannel['times']> {
    const kit = new TestKit();
    const channel = new PacedChannel(rateLimit, latencyMs);
    const app = createApp({ databasePath: kit.dbPath, programme: programmeWith({}), adapters: [channel], clock: kit.clock, logger: silentLogger });
    await app.start();
    try {
      const users = ['a', 'b', 'c'];
      for (const user of users) await channel.deliver(channel.inbound(user, { kind: 'text', text: 'hi' }));
      await new Promise((r) => setTimeout(r, 500)); // let every chat's bucket and the channel's window fill again
      channel.times.length = 0;
      const ids = app.store.sqlite.prepare('select participant_id from channel_identities order by id').all() as { participant_id: number }[];
      app.store.db.transaction((tx) => {
        ids.forEach(({ participant_id }, i) => {
          for (let n = 0; n < 5; n++) {
            enqueue(tx, {
              dedupeKey: `burst:${i}:${n}`,
              participantId: participant_id,
              channel: 'console',
              conversationRef: JSON.stringify({ user: users[i] }),
              language: 'en',
              message: { lines: [{ key: 'nudge.why' }] },
              now: kit.clock.now(),
            });
          }
        });
      });
      await app.outbox.drain();
      // A drain sends what may go now; the outbox wakes itself for what the limits held back.
      await until(() => channel.times.length >= 15, 'every message of the burst');
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await app.stop();
      rmSync(kit.dir, { recursive: true, force: true });
    }
    expect(channel.times).toHaveLength(15);
    return channel.times;
  }

  const slack = 3; // timers may fire a millisecond or two early

  /** Queues one message each to `count` new people (`member0`, …) who last wrote at `lastActive`, as a broadcast does. */
  function queueBroadcast(app: App, count: number, lastActive: Date, now: Date): void {
    const programmeId = app.store.sqlite.prepare('select id from programmes').pluck().get();
    const newPerson = app.store.sqlite.prepare("insert into participants (programme_id, language, last_active_at) values (?, 'en', ?)");
    app.store.db.transaction((tx) => {
      for (let i = 0; i < count; i++) {
        enqueue(tx, {
          dedupeKey: `broadcast:${i}`,
          participantId: Number(newPerson.run(programmeId, lastActive.toISOString()).lastInsertRowid),
          channel: 'console',
          conversationRef: JSON.stringify({ user: `member${i}` }),
          language: 'en',
          message: { lines: [{ key: 'nudge.why' }] },
          now,
        });
      }
    });
  }

  /** Two at once to each person, then one each 200 ms: the k-th message no earlier than (k - 1) * 200 ms after the first. */
  function expectPerChatPace(times: { user: string; at: number }[]): void {
    for (const user of ['a', 'b', 'c']) {
      const at = times.filter((t) => t.user === user).map((t) => t.at);
      at.forEach((t, k) => expect(t - (at[0] ?? 0)).toBeGreaterThanOrEqual(Math.max(0, k - 1) * 200 - slack));
    }
  }

  it('keeps the channel-wide and per-chat rate limits', async () => {
    const times = await sendTimes({ perSecond: 40, burst: 1, perChatPerSecond: 5, perChatBurst: 2 });
    // One each 25 ms, whoever they are for.
    times.slice(1).forEach((t, i) => expect(t.at - (times[i]?.at ?? 0)).toBeGreaterThanOrEqual(25 - slack));
    expectPerChatPace(times);
  });

  it('answers someone who writes while a broadcast goes out before the rest of the broadcast', async () => {
    const kit = new TestKit();
    // One message each 50 ms: 40 for the broadcast take 2 s.
    const channel = new PacedChannel({ perSecond: 20, burst: 1, perChatPerSecond: 5, perChatBurst: 2 }, () => 0);
    const app = createApp({ databasePath: kit.dbPath, programme: programmeWith({}), adapters: [channel], clock: kit.clock, logger: silentLogger });
    await app.start();
    try {
      await channel.deliver(channel.inbound('amina', { kind: 'text', text: 'hi' }));
      queueBroadcast(app, 40, new Date(kit.clock.now().getTime() - 7 * DAY_MS), kit.clock.now());
      channel.times.length = 0;
      app.outbox.drainInBackground();
      await new Promise((r) => setTimeout(r, 200));
      // Not awaited: the drain it ends with goes on with the broadcast.
      void channel.deliver(channel.inbound('amina', { kind: 'text', text: 'hi' }));
      await until(() => channel.times.some((t) => t.user === 'amina'), "Amina's reply");
      const broadcastBefore = channel.times.findIndex((t) => t.user === 'amina');
      // About 4 of the broadcast went in the first 200 ms; her reply takes the next slot or the one after.
      expect(broadcastBefore).toBeLessThan(10);
    } finally {
      await app.stop();
      rmSync(kit.dir, { recursive: true, force: true });
    }
  });

  it('stops without waiting for the rest of a broadcast, and sends the rest once after the next start', async () => {
    const kit = new TestKit();
    // One message each 100 ms: 20 take 2 s.
    const paced = () => new PacedChannel({ perSecond: 10, burst: 1, perChatPerSecond: 5, perChatBurst: 2 }, () => 0);
    const first = paced();
    const app = createApp({ databasePath: kit.dbPath, programme: programmeWith({}), adapters: [first], clock: kit.clock, logger: silentLogger });
    await app.start();
    const next = paced();
    const again = createApp({ databasePath: kit.dbPath, programme: programmeWith({}), adapters: [next], clock: kit.clock, logger: silentLogger });
    try {
      await first.deliver(first.inbound('amina', { kind: 'text', text: 'hi' }));
      queueBroadcast(app, 20, kit.clock.now(), kit.clock.now());
      app.outbox.drainInBackground();
      await until(() => first.times.length >= 2, 'the broadcast under way');
      await app.stop();
      const sentBefore = first.times.filter((t) => t.user.startsWith('member')).length;
      expect(sentBefore).toBeLessThan(10);
      await again.start();
      await until(() => next.times.filter((t) => t.user.startsWith('member')).length >= 20 - sentBefore, 'the rest of the broadcast');
      await new Promise((r) => setTimeout(r, 200));
      const everyone = [...first.times, ...next.times].map((t) => t.user).filter((user) => user.startsWith('member'));
      expect(everyone.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `member${i}`).sort());
    } finally {
      await again.stop();
      rmSync(kit.dir, { recursive: true, force: true });
    }
  });

  it('lets a few messages to different people go at once, and no more than the limit in any window as the platform counts them', async () => {
    // The platform counts a message when it arrives, at the latest when it answers; the first four answer late.
    const times = await sendTimes({ perSecond: 40, burst: 4, perChatPerSecond: 5, perChatBurst: 2 }, (n) => (n < 4 ? 60 : 0));
    // The first to each of three people go at once (evenly spaced, they would be 25 ms apart).
    expect((times[2]?.at ?? Infinity) - (times[0]?.at ?? 0)).toBeLessThan(25);
    // No five could arrive within 100 ms: a message goes 100 ms after the fourth-latest answer before it, at the soonest.
    times.slice(4).forEach((t, i) => {
      const answers = times
        .slice(0, i + 4)
        .map((earlier) => earlier.answeredAt)
        .sort((x, y) => y - x);
      expect(t.at - (answers[3] ?? Infinity)).toBeGreaterThanOrEqual(100 - slack);
    });
    expectPerChatPace(times);
  });
});
