import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskClient, signInToDesk } from '../helpers/deskClient';
import { activePair, coordinator, type ScriptedPair } from '../helpers/pairScript';
import type { Person } from '../helpers/testKit';
import { TestKit } from '../helpers/testKit';
import { until } from '../helpers/until';

/**
 * The alerts page and the report page against the chat: each alert and thread action is run in the
 * chat on one pair's alert or thread and on the desk on the other's, and what is stored, and what
 * the people are told, is the same.
 */
describe('the desk’s alerts, threads and report', () => {
  const kit = new TestKit();
  kit.http = true;
  let coco: Person;
  let desk: DeskClient;
  let a: ScriptedPair;
  let b: ScriptedPair;
  const names = /Olena|Amina|Kari|Maria/g;
  const told = (person: Person) => person.lastText().replace(names, 'X').replace(/#?\d+/g, 'N');
  const openAlert = (kind: string, pair: ScriptedPair, details = '{"note": "Please call me <b>soon</b>"}') =>
    kit.rows<{ id: number }>(
      `insert into alerts (programme_id, kind, priority, dedupe_key, pair_id, participant_id, details, status, opened_at)
       values ('demo', ?, 'normal', ?, ?, ?, ?, 'open', '2026-11-02T09:00:00.000Z') returning id`,
      kind,
      `${kind}:${pair.pairId}:${Math.random()}`,
      pair.pairId,
      pair.menteeId,
      details,
    )[0]?.id ?? Number.NaN;
  const alertRow = (id: number) => kit.rows(`select kind, status, snoozed_until, resolved_at, resolved_by from alerts where id = ?`, id)[0];
  const pairRow = (pair: ScriptedPair) => kit.rows('select status, paused_at, ends_on, end_reason, ended_from from pairs where id = ?', pair.pairId)[0];
  const threadOf = (pair: ScriptedPair) => kit.rows<{ id: number }>('select id from threads where participant_id = ? order by id desc', pair.menteeId)[0]?.id ?? Number.NaN;
  const threadRow = (pair: ScriptedPair) => {
    const thread = kit.rows<Record<string, unknown>>('select kind, status, taken_by, closed_at is not null as closed from threads where id = ?', threadOf(pair))[0];
    const messages = kit.rows(
      'select author_id = (select participant_id from threads where id = thread_id) as own, from_coordinator, text from thread_messages where thread_id = ? order by id',
      threadOf(pair),
    );
    return { thread, messages };
  };
  const audited = (action: string) => kit.rows<{ n: number }>('select count(*) as n from audit_log where action = ?', action)[0]?.n ?? 0;

  /** The chat command for pair a, the desk's form for pair b; waits until the people of both heard. */
  async function both(chat: string, post: { path: string; form?: Record<string, string> }, hear: (p: ScriptedPair) => Person[]): Promise<void> {
    const listeners = [...hear(a), ...hear(b)];
    const before = listeners.map((p) => kit.channel.sentTo(p.name).length);
    await coco.say(chat);
    const answer = await desk.post(post.path, post.form);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/desk/alerts');
    await until(() => listeners.every((p, i) => kit.channel.sentTo(p.name).length > (before[i] ?? 0)), `messages to ${listeners.length} people`);
  }

  beforeAll(async () => {
    await kit.open();
    coco = await coordinator(kit);
    a = await activePair(kit, 'Olena', 'Kari');
    b = await activePair(kit, 'Amina', 'Maria');
    desk = await signInToDesk(kit, coco);
  });
  afterAll(() => kit.close());

  it('lists the open alerts as /alerts does, opens each as /alert does (audited), and shows a person’s note as their words', async () => {
    const id = openAlert('contactRequest', a);
    const viewed = audited('viewAlert');
    const page = await desk.get('/desk/alerts');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<a href="/desk/alerts" aria-current="page">Alerts and messages</a>');
    expect(page.html).toContain(`<h3 id="alert-${id}">Alert ${id}</h3>`);
    expect(page.html).toContain(`Olena asks you to contact them.`);
    expect(page.html).toContain('Their note: <bdi class="their-words" lang="">“Please call me &lt;b&gt;soon&lt;/b&gt;”</bdi>');
    expect(page.html).not.toContain('<b>soon');
    expect(page.html).toContain(`action="/desk/alerts/${id}/nudge"`);
    expect(page.html).toContain(`action="/desk/alerts/${id}/reply"`);
    expect(audited('viewAlert')).toBe(viewed + 1);
    // Today links each alert to its place on the alerts page.
    const today = await desk.get('/desk');
    expect(today.html).toContain(`<a href="/desk/alerts#alert-${id}">Alert ${id}</a>`);
    expect(today.html).toContain('<a href="/desk/alerts">Alerts and messages →</a>');
    kit.rows("update alerts set status = 'resolved' where id = ? returning id", id);
  });

  it('nudges, snoozes and resolves an alert as /alert nudge, snooze and resolve do', async () => {
    for (const act of ['nudge', 'snooze', 'resolve'] as const) {
      const [ia, ib] = [openAlert('lowRating', a, '{"rating": 1}'), openAlert('lowRating', b, '{"rating": 1}')];
      if (act === 'nudge') {
        await both(`/alert nudge ${ia}`, { path: `/desk/alerts/${ib}/nudge` }, (p) => [p.mentee, p.mentor]);
        expect(told(b.mentee)).toEqual(told(a.mentee));
      } else {
        await coco.say(`/alert ${act} ${ia}`);
        expect((await desk.post(`/desk/alerts/${ib}/${act}`)).status).toBe(303);
      }
      expect([act, alertRow(ib)]).toEqual([act, alertRow(ia)]);
      kit.rows("update alerts set status = 'resolved' where id in (?, ?) returning id", ia, ib);
    }
    expect(alertRow(openAlert('lowRating', b))).toMatchObject({ status: 'open' });
    kit.rows("update alerts set status = 'resolved' where status = 'open' returning id");
  });

  it('replies to the person of an alert as /contact P TEXT does, and sends nothing without words', async () => {
    const [ia, ib] = [openAlert('contactRequest', a), openAlert('contactRequest', b)];
    const empty = await desk.post(`/desk/alerts/${ib}/reply`, { text: '  ' });
    expect(empty.status).toBe(303);
    expect(kit.rows('select 1 from threads where participant_id = ?', b.menteeId)).toEqual([]);
    expect((await desk.get('/desk/alerts')).html).toContain('Nothing was sent. Write the message first.');
    await both(`/contact ${a.menteeId} We can talk on Friday.`, { path: `/desk/alerts/${ib}/reply`, form: { text: 'We can talk on Friday.' } }, (p) => [p.mentee]);
    expect(threadRow(b)).toEqual(threadRow(a));
    expect(told(b.mentee)).toEqual(told(a.mentee));
    kit.rows("update alerts set status = 'resolved' where id in (?, ?) returning id", ia, ib);
    await coco.say(`/close ${threadOf(a)}`);
    await coco.say(`/close ${threadOf(b)}`);
  });

  it('takes, answers and closes a conversation as /take, /reply and /close do, showing the person’s words as theirs (audited)', async () => {
    await a.mentee.say('/contact I need <help> with my CV');
    await b.mentee.say('/contact I need <help> with my CV');
    const viewed = audited('viewThread');
    const page = await desk.get('/desk/alerts');
    expect(page.html).toContain('Amina: <bdi class="their-words" lang="">“I need &lt;help&gt; with my CV”</bdi>');
    expect(audited('viewThread')).toBe(viewed + 2);
    const [ta, tb] = [threadOf(a), threadOf(b)];
    expect((await desk.get('/desk')).html).toContain(`<a href="/desk/alerts#thread-${ta}">`);
    await coco.say(`/take ${ta}`);
    expect((await desk.post(`/desk/threads/${tb}/take`)).status).toBe(303);
    expect(threadRow(b)).toEqual(threadRow(a));
    await both(`/reply ${ta} Send it to me.`, { path: `/desk/threads/${tb}/reply`, form: { text: 'Send it to me.' } }, (p) => [p.mentee]);
    expect(threadRow(b)).toEqual(threadRow(a));
    expect(told(b.mentee)).toEqual(told(a.mentee));
    await both(`/close ${ta}`, { path: `/desk/threads/${tb}/close` }, (p) => [p.mentee]);
    expect(threadRow(b)).toEqual(threadRow(a));
    expect(threadRow(b).thread).toMatchObject({ status: 'closed' });
    expect(told(b.mentee)).toEqual(told(a.mentee));
  });

  it('pauses a pair and rematches its mentee from an alert as /pause and /rematch P yes do, only when confirmed', async () => {
    const [ia, ib] = [openAlert('fitNo', a, '{}'), openAlert('fitNo', b, '{}')];
    const page = await desk.get('/desk/alerts');
    expect(page.html).toContain(`action="/desk/alerts/${ib}/rematch"`);
    expect(page.html).toContain(`action="/desk/alerts/${ib}/pause"`);
    expect(page.html).toContain(`href="/desk/pairs/${b.pairId}"`);
    await desk.post(`/desk/alerts/${ib}/pause`);
    expect(pairRow(b)).toMatchObject({ status: 'active' });
    await both(`/pause ${a.pairId}`, { path: `/desk/alerts/${ib}/pause`, form: { confirm: 'yes' } }, (p) => [p.mentee, p.mentor]);
    expect(pairRow(b)).toEqual(pairRow(a));
    expect(pairRow(b)).toMatchObject({ status: 'paused' });
    expect(told(b.mentor)).toEqual(told(a.mentor));
    await both(`/rematch ${a.pairId} yes`, { path: `/desk/alerts/${ib}/rematch`, form: { confirm: 'yes' } }, (p) => [p.mentee, p.mentor]);
    expect(pairRow(b)).toEqual(pairRow(a));
    expect(pairRow(b)).toMatchObject({ status: 'ended' });
    expect(told(b.mentee)).toEqual(told(a.mentee));
    expect(alertRow(ib)).toEqual(alertRow(ia));
  });

  it('withdraws a proposal from its alert as /end P other quiet does', async () => {
    await coco.say(`/match ${a.menteeId} ${b.mentorId}`);
    await coco.say(`/match ${b.menteeId} ${a.mentorId}`);
    const proposed = (mentee: number) => kit.rows<{ id: number }>("select id from pairs where mentee_id = ? and status = 'proposed'", mentee)[0]?.id ?? Number.NaN;
    const [pa, pb] = [proposed(a.menteeId), proposed(b.menteeId)];
    const ib = openAlert('proposalUnanswered', { ...b, pairId: pb }, '{"days": 5}');
    expect((await desk.get('/desk/alerts')).html).toContain(`action="/desk/alerts/${ib}/withdraw"`);
    const pair = (id: number) => kit.rows('select status, end_reason, ended_from from pairs where id = ?', id)[0];
    await both(`/end ${pa} other quiet`, { path: `/desk/alerts/${ib}/withdraw`, form: { confirm: 'yes' } }, (p) => [p.mentee]);
    expect(pair(pb)).toEqual(pair(pa));
    expect(pair(pb)).toMatchObject({ status: 'ended' });
    expect(told(b.mentee)).toEqual(told(a.mentee));
  });

  it('shows the report as coordinators see it, the funder version with small figures hidden, and downloads it in each format (audited)', async () => {
    const programme = await desk.get('/desk/report?from=2026-01-01&to=2026-12-31');
    expect(programme.status).toBe(200);
    const received = /<th scope="row">Applications in all<\/th><td class="figure">(\d+)<\/td>/.exec(programme.html)?.[1];
    expect(Number(received)).toBeGreaterThan(0);
    expect(Number(received)).toBeLessThan(5);
    const funder = await desk.get('/desk/report?from=2026-01-01&to=2026-12-31&audience=funder');
    expect(funder.html).toContain('<th scope="row">Applications in all</th><td class="figure">&lt;5</td>');
    const exported = audited('exportReport');
    for (const format of ['csv', 'json', 'md', 'html']) {
      const file = await download({ format, from: '2026-01-01', to: '2026-12-31' });
      expect(file.status).toBe(200);
      expect(file.disposition).toBe(`attachment; filename="report_2026-01-01_2026-12-31.${format}"`);
      if (format === 'md') expect(file.body).toContain('| Applications in all | <5 |');
      if (format === 'csv') expect(file.body).toMatch(/,total,Applications in all,count,,,true\r\n/);
    }
    expect(audited('exportReport')).toBe(exported + 4);
    expect(kit.rows('select actor_id from audit_log where action = ? order by id desc limit 1', 'exportReport')).toEqual([
      { actor_id: kit.rows<{ id: number }>("select id from participants where role = 'coordinator'")[0]?.id },
    ]);
    expect((await desk.get('/desk/report?from=2026-02-30')).html).toContain('That period does not work');
  });

  it('refuses an action or a download without a session or without the form token', async () => {
    const id = openAlert('lowRating', b, '{"rating": 1}');
    for (const path of [`/desk/alerts/${id}/resolve`, `/desk/threads/${threadOf(b)}/close`, '/desk/report/download']) {
      const anonymous = await fetch(kit.url() + path, { method: 'POST', body: new URLSearchParams({ format: 'md' }), redirect: 'manual' });
      expect([path, anonymous.status]).toEqual([path, 401]);
      const tokenless = await desk.post(path, { format: 'md' }, '');
      expect([path, tokenless.status]).toEqual([path, 403]);
    }
    expect(alertRow(id)).toMatchObject({ status: 'open' });
    expect((await fetch(`${kit.url()}/desk/alerts`)).status).toBe(401);
    expect((await fetch(`${kit.url()}/desk/report`)).status).toBe(401);
  });

  async function download(form: Record<string, string>) {
    const token = /name="csrf" value="([^"]+)"/.exec((await desk.get('/desk')).html)?.[1] ?? '';
    const res = await fetch(`${kit.url()}/desk/report/download`, {
      method: 'POST',
      headers: { cookie: desk.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form, csrf: token }),
    });
    return { status: res.status, disposition: res.headers.get('content-disposition'), body: await res.text() };
  }
});
