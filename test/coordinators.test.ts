import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/runtime/logger';
import { DEMO_PROGRAMME_PATH } from '../src/settings/programme';
import { coordinator } from './helpers/pairScript';
import { TestKit } from './helpers/testKit';

const ROOT = join(import.meta.dirname, '..');
const HOUR_MS = 60 * 60 * 1000;

/** Who becomes a coordinator, and who hears of it: the chat and the operator's commands. */
describe('coordinators', () => {
  describe('on the command line', () => {
    let dir: string;
    let env: NodeJS.ProcessEnv;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'kompis-coordinators-'));
      env = { ...process.env, DATABASE_PATH: join(dir, 'kompis.db'), KOMPIS_PROGRAMME: '', LOG_LEVEL: 'warn' };
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const kompis = (args: string[], extraEnv: NodeJS.ProcessEnv = {}, input = '') =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
        cwd: ROOT,
        env: { ...env, ...extraEnv },
        input,
        encoding: 'utf8',
        timeout: 20_000,
      });

    it('does not start a chat channel on the demo programme, whose coordinator code is published', () => {
      // A closed port as the Bot API: were Kompis to start, it would fail differently.
      const telegram = { TELEGRAM_BOT_TOKEN: '123456:AAEfakefakefake', TELEGRAM_API_ROOT: 'http://127.0.0.1:9' };
      const copy = join(dir, 'our-programme.json');
      copyFileSync(DEMO_PROGRAMME_PATH, copy);
      for (const programme of ['', copy]) {
        const run = kompis([], { ...telegram, KOMPIS_PROGRAMME: programme });
        expect(run.status, programme).toBe(1);
        const lines = run.stderr.trim().split('\n');
        expect(lines, programme).toHaveLength(1);
        expect(lines[0]).toMatch(/^kompis: KOMPIS_PROGRAMME: .*coordinatorInviteCode/);
      }
      // The console, on one machine with nobody else, still runs the demo and takes its code.
      const console = kompis(['--as', 'coco'], {}, '/coordinator demo-coordinators\n');
      expect(console.status).toBe(0);
      expect(console.stdout).toContain('Welcome! You are now a coordinator in this programme.');
    }, 120_000);

    it('lists and removes coordinators, and tells the others when one is added', () => {
      expect(kompis(['coordinator', 'list']).stdout.trim()).toBe('There are no coordinators. Add one: npm run kompis -- coordinator add CHANNEL:ID');
      expect(kompis(['coordinator', 'add', 'console:coco']).status).toBe(0);
      expect(kompis(['--as', 'coco'], {}, '/status\n').status).toBe(0);
      expect(kompis(['coordinator', 'add', 'console:kari']).stdout.trim()).toBe('console:kari is now a coordinator. They can write to the bot now.');
      expect(kompis(['--as', 'coco'], {}, '/status\n').stdout).toContain('#2 (no name yet) is now a coordinator, added by the person who runs Kompis.');
      expect(kompis(['coordinator', 'list']).stdout.trim().split('\n')).toEqual(['#1 (no name yet)  console:coco', '#2 (no name yet)  console:kari']);

      expect(kompis(['coordinator', 'remove', 'console:kari']).stdout.trim()).toBe('console:kari is no longer a coordinator.');
      // What was queued for a coordinator while they were one does not reach them after.
      expect(kompis(['coordinator', 'add', 'console:lena']).status).toBe(0);
      expect(kompis(['coordinator', 'remove', 'console:coco']).stdout.trim()).toBe('console:coco is no longer a coordinator. One message waiting for them was deleted.');
      expect(kompis(['coordinator', 'list']).stdout.trim().split('\n')).toEqual(['#3 (no name yet)  console:lena']);
      const coco = kompis(['--as', 'coco'], {}, '/applications\n').stdout;
      expect(coco).toContain('Only coordinators can use this command.');
      expect(coco).not.toContain('#3');
      const again = kompis(['coordinator', 'remove', 'console:coco']);
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('kompis: console:coco is not a coordinator');
    }, 120_000);
  });

  describe('in the chat', () => {
    let kit: TestKit;
    let log: string[];
    beforeEach(async () => {
      log = [];
      kit = new TestKit();
      kit.logger = createLogger('info', (line) => log.push(line));
      await kit.open();
    });
    afterEach(() => kit.close());

    it('tells the coordinators when someone becomes one with the code', async () => {
      const coco = await coordinator(kit);
      const eve = kit.person('eve');
      await eve.say('/coordinator demo-coordinators');
      expect(coco.lastText()).toBe(
        '#2 (no name yet) is now a coordinator: they wrote the coordinator code on Console. If you do not know them, ask the person who runs Kompis to remove them and to change the code.',
      );
      // The same person again is no news.
      const before = kit.channel.sentTo('coco').length;
      await eve.say('/coordinator demo-coordinators');
      expect(kit.channel.sentTo('coco')).toHaveLength(before);
    });

    it('stops checking codes after five wrong ones in an hour, and logs each try without the guess', async () => {
      const mallory = kit.person('mallory');
      for (const guess of ['guess-one1', 'guess-two2', 'guess-three3', 'guess-four4']) {
        expect((await mallory.say(`/coordinator ${guess}`))[0]?.text).toBe('That code is not right. Ask your programme for the coordinator code.');
      }
      // A start link is a try too.
      await mallory.say('/start guess-five5');
      expect((await mallory.say('/coordinator demo-coordinators'))[0]?.text).toBe('Too many wrong codes. Please try again in an hour, or ask your programme to add you.');
      expect(kit.rows("select id from participants where role = 'coordinator'")).toEqual([]);

      // Another person is not held back by mallory's tries.
      const kari = kit.person('kari');
      expect((await kari.say('/coordinator demo-coordinators'))[0]?.text).toMatch(/^Welcome! You are now a coordinator in this programme./);

      kit.clock.advance(HOUR_MS + 1000);
      expect((await mallory.say('/coordinator demo-coordinators'))[0]?.text).toMatch(/^Welcome! You are now a coordinator in this programme./);

      const refused = log.filter((l) => l.includes('coordinator code refused'));
      expect(refused).toHaveLength(6);
      expect(refused[0]).toMatch(/participant=1 channel=console locked=false/);
      expect(refused[5]).toMatch(/participant=1 channel=console locked=true/);
      expect(log.join('')).not.toMatch(/guess|demo-coordinators/);
    });
  });
});
