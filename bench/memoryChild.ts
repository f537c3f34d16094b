import { createApp } from '../src/cli/app';
import { systemClock } from '../src/runtime/clock';
import { silentLogger } from '../src/runtime/logger';
import { DEMO_PROGRAMME_PATH, loadProgramme } from '../src/settings/programme';
import { NullChannel } from './nullChannel';

/**
 * Run by the benchmark in a process of its own: Kompis on a database the benchmark filled, every
 * conversation in progress answered once, then the process's resident memory, as JSON on stdout.
 */
const [databasePath = '', users = '0'] = process.argv.slice(2);
const app = createApp({ databasePath, programme: loadProgramme(DEMO_PROGRAMME_PATH), adapters: [new NullChannel('telegram')], clock: systemClock, logger: silentLogger });
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
