import { join } from 'node:path';
import { createApp } from '../src/cli/app';
import { systemClock } from '../src/runtime/clock';
import { silentLogger } from '../src/runtime/logger';
import type { Inbound } from '../src/channels/channel';
import type { Programme } from '../src/settings/programme';
import { ENGLISH_INTAKE } from '../test/helpers/intakeScript';
import { percentile } from './measure';
import { NullChannel } from './nullChannel';

export interface EngineResult {
  conversations: number;
  messages: number;
  repliesSent: number;
  conversationsPerSecond: number;
  messagesPerSecond: number;
  turnP50Ms: number;
  turnP99Ms: number;
}

/**
 * Complete English applications, one message after another, through the real engine, store and
 * outbox (each message: its turn's transaction, then its replies sent) on a file-backed database.
 */
export async function engineBench(dir: string, programme: Programme, conversations: number): Promise<EngineResult> {
  const channel = new NullChannel('console');
  const app = createApp({ databasePath: join(dir, 'engine.db'), programme, adapters: [channel], clock: systemClock, logger: silentLogger });
  const latencies: number[] = [];
  try {
    const start = performance.now();
    for (let i = 0; i < conversations; i++) {
      for (const [j, text] of ENGLISH_INTAKE.entries()) {
        const inbound: Inbound = {
          channel: 'console',
          externalUserId: `person${i}`,
          conversationRef: { user: `person${i}` },
          eventId: `${i}:${j}`,
          content: { kind: 'text', text },
          receivedAt: new Date(),
        };
        const before = performance.now();
        await app.onInbound(inbound);
        latencies.push(performance.now() - before);
      }
    }
    const seconds = (performance.now() - start) / 1000;
    const applications = (app.store.sqlite.prepare('select count(*) as n from applications').get() as { n: number }).n;
    if (applications !== conversations) throw new Error(`expected ${conversations} applications, found ${applications}`);
    return {
      conversations,
      messages: latencies.length,
      repliesSent: channel.sent,
      conversationsPerSecond: conversations / seconds,
      messagesPerSecond: latencies.length / seconds,
      turnP50Ms: percentile(latencies, 50),
      turnP99Ms: percentile(latencies, 99),
    };
  } finally {
    await app.stop();
  }
}
