import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPeople } from '../../src/spreadsheet/importPeople';
import { importProblemLine } from '../../src/spreadsheet/importProblemLine';
import { previewImport } from '../../src/spreadsheet/previewImport';
import { mentorRegistration } from '../helpers/intakeScript';
import { hundredMentors } from '../helpers/spreadsheetFiles';
import { coordinator } from '../helpers/pairScript';
import { demoProgramme, TestKit } from '../helpers/testKit';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('importing the mentor bank from a spreadsheet', () => {
  let kit: TestKit;
  beforeEach(async () => {
    kit = await new TestKit().open();
  });
  afterEach(async () => {
    await kit.close();
  });

  it('previews 100 mentors naming the three bad rows, writes nothing, and the confirm imports the other 97', async () => {
    const programme = demoProgramme();
    const preview = previewImport(kit.app.store.db, programme, { kind: 'mentors', file: hundredMentors() });
    expect(preview.columns.map((c) => c.field)).toEqual(['name', 'languages', 'profession', 'sector', 'city', 'capacity', null]);
    expect(preview.fileProblems).toEqual([]);
    const bad = preview.rows.filter((r) => r.problems.length > 0).map((r) => [r.row, r.problems.map(importProblemLine)]);
    expect(bad).toEqual([
      [15, ['no name']],
      [38, ['capacity "two" is not a whole number from 1 to 10']],
      [59, ['unknown language "Klingon" (write its name in English, such as Arabic, or its code, such as ar)']],
    ]);
    expect(preview.ready).toBe(97);
    expect(kit.rows('select * from participants')).toHaveLength(0);

    const { imported } = importPeople(kit.app.store, programme, { kind: 'mentors', file: hundredMentors(), actorId: null, now: kit.clock.now() });
    expect(imported).toHaveLength(97);
    expect(imported.map((p) => p.row)).not.toContain(38);
    expect(kit.rows("select * from participants where role = 'mentor'")).toHaveLength(97);
    const first = kit.rows<{ answers: string; capacity: number }>('select answers, capacity from mentors order by participant_id limit 1')[0];
    expect(JSON.parse(first?.answers ?? '{}')).toEqual({ name: 'Mentor 2 Hansen', languages: ['ar', 'en'], profession: 'Engineer', sector: 'it', city: 'Oslo', capacity: '1' });
    expect(kit.rows("select action from audit_log where action = 'importPeople'")).toHaveLength(1);

    // In the mentor bank at once, as if they had registered in the chat.
    const coco = await coordinator(kit);
    const [list] = await coco.say('/mentors');
    expect(list?.text).toContain('97 mentors in the bank');
  });

  it('imports nothing the second time: everyone is already in Kompis', () => {
    const programme = demoProgramme();
    importPeople(kit.app.store, programme, { kind: 'mentors', file: hundredMentors(), actorId: null, now: kit.clock.now() });
    const again = importPeople(kit.app.store, programme, { kind: 'mentors', file: hundredMentors(), actorId: null, now: kit.clock.now() });
    expect(again.imported).toEqual([]);
    expect(again.preview.rows[0]?.problems.map(importProblemLine)).toEqual([expect.stringMatching(/^already in Kompis as #\d+$/)]);
    expect(kit.rows('select * from mentors')).toHaveLength(97);
  });

  it('finds a duplicate in the file and of a mentor who registered in the chat, whatever the case and accents', async () => {
    const maria = kit.person('maria');
    for (const line of mentorRegistration('María', 'Civil engineer', 'Woman')) await maria.say(line);
    const id = kit.rows<{ id: number }>("select id from participants where name = 'María'")[0]?.id;
    const preview = previewImport(kit.app.store.db, demoProgramme(), { kind: 'mentors', file: 'Name,Capacity\nOla,1\nmaria,2\nOLA,1\n' });
    expect(preview.rows.map((r) => r.problems.map(importProblemLine))).toEqual([[], [`already in Kompis as #${id}`], ['the same name as row 2']]);
  });

  it('takes the coordinator’s own mapping of a column Kompis does not know', () => {
    const file = 'Fornavn og etternavn,Mentees at once,Comments\nKari Nordmann,2,likes chess\n';
    const guessed = previewImport(kit.app.store.db, demoProgramme(), { kind: 'mentors', file });
    expect(guessed.fileProblems).toEqual([{ kind: 'noNameColumn' }]);
    expect(guessed.ready).toBe(0);
    const mapped = previewImport(kit.app.store.db, demoProgramme(), {
      kind: 'mentors',
      file,
      mapping: { 'Fornavn og etternavn': 'name', 'mentees at once': 'capacity', Comments: 'interests' },
    });
    expect(mapped.fileProblems).toEqual([]);
    expect(mapped.rows[0]?.person).toMatchObject({ name: 'Kari Nordmann', capacity: 2, answers: { interests: 'likes chess' } });
  });

  it('gives every hostile row a clear problem and imports only the sound ones', () => {
    const file = [
      'name,languages,capacity,profession',
      '"=HYPERLINK(""http://evil.example"",""click"")",ar,1,Nurse',
      '"Amina\nYusuf",ar,1,Nurse',
      '@SUM(1+1),en,1,Nurse',
      'Kari,en,1,"+cmd|\' /C calc\'!A0"',
      'Ola,en,-1,Dev',
      '"Broken"quote,en,1,Dev',
      'Sound Person,en,1,Dev',
      '"Never closed,en,1,Dev',
      'After the broken quote,en,1,Dev',
    ].join('\n');
    const preview = previewImport(kit.app.store.db, demoProgramme(), { kind: 'mentors', file });
    expect(preview.rows.map((r) => [r.row, r.problems.map(importProblemLine).join('; ')])).toEqual([
      [2, 'the name starts with = + - or @, which spreadsheets run as a formula'],
      [3, 'the name is on more than one line'],
      [4, 'the name starts with = + - or @, which spreadsheets run as a formula'],
      [5, 'the profession starts with = + - or @, which spreadsheets run as a formula'],
      [6, 'capacity "-1" is not a whole number from 1 to 10'],
      [7, 'text follows a closing quote (") in a cell'],
      [8, ''],
      [9, 'a quote (") opened in this row is never closed, so the rest of the file was read as one cell; the name is on more than one line'],
    ]);
    const { imported } = importPeople(kit.app.store, demoProgramme(), { kind: 'mentors', file, actorId: null, now: kit.clock.now() });
    expect(imported.map((p) => p.name)).toEqual(['Sound Person']);
  });

  it('imports applicants the programme has taken in with their status, waiting for a mentor in /applications', async () => {
    const file =
      'Navn;Chat language;Språk;Yrke;Bransje;Sted;Mål;Status\nOmar;English;arabisk, engelsk;Nurse;Helse og omsorg;Bergen;Work as a nurse;accepted\nLeyla;norsk;Dari;Teacher;education;Oslo;;waitlisted\nSara;Arabic;en;Dev;it;Oslo;;maybe\n';
    const { imported, preview } = importPeople(kit.app.store, demoProgramme(), { kind: 'applicants', file, actorId: null, now: kit.clock.now() });
    expect(preview.rows[2]?.problems.map(importProblemLine)).toEqual([
      '"Arabic" is not one of the programme\'s chat languages',
      'unknown status "maybe" (accepted, waitlisted or submitted)',
    ]);
    expect(imported.map((p) => p.name)).toEqual(['Omar', 'Leyla']);
    const stored = kit.rows<{ name: string; language: string; status: string; answers: string }>(
      'select p.name, p.language, a.status, a.answers from applications a join participants p on p.id = a.participant_id order by a.id',
    );
    expect(stored.map((r) => [r.name, r.language, r.status, JSON.parse(r.answers)])).toEqual([
      ['Omar', 'en', 'accepted', { name: 'Omar', languages: ['ar', 'en'], profession: 'Nurse', sector: 'health', region: 'Bergen', goal: 'Work as a nurse' }],
      ['Leyla', 'nb', 'waitlisted', { name: 'Leyla', languages: ['fa'], profession: 'Teacher', sector: 'education', region: 'Oslo' }],
    ]);
    const coco = await coordinator(kit);
    const [list] = await coco.say('/applications');
    expect(list?.text).toContain('Omar');
  });

  it('refuses a 10 MB file as a whole, saying why', () => {
    const file = new TextEncoder().encode(`name\n${'Kari Nordmann\n'.repeat(750_000)}`);
    expect(file.byteLength).toBeGreaterThan(10_000_000);
    const { imported, preview } = importPeople(kit.app.store, demoProgramme(), { kind: 'mentors', file, actorId: null, now: kit.clock.now() });
    expect(preview.fileProblems).toEqual([{ kind: 'tooLarge', maxBytes: 2 * 1024 * 1024 }]);
    expect(imported).toEqual([]);
    expect(kit.rows('select * from participants')).toHaveLength(0);
  });
});

describe('kompis import on the command line', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kompis-import-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const kompis = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: join(dir, 'kompis.db'), KOMPIS_PROGRAMME: '', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('prints the preview with the bad rows, then imports 97 and prints their codes; a 10 MB file is refused in a line', () => {
    const file = join(dir, 'mentors.csv');
    writeFileSync(file, hundredMentors());
    const preview = kompis('import', 'mentors', file);
    expect(preview.status).toBe(0);
    expect(preview.stdout).toContain('100 rows of mentors; 97 ready, 3 with problems.');
    expect(preview.stdout).toContain('Row 15: no name\n');
    expect(preview.stdout).toContain('Row 38 (Mentor 38 Hansen): capacity "two" is not a whole number from 1 to 10\n');
    expect(preview.stdout).toContain('Row 59 (Mentor 59 Hansen): unknown language "Klingon"');
    expect(preview.stdout).toContain('Nothing was imported yet.');

    const confirmed = kompis('import', 'mentors', file, '--confirm');
    expect(confirmed.status).toBe(0);
    expect(confirmed.stdout).toContain('Imported 97 mentors. Left out, with problems: rows 15, 38, 59');
    expect(confirmed.stdout).toMatch(/ {2}#1 {2}Mentor 2 Hansen {2}[A-Z2-9]{10}\n/);

    const codes = kompis('import', 'codes');
    expect(codes.stdout).toMatch(/^97 imported people have not started their chat yet:\n {2}#1 {2}Mentor 2 Hansen {2}\(mentor\) {2}[A-Z2-9]{10}\n/);

    const huge = join(dir, 'huge.csv');
    writeFileSync(huge, `name\n${'Kari Nordmann\n'.repeat(750_000)}`);
    const refused = kompis('import', 'mentors', huge);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe(`${huge}: the file is larger than 2 MB; split it into smaller files\n`);
    expect(refused.stderr).toBe('');
  });

  it('says "Imported 1 mentor" and "1 ready row" for one, not "1 mentors"', () => {
    const file = join(dir, 'one.csv');
    writeFileSync(file, 'Navn;Yrke;By;Kapasitet\nOla;Lege;Bergen;2\n');
    expect(kompis('import', 'mentors', file).stdout).toContain('To import the 1 ready row:');
    const confirmed = kompis('import', 'mentors', file, '--confirm');
    expect(confirmed.stdout).toContain('Imported 1 mentor.\n');
  });
});
