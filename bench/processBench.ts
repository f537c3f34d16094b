import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Programme } from '../src/settings/programme';
import { ENGLISH_INTAKE } from '../test/helpers/intakeScript';
import { median } from './measure';
import { build, DIST } from '../bin/build.mjs';
import { seedPairs } from './scanBench';

const ROOT = join(import.meta.dirname, '..');

/**
 * Resident memory of a Kompis process with `pairs` × 2 people stored and `conversations` of them in
 * the middle of an application, each answered once (measured in a process of its own).
 */
export async function memoryBench(
  dir: string,
  programme: Programme,
  pairs: number,
  conversations: number,
): Promise<{ participants: number; conversations: number; rssMb: number }> {
  const path = join(dir, 'memory.db');
  const store = seedPairs(path, programme, pairs, new Date());
  try {
    // A real conversation's state, half-way through the application, copied to `conversations` people.
    const template = JSON.stringify({
      form: {
        flowId: 'intake',
        version: 2,
        stepId: 'region',
        answers: { consent: 'yes', consentFollowUp: 'yes', name: 'Olena', rightToWork: 'yes' },
        given: {},
        history: ['about', 'consent', 'consentFollowUp', 'name', 'rightToWork'],
        editing: false,
        picked: [],
      },
      overlay: null,
    });
    store.sqlite
      .prepare("insert into flow_states (participant_id, flow_id, flow_version, state, updated_at) select id, 'intake', 2, ?, ? from participants order by id limit ?")
      .run(template, new Date().toISOString(), conversations);
  } finally {
    store.close();
  }
  // Run as `npm start` runs Kompis: from the bundle, without TypeScript loaded at run time.
  await build({ memoryChild: 'bench/memoryChild.ts' });
  const child = spawnSync(process.execPath, [join(DIST, 'memoryChild.mjs'), path, String(conversations)], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`the memory measurement failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as { participants: number; conversations: number; rssMb: number };
}

/**
 * Milliseconds from starting `node bin/kompis.mjs` (what `npm start` runs: the bundle, checked to be
 * newer than every source file) on an existing database until it answers `/start`; the median of `runs`.
 */
export async function coldStartBench(dir: string, runs: number): Promise<{ medianMs: number; runsMs: number[] }> {
  const env = { ...process.env, DATABASE_PATH: join(dir, 'start.db'), KOMPIS_PROGRAMME: '', LOG_LEVEL: 'error' };
  // The first start creates the database (and the bundle, when it is not yet built); the measured ones start as a restart would.
  spawnSync(process.execPath, ['bin/kompis.mjs', '--as', 'bench'], { cwd: ROOT, env, input: `${ENGLISH_INTAKE[0]}\n` });
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const child = spawn(process.execPath, ['bin/kompis.mjs', '--as', 'bench'], { cwd: ROOT, env });
    child.stdin.write('/start\n');
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`Kompis exited with ${code} before it answered`)));
    });
    runsMs.push(performance.now() - start);
    child.stdin.end();
    await new Promise((resolve) => child.once('exit', resolve));
  }
  return { medianMs: median(runsMs), runsMs };
}
