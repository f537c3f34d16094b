import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { createApp } from '../../src/cli/app';
import { createDeskLink } from '../../src/desk/deskSignIn';
import { silentLogger } from '../../src/runtime/logger';
import { DEMO_PROGRAMME_PATH, loadProgramme } from '../../src/settings/programme';
import { simulate } from '../../src/simulation/simulateCohort';

/**
 * `npx tsx test/desk/deskScreenshots.ts`: the screenshots of the desk in the README (docs/), taken
 * in headless Chromium from a simulated cohort of 24 pairs three months in.
 */
const dir = mkdtempSync(join(tmpdir(), 'kompis-screens-'));
const databasePath = join(dir, 'kompis.db');
const programme = loadProgramme(DEMO_PROGRAMME_PATH);
await simulate({ databasePath, programme, pairs: 24, months: 3, seed: 7 });
const probe = createApp({ databasePath, programme, adapters: [], clock: { now: () => new Date() }, logger: silentLogger });
const last = probe.store.sqlite.prepare('select max(last_active_at) as at from participants').get() as { at: string };
const coordinatorId = (probe.store.sqlite.prepare("select id from participants where role = 'coordinator'").get() as { id: number }).id;
await probe.stop();
const now = new Date(last.at);
const app = createApp({ databasePath, programme, adapters: [], clock: { now: () => now }, logger: silentLogger, http: { port: 0, host: '127.0.0.1' } });
await app.start();
const token = app.store.db.transaction((tx) => createDeskLink(tx, coordinatorId, now));
const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--headless=new'] });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 800 });
  const base = `http://127.0.0.1:${app.httpPort()}`;
  await page.goto(`${base}/desk/login/${token}`);
  await page.screenshot({ path: 'docs/desk-today.png', fullPage: true });
  await page.goto(`${base}/desk/pairs?show=all&sort=lastMeeting`);
  await page.screenshot({ path: 'docs/desk-pairs.png', fullPage: true });
} finally {
  await browser.close();
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
}
