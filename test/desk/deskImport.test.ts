import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../../src/cli/spreadsheetCommands';
import { type DeskClient, signInToDesk } from '../helpers/deskClient';
import { coordinator } from '../helpers/pairScript';
import { hundredMentors } from '../helpers/spreadsheetFiles';
import { demoProgramme, TestKit } from '../helpers/testKit';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What is stored about imported mentors, without the numbers and times that differ between two databases. */
const MENTOR_ROWS = 'select p.role, p.name, p.language, m.answers, m.capacity, m.screening from participants p join mentors m on m.participant_id = p.id order by p.id';

describe('the desk imports and exports the programme spreadsheet', () => {
  const kit = new TestKit();
  kit.http = true;
  let desk: DeskClient;
  let csrf: string;
  const dir = mkdtempSync(join(tmpdir(), 'kompis-desk-import-'));

  /** The upload form as a browser sends it: multipart, with the file. */
  async function upload(path: string, fields: Record<string, string>, file?: string, cookie = desk.cookie) {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    if (file !== undefined) body.set('file', new Blob([file], { type: 'text/csv' }), 'mentors.csv');
    const res = await fetch(kit.url() + path, { method: 'POST', headers: { cookie }, body, redirect: 'manual' });
    return { status: res.status, html: await res.text() };
  }

  /** The hidden fields of the form posting to `action` on a page. */
  function hiddenFields(html: string, action: string): Record<string, string> {
    const form = new RegExp(`<form[^>]*action="${action}"[^>]*>([\\s\\S]*?)</form>`).exec(html)?.[1] ?? '';
    return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
  }

  const problemRows = (html: string) => [...html.matchAll(/<li>Row (\d+)/g)].map((m) => Number(m[1]));

  beforeAll(async () => {
    await kit.open();
    desk = await signInToDesk(kit, await coordinator(kit));
    csrf = /name="csrf" value="([^"]+)"/.exec((await desk.get('/desk/import')).html)?.[1] ?? '';
  });
  afterAll(async () => {
    await kit.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the upload form and the export downloads, in the navigation', async () => {
    const page = await desk.get('/desk/import');
    expect(page.status).toBe(200);
    expect(page.html).toContain('enctype="multipart/form-data"');
    expect(page.html).toContain('<a href="/desk/import" aria-current="page">Import and export</a>');
    for (const kind of ['applications', 'mentors', 'pairs']) expect(page.html).toContain(`<input type="hidden" name="kind" value="${kind}"/>`);
  });

  it('refuses a POST without the form token and a request without a session, and writes nothing', async () => {
    expect((await upload('/desk/import/preview', { kind: 'mentors' }, hundredMentors())).status).toBe(403);
    expect((await upload('/desk/import/confirm', { kind: 'mentors' }, hundredMentors())).status).toBe(403);
    expect((await upload('/desk/import/confirm', { kind: 'mentors', csrf }, hundredMentors(), '')).status).toBe(401);
    expect((await fetch(`${kit.url()}/desk/import`)).status).toBe(401);
    expect((await desk.post('/desk/import/export', { kind: 'mentors' }, 'wrong')).status).toBe(403);
    expect(kit.rows("select * from participants where role = 'mentor'")).toHaveLength(0);
    expect(kit.rows("select * from audit_log where action in ('importPeople', 'exportMentors')")).toHaveLength(0);
  });

  it('previews the 100 mentors naming rows 15, 38 and 59, writes nothing; the confirm imports 97 as the command line does', async () => {
    const preview = await upload('/desk/import/preview', { kind: 'mentors', csrf }, hundredMentors());
    expect(preview.status).toBe(200);
    expect(problemRows(preview.html)).toEqual([15, 38, 59]);
    expect(preview.html).toContain('<li>Row 15: no name</li>');
    expect(preview.html).toContain('capacity “two” is not a whole number from 1 to 10');
    expect(preview.html).toContain('Ready to import: 97.');
    // The columns as Kompis matched them, each to change.
    expect(preview.html).toMatch(/<select name="map.0"><option value="name" selected="">name<\/option>/);
    expect(kit.rows('select * from participants where role = ?', 'mentor')).toHaveLength(0);

    const confirmForm = hiddenFields(preview.html, '/desk/import/confirm');
    expect(confirmForm.kind).toBe('mentors');
    const confirmed = await desk.post('/desk/import/confirm', { kind: confirmForm.kind ?? '', file: confirmForm.file ?? '' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.html).toContain('Imported: 97.');
    expect(confirmed.html).toContain('Left out, with problems: rows 15, 38, 59.');
    expect([...confirmed.html.matchAll(/<code>[A-Z2-9]{10}<\/code>/g)]).toHaveLength(97);
    expect(kit.rows("select actor_id from audit_log where action = 'importPeople'")).toHaveLength(1);

    // The same file through `kompis import mentors FILE --confirm`, on another database.
    const file = join(dir, 'mentors.csv');
    writeFileSync(file, hundredMentors());
    const database = join(dir, 'kompis.db');
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import', 'mentors', file, '--confirm'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: database, KOMPIS_PROGRAMME: '', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(cli.status).toBe(0);
    const other = new Database(database, { readonly: true });
    try {
      const stored = kit.rows(MENTOR_ROWS);
      expect(stored).toHaveLength(97);
      expect(stored).toEqual(other.prepare(MENTOR_ROWS).all());
    } finally {
      other.close();
    }
  }, 60_000);

  it('keeps a mapping chosen on the preview through the confirm', async () => {
    const file = 'Who;Notes\nAsha Berg;x\n';
    const first = await upload('/desk/import/preview', { kind: 'mentors', csrf }, file);
    expect(first.html).toContain('no column holds the names');
    expect(first.html).not.toContain('action="/desk/import/confirm"');
    const again = await desk.post('/desk/import/preview', { ...hiddenFields(first.html, '/desk/import/preview'), 'map.0': 'name', 'map.1': 'ignore' });
    expect(again.html).toContain('Ready to import: 1.');
    const confirmed = await desk.post('/desk/import/confirm', hiddenFields(again.html, '/desk/import/confirm'));
    expect(confirmed.html).toContain('Imported: 1.');
    expect(kit.rows("select name from participants where name = 'Asha Berg'")).toHaveLength(1);
  });

  it('answers a file over the limit with a page that says so, above the server’s 1 MB limit too', async () => {
    for (const size of [700 * 1024, 1536 * 1024]) {
      const big = `name,profession\n${'Maria,Civil engineer\n'.repeat(Math.ceil(size / 21))}`;
      const answer = await upload('/desk/import/preview', { csrf, kind: 'mentors' }, big);
      expect([size, answer.html]).toEqual([size, expect.stringContaining('The file is too large for the desk. Split it into smaller files.')]);
      expect(answer.html).toContain('<html lang="en" dir="ltr">');
    }
    expect(kit.rows("select count(*) as n from participants where role = 'mentor' and name = 'Maria'")).toEqual([{ n: 0 }]);
    // The desk goes on answering.
    expect((await desk.get('/desk/import')).status).toBe(200);
  });

  it("shows people's words as data: escaped, on one line", async () => {
    const file = 'name;capacity\n<b>Eva</b>;many\n"Ola\nNordmann";2\n';
    const preview = await upload('/desk/import/preview', { kind: 'mentors', csrf }, file);
    expect(preview.html).toContain('&lt;b&gt;Eva&lt;/b&gt;');
    expect(preview.html).not.toContain('<b>Eva');
    const ola = /<li>Row 3[^]*?<\/li>/.exec(preview.html)?.[0] ?? '';
    expect(ola).toContain('Ola');
    expect(ola).not.toMatch(/\n/);
  });

  it('downloads the mentors as the command line exports them, written in the audit log', async () => {
    const res = await fetch(`${kit.url()}/desk/import/export`, {
      method: 'POST',
      headers: { cookie: desk.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, kind: 'mentors' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="mentors.csv"');
    const downloaded = Buffer.from(await res.arrayBuffer()).toString('utf8');
    const { csv } = exportCommand(kit.app.store, demoProgramme(), { kind: 'mentors', now: kit.clock.now() });
    expect(downloaded).toBe(csv);
    expect(downloaded.startsWith('\uFEFF')).toBe(true);
    expect(kit.rows<{ actor_id: number | null }>("select actor_id from audit_log where action = 'exportMentors'").map((r) => r.actor_id !== null)).toEqual([true, false]);
  });
});
