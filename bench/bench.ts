import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_PROGRAMME_PATH, loadProgramme } from '../src/settings/programme';
import { drainBench } from './drainBench';
import { engineBench } from './engineBench';
import { BROADCAST, floodBench, OTHERS } from './floodBench';
import { floorBench } from './floorBench';
import { median, round } from './measure';
import { coldStartBench, memoryBench } from './processBench';
import { scanBench } from './scanBench';
import { deskBench, type DeskResult } from './deskBench';

const RUNS = 3;
const CONVERSATIONS = 100;
const PAIRS = 100_000;
/** A Telegram Bot API call takes about this long from a small server in Europe. */
const TELEGRAM_LATENCY_MS = 40;
/** Messages one Telegram chat sends at once (a forward of many messages). */
const FLOOD = 60;
/** The desk's pages are measured over a programme of this size. */
const DESK_PAIRS = 1_000;
const DESK_PEOPLE = 5_000;

/**
 * `npm run bench [-- --json] [-- --only desk]`: Kompis's speed on this machine against file-backed
 * SQLite in WAL mode, each figure with its target. Engine and floor are the medians of three runs.
 * `--only desk` measures the coordinator desk's pages alone.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, only: { type: 'string' } } });
  const dir = mkdtempSync(join(tmpdir(), 'kompis-bench-'));
  const programme = loadProgramme(DEMO_PROGRAMME_PATH);
  const progress = (what: string) => process.stderr.write(`bench: ${what}\n`);
  const print = (checks: [string, string, boolean][], result: object) => {
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ...result, targetsMet: Object.fromEntries(checks.map(([name, , ok]) => [name, ok])) })}\n`);
    } else {
      process.stdout.write(`${checks.map(([name, figure, ok]) => `${ok ? '✓' : '✗'} ${name}: ${figure}`).join('\n')}\n`);
    }
  };
  if (values.only === 'desk') {
    try {
      progress(`desk pages: ${DESK_PAIRS} pairs, ${DESK_PEOPLE} people`);
      const desk = await deskBench(dir, programme, DESK_PAIRS, DESK_PEOPLE);
      print(deskChecks(desk), { desk });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  try {
    progress(`engine: ${RUNS} × ${CONVERSATIONS} applications`);
    const engines = [];
    for (let i = 0; i < RUNS; i++) engines.push(await engineBench(join(dir, `engine${i}`), programme, CONVERSATIONS));
    const engine = engines.sort((a, b) => a.messagesPerSecond - b.messagesPerSecond)[1] ?? engines[0];
    if (!engine) throw new Error('no engine run');
    progress('floor: the same rows with plain prepared statements');
    const floor = median([0, 1, 2].map((i) => floorBench(join(dir, `floor${i}`), CONVERSATIONS, engine.repliesSent / engine.messages).messagesPerSecond));
    progress(`scheduled jobs over ${PAIRS} pairs`);
    const scan = scanBench(dir, programme, PAIRS);
    progress('outbox drain against Telegram limits');
    const drain = await drainBench(dir, 600, TELEGRAM_LATENCY_MS);
    progress(`one chat flooding ${FLOOD} messages through the Telegram webhook`);
    const flood = await floodBench(dir, programme, FLOOD, RUNS);
    progress('memory');
    const memory = await memoryBench(dir, programme, 50_000, 10_000);
    progress('cold start');
    const start = await coldStartBench(dir, RUNS);
    progress(`desk pages: ${DESK_PAIRS} pairs, ${DESK_PEOPLE} people`);
    const desk = await deskBench(dir, programme, DESK_PAIRS, DESK_PEOPLE);

    const result = {
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      engine: { ...engine, ratioToFloor: engine.messagesPerSecond / floor },
      floor: { messagesPerSecond: floor },
      scan,
      drain,
      flood,
      memory,
      coldStart: start,
      desk,
    };
    const checks: [string, string, boolean][] = [
      ['messages per second', `${round(engine.messagesPerSecond, 0)} (≥ 5000)`, engine.messagesPerSecond >= 5000],
      ['applications per second', `${round(engine.conversationsPerSecond, 1)}`, true],
      ['turn latency p50 / p99', `${round(engine.turnP50Ms)} / ${round(engine.turnP99Ms)} ms (p99 ≤ 2)`, engine.turnP99Ms <= 2],
      ['floor, messages per second', `${round(floor, 0)}`, true],
      ['engine / floor', `${round(result.engine.ratioToFloor)} (≥ 0.6)`, result.engine.ratioToFloor >= 0.6],
      [
        `inactivity scan, ${PAIRS} pairs`,
        `${round(scan.inactivityScanMs, 0)} ms, again ${round(scan.inactivityRescanMs, 0)} ms (< 500)`,
        Math.max(scan.inactivityScanMs, scan.inactivityRescanMs) < 500,
      ],
      [
        `check-in planning, ${PAIRS} pairs`,
        `${round(scan.checkinPlanningMs, 0)} ms, again ${round(scan.checkinReplanMs, 0)} ms (< 500)`,
        Math.max(scan.checkinPlanningMs, scan.checkinReplanMs) < 500,
      ],
      [
        'outbox drain / allowed rate',
        `${round(drain.achievedPerSecond, 1)} / ${drain.allowedPerSecond} per s = ${round(drain.share * 100, 0)} % (≥ 90 %), 429s: ${drain.refused}`,
        drain.share >= 0.9 && drain.refused === 0,
      ],
      [
        `webhook answers while one chat floods ${flood.messages}, p50 / slowest`,
        `${round(flood.answerP50Ms, 0)} / ${round(flood.answerMaxMs, 0)} ms (slowest < 500)`,
        flood.answerMaxMs < 500,
      ],
      ["another person's reply during the flood", `${round(flood.otherReplyMs, 0)} ms (< 500)`, flood.otherReplyMs < 500],
      [
        `${OTHERS} other people's replies, p99 without / with the flood`,
        `${round(flood.othersP99Ms.quiet)} / ${round(flood.othersP99Ms.flooded)} ms (within 10 %)`,
        flood.othersP99Ms.flooded <= flood.othersP99Ms.quiet * 1.1,
      ],
      [
        `people writing while a broadcast to ${BROADCAST} goes out, p50 / slowest reply`,
        `${round(flood.duringBroadcastMs.p50, 0)} / ${round(flood.duringBroadcastMs.slowest, 0)} ms (slowest < 1000)`,
        flood.duringBroadcastMs.slowest < 1000,
      ],
      [`memory, ${memory.participants} people, ${memory.conversations} conversations`, `${round(memory.rssMb, 0)} MB (< 200)`, memory.rssMb < 200],
      ['cold start to first answer', `${round(start.medianMs, 0)} ms (< 1000)`, start.medianMs < 1000],
      ...deskChecks(desk),
    ];
    print(checks, result);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each desk page under 100 ms. */
function deskChecks(desk: DeskResult): [string, string, boolean][] {
  return Object.entries(desk.pages).map(([page, ms]) => [`desk ${page}, ${desk.pairs} pairs, ${desk.people} people`, `${round(ms, 0)} ms (< 100)`, ms < 100]);
}

await main();
