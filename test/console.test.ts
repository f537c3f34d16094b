import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGLISH_INTAKE, englishIntake, mentorRegistration } from './helpers/intakeScript';

const ROOT = join(import.meta.dirname, '..');

/** `npm start` and the process around it, as an operator and a scripted chat see them. */
describe('npm start with the console channel', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kompis-console-'));
    env = { ...process.env, DATABASE_PATH: join(dir, 'data', 'kompis.db'), KOMPIS_PROGRAMME: '' };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const applications = () => {
    const db = new Database(env.DATABASE_PATH ?? '', { readonly: true });
    try {
      return db.prepare('select status from applications').all();
    } finally {
      db.close();
    }
  };

  it('takes a whole application piped into it, exits 0 and leaves it in the database', () => {
    const run = spawnSync('npm', ['start', '--silent', '--', '--as', 'amina'], {
      cwd: ROOT,
      env,
      input: `${ENGLISH_INTAKE.join('\n')}\n`,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('> Yes, send it\nThank you! Your application is sent.');
    expect(run.stdout.indexOf('Choose your language.')).toBeLessThan(run.stdout.indexOf('> English'));
    expect(applications()).toEqual([{ status: 'submitted' }]);
  });

  it('writes /mydata to a file readable only by its owner and prints where it is', () => {
    const run = spawnSync('npm', ['start', '--silent', '--', '--as', 'amina'], {
      cwd: ROOT,
      env,
      input: `${[...ENGLISH_INTAKE, '/mydata'].join('\n')}\n`,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const path = /All your data, as a file\.\n→ (.+\.json)\n/.exec(run.stdout)?.[1] ?? '';
    expect(path.startsWith(join(dir, 'data', 'files'))).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ person: { name: 'Olena' }, channels: [{ channel: 'console', id: 'amina' }] });
  });

  it("keeps each person's /mydata file apart, and /delete removes that person's file", () => {
    const chat = (as: string, lines: string[]) => {
      const run = spawnSync('npm', ['start', '--silent', '--', '--as', as], { cwd: ROOT, env, input: `${lines.join('\n')}\n`, encoding: 'utf8' });
      expect(run.status).toBe(0);
      return run.stdout;
    };
    const fileIn = (stdout: string) => /All your data, as a file\.\n→ (.+\.json)\n/.exec(stdout)?.[1] ?? '';
    const amina = fileIn(chat('amina', [...englishIntake('Amina'), '/mydata']));
    const jamal = fileIn(chat('jamal', [...englishIntake('Jamal'), '/mydata']));
    expect(amina).not.toBe(jamal);
    expect(JSON.parse(readFileSync(amina, 'utf8'))).toMatchObject({ person: { name: 'Amina' } });
    expect(JSON.parse(readFileSync(jamal, 'utf8'))).toMatchObject({ person: { name: 'Jamal' } });

    expect(chat('amina', ['/delete yes'])).toContain('Your data is deleted.');
    expect(existsSync(amina)).toBe(false);
    expect(readdirSync(join(dir, 'data', 'files'), { recursive: true }).join(' ')).not.toContain('amina');
    expect(JSON.parse(readFileSync(jamal, 'utf8'))).toMatchObject({ person: { name: 'Jamal' } });
  });

  it('keeps every answer given when the process is killed, and continues after a restart', async () => {
    const first = startKompis(env);
    for (const line of ENGLISH_INTAKE.slice(0, 13)) await first.say(line);
    first.process.stdin.write(`${ENGLISH_INTAKE[13]}\n`);
    first.process.kill('SIGKILL');
    await new Promise((resolve) => first.process.once('exit', resolve));

    // A reply claimed for sending just before the kill goes once its claim runs out (a minute), and
    // the answer to /status waits behind it, in order: the one resend no platform lets Kompis avoid.
    const second = startKompis(env, 30_000 + 60_000);
    const status = await second.say('/status');
    const resumedAt = status.includes('What fits your goal best?') ? 13 : 14;
    if (resumedAt === 14) expect(status).toContain('What do you want from a mentor?');
    for (const line of ENGLISH_INTAKE.slice(resumedAt)) await second.say(line);
    second.process.stdin.end();
    await new Promise((resolve) => second.process.once('exit', resolve));

    const db = new Database(env.DATABASE_PATH ?? '', { readonly: true });
    const row = db.prepare('select answers from applications').get() as { answers: string };
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(JSON.parse(row.answers)).toMatchObject({
      region: 'Bergen',
      age: 29,
      goal: 'Work as an engineer again',
    });
    // Two processes start here; on a busy machine each start can take many seconds.
  }, 150_000);

  it('takes several people in turn on one database to an active pair', () => {
    const chat = (as: string, lines: string[]) => {
      const run = spawnSync('npm', ['start', '--silent', '--', '--as', as], {
        cwd: ROOT,
        env,
        input: `${lines.join('\n')}\n`,
        encoding: 'utf8',
      });
      expect(run.status).toBe(0);
      return run.stdout;
    };
    const added = spawnSync('npm', ['run', '--silent', 'kompis', '--', 'coordinator', 'add', 'console:coco'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    expect(added.stdout.trim()).toBe('console:coco is now a coordinator. They can write to the bot now.');
    chat('ola', mentorRegistration('Ola', 'Structural engineer', 'Man'));
    chat('amina', ENGLISH_INTAKE);
    // The coordinator sees the application that came while they were away, then accepts and proposes.
    const coordinator = chat('coco', ['/applications', '/mentor 2 approve', '/accept 3', '/suggest 3', '/match 3 2']);
    expect(coordinator).toContain('New application.');
    expect(coordinator).toContain('A new mentor registered.');
    expect(coordinator).toContain('\n#2 Ola – ');
    expect(coordinator).toContain('Proposal 1 is sent to #3 Olena and #2 Ola.');
    // Choices that came while a person was away are answered by their words or their number.
    expect(chat('amina', ['Yes'])).toContain('Good news! We have a mentor for you: Ola.');
    expect(chat('ola', ['1'])).toContain('You are now a pair with Olena!');
    expect(chat('coco', ['/pairs'])).toContain('Pair 1: #3 Olena with #2 Ola – active');
  });

  it('stops with one line per problem, naming the field, when the programme file is wrong', () => {
    const programme = join(dir, 'programme.json');
    writeFileSync(programme, JSON.stringify({ id: 'Our Programme', languages: ['en', 'xx'], colour: 'blue' }));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts'], {
      cwd: ROOT,
      env: { ...env, KOMPIS_PROGRAMME: programme },
      input: '',
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toContain(`kompis: ${programme}: id: use lowercase letters, digits and dashes`);
    expect(lines.some((l) => l.startsWith(`kompis: ${programme}: languages.1:`))).toBe(true);
    expect(lines).toContain(`kompis: ${programme}: (top level): Unrecognized key: "colour"`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the setting when an environment variable is wrong', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts'], {
      cwd: ROOT,
      env: { ...env, LOG_LEVEL: 'loud' },
      input: '',
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^kompis: LOG_LEVEL: /);
  });

  it('names DATABASE_PATH when the database cannot be opened', () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts'], {
      cwd: ROOT,
      env: { ...env, DATABASE_PATH: join(blocker, 'kompis.db') },
      input: '',
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^kompis: DATABASE_PATH: cannot open the database at .*not-a-folder/)]);
  });
});

interface RunningKompis {
  process: ChildProcessWithoutNullStreams;
  /** Writes one line and resolves with what Kompis printed in reply. */
  say(line: string): Promise<string>;
}

/** `firstPatience`: how long the first reply may take (it waits for the process to start too). */
function startKompis(env: NodeJS.ProcessEnv, firstPatience = 30_000): RunningKompis {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--as', 'amina'], {
    cwd: ROOT,
    env,
  });
  let buffer = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
  });
  // The first reply also waits for the process to start (compiling the sources on a cold, busy machine).
  let patience = firstPatience;
  const say = async (line: string) => {
    const start = buffer.length;
    child.stdin.write(`${line}\n`);
    // The reply is complete once its echo and a whole message are out and nothing more comes for a while.
    let seen = -1;
    const limit = patience;
    patience = 10_000;
    for (let waited = 0; waited < limit; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const reply = buffer.slice(start);
      if (reply.includes(`> ${line}\n`) && reply.endsWith('\n\n') && reply.length === seen) return reply;
      seen = reply.length;
    }
    throw new Error(`no reply to "${line}"`);
  };
  return { process: child, say };
}
