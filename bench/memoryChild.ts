import { createApp } from '../src/app';
import { systemClock } from '../src/clock';
import { silentLogger } from '../src/logger';
import type { ChannelAdapter, SendResult } from '../src/messages';
import { DEMO_PROGRAMME_PATH, loadProgramme } from '../src/programme';

/**
 * Run by the benchmark in a process of its own: Kompis on a database the benchmark filled, every
 * conversation in progress answered once, then the process's resident memory, as JSON on stdout.
 */
class NullTelegram implements ChannelAdapter {
  readonly channel = 'telegram' as const;
  readonly capabilities = { maxButtons: 10, maxButtonLabel: 64, maxText: 4096, canInitiate: true };
  async start(): Promise<void> {}
  async send(): Promise<SendResult> {
    return { ok: true };
  }
  async stop(): Promise<void> {}
}

const [databasePath = '', users = '0'] = process.argv.slice(2);
const app = createApp({ databasePath, programme: loadProgramme(DEMO_PROGRAMME_PATH), adapters: [new NullTelegram()], clock: systemClock, logger: silentLogger });
const ids = app.store.sqlite.prepare('select participant_id as id from flow_states order by participant_id limit ?').all(Number(users)) as { id: number }[];
for (const { id } of ids) {
  await app.onInbound({
    channel: 'telegram',
    externalUserId: String(id),
    conversationRef: { chatId: id },
    eventId: `memory:${id}`,
    content: { kind: 'text', text: 'Bergen' },
    receivedAt: new Date(),
  });
}
const participants = (app.store.sqlite.prepare('select count(*) as n from participants').get() as { n: number }).n;
await app.stop();
process.stdout.write(`${JSON.stringify({ participants, conversations: ids.length, rssMb: process.memoryUsage().rss / 2 ** 20 })}\n`);
