import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../runtime/errors';
import { DEMO_PROGRAMME_PATH, loadProgramme } from '../settings/programme';
import { runCommand } from './runCommand';
import { type SimulationResult, simulate } from '../simulation/simulateCohort';

const USAGE = `Usage: npm run simulate -- [--pairs N] [--months M] [--seed S] [--json]
Runs a synthetic cohort through Kompis with a fake clock and prints what was sent and which alerts
were raised. Writes to the database DATABASE_PATH names (a new temporary one when it is not set).`;

/** `npm run simulate`: a synthetic cohort, to tune thresholds before a real one starts. */
async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      pairs: { type: 'string', default: '20' },
      months: { type: 'string', default: '6' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const pairs = whole(values.pairs, '--pairs', 1, 10_000);
  const months = whole(values.months, '--months', 1, 36);
  const seed = whole(values.seed, '--seed', 0, 2 ** 31);
  const databasePath = env.DATABASE_PATH?.trim() || join(mkdtempSync(join(tmpdir(), 'kompis-simulation-')), 'kompis.db');
  const programme = loadProgramme(env.KOMPIS_PROGRAMME?.trim() || DEMO_PROGRAMME_PATH);
  const result = await simulate({ databasePath, programme, pairs, months, seed });
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : table(result));
  process.stderr.write(`kompis: the simulated cohort is in ${databasePath}\n`);
  return 0;
}

function whole(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function table(r: SimulationResult): string {
  const rows = (title: string, counts: Record<string, number>) => [title, ...Object.entries(counts).map(([k, n]) => `  ${k.padEnd(22)} ${String(n).padStart(7)}`)];
  return `${[
    `Simulated ${r.pairs} pairs for ${r.months} months (seed ${r.seed}).`,
    ...rows('Personas', r.personas),
    ...rows('Messages sent, by kind', r.sent),
    ...rows('Alerts raised, by kind', r.alerts),
    ...rows('Pairs at the end', r.pairsByStatus),
    `Check-ins: ${r.checkins.answered} of ${r.checkins.sent} answered. Meetings logged: ${r.meetings}. Unreachable people: ${r.unreachable}.`,
  ].join('\n')}\n`;
}

runCommand(() => main(process.argv.slice(2), process.env), USAGE);
