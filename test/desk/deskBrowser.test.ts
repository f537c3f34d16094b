import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { removeCoordinator } from '../../src/people/removeCoordinator';
import { deskLink, signInToDesk } from '../helpers/deskClient';
import { englishIntake, mentorRegistration } from '../helpers/intakeScript';
import { approveMentors, coordinator } from '../helpers/pairScript';
import { type Person, TestKit } from '../helpers/testKit';
import { until } from '../helpers/until';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Every desk page a coordinator can open, with a person's number where it takes one. */
const PAGES = ['/desk', '/desk/applications', '/desk/applications/2', '/desk/pairs', '/desk/pairs/1', '/desk/mentors', '/desk/no-such-page'];

describe.runIf(existsSync(CHROMIUM))('the coordinator desk in a browser', () => {
  let browser: Browser;
  let kit: TestKit;
  let page: Page;
  let coco: Person;
  let amina: Person;
  let maria: Person;

  beforeAll(async () => {
    browser = await puppeteer.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless=new'] });
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    kit = new TestKit();
    kit.http = true;
    await kit.open();
    coco = await coordinator(kit);
    amina = kit.person('amina');
    for (const line of englishIntake('Amina')) await amina.say(line);
    maria = kit.person('maria');
    for (const line of mentorRegistration('Maria', 'Civil engineer', 'Woman')) await maria.say(line);
    await approveMentors(kit);
    page = await browser.newPage();
  });
  afterEach(async () => {
    await page.close();
    await kit.close();
  });

  const text = () => page.$eval('main', (m) => m.textContent ?? '');

  it('signs a coordinator in from the chat, shows the waiting application, and proposes a suggested mentor to both members', async () => {
    const link = await deskLink(coco);
    expect(link).toMatch(new RegExp(`^${kit.url()}/desk/login/[\\w-]{43}$`));
    await page.goto(link);
    expect(new URL(page.url()).pathname).toBe('/desk');
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('Today');
    expect(await page.$eval('html', (h) => [h.lang, h.dir])).toEqual(['en', 'ltr']);
    const cookies = await browser.cookies();
    expect(cookies.find((c) => c.name === 'kompis_desk')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/desk' });

    await Promise.all([page.waitForNavigation(), page.click('a[href="/desk/applications/2"]')]);
    expect(await text()).toContain('Application from #2 Amina – new');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/desk/applications/2/accept"] button')]);
    expect(await page.$eval('.flash', (f) => f.textContent)).toBe('Done: #2 Amina is now accepted. They got a message.');
    await until(() => amina.lastText().includes('You are accepted in the programme'), 'the acceptance in Amina’s chat');

    const proposal = await page.$$eval('.suggestions > li', (items) => items.map((li) => li.querySelector('h3')?.textContent));
    expect(proposal).toEqual(['#3 Maria']);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/desk/applications/2/propose"] button')]);
    expect(await page.$eval('.flash', (f) => f.textContent)).toContain('Proposal 1');
    await until(
      () => amina.lastText().startsWith('Good news! We have a mentor for you: Maria.') && maria.lastText().startsWith('We have a mentee for you: Amina.'),
      'the proposal in both chats',
    );
    expect(amina.last().choices.map((c) => c.label)).toEqual(['Yes', 'No, thank you']);
    expect(kit.rows('select mentee_id, mentor_id, status, proposed_by from pairs')).toEqual([{ mentee_id: 2, mentor_id: 3, status: 'proposed', proposed_by: 1 }]);
    expect(kit.rows<{ action: string }>("select action from audit_log where subject_id = 2 and action = 'viewApplication'").length).toBeGreaterThan(0);
  });

  it('refuses a link used twice, an expired link, a removed coordinator, a POST without the form token, and every page without a session', async () => {
    const link = await deskLink(coco);
    await page.goto(link);
    const csrf = await page.$eval('input[name="csrf"]', (i) => i.getAttribute('value') ?? '');
    const again = await page.goto(link);
    expect(again?.status()).toBe(403);
    expect(await text()).toContain('It was used already, or it is older than 10 minutes. Write /desk in the chat');

    const expired = await deskLink(coco);
    kit.clock.advance(10 * 60 * 1000 + 1);
    expect((await page.goto(expired))?.status()).toBe(403);

    // A form sent without the session's token, or with another, changes nothing, even from the coordinator's own browser.
    await page.goto(`${kit.url()}/desk/applications/2`);
    await page.$eval('form[action="/desk/applications/2/accept"] input[name="csrf"]', (i) => i.remove());
    const [forged] = await Promise.all([page.waitForNavigation(), page.click('form[action="/desk/applications/2/accept"] button')]);
    expect(forged?.status()).toBe(403);
    expect(await text()).toContain('This form is too old.');
    await page.goto(`${kit.url()}/desk/applications/2`);
    await page.$eval('form[action="/desk/applications/2/accept"] input[name="csrf"]', (i, token) => i.setAttribute('value', `${token}x`), csrf);
    const [wrong] = await Promise.all([page.waitForNavigation(), page.click('form[action="/desk/applications/2/accept"] button')]);
    expect(wrong?.status()).toBe(403);
    expect(kit.rows('select status from applications where participant_id = 2')).toEqual([{ status: 'submitted' }]);

    // Without a session, no page shows anything of anybody.
    for (const path of PAGES) {
      const res = await fetch(kit.url() + path);
      expect([path, res.status]).toEqual([path, 401]);
      expect(await res.text()).not.toContain('Amina');
    }
    const post = await fetch(`${kit.url()}/desk/applications/2/accept`, { method: 'POST', body: new URLSearchParams({ csrf }) });
    expect(post.status).toBe(401);

    // A coordinator who is removed is signed out at once, and their unused link no longer works.
    const unused = await deskLink(coco);
    const other = await signInToDesk(kit, coco);
    expect((await other.get('/desk')).status).toBe(200);
    removeCoordinator(kit.app.store, { channel: 'console', id: 'coco' });
    expect((await page.goto(`${kit.url()}/desk/applications/2`))?.status()).toBe(401);
    expect(await text()).not.toContain('Amina');
    expect((await other.get('/desk')).status).toBe(401);
    expect((await page.goto(unused))?.status()).toBe(403);
  });
});
