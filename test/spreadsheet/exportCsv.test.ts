import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportCsv } from '../../src/spreadsheet/exportCsv';
import { parseCsv } from '../../src/spreadsheet/parseCsv';
import { englishIntake } from '../helpers/intakeScript';
import { activePair, coordinator, logMeeting } from '../helpers/pairScript';
import { demoProgramme, TestKit } from '../helpers/testKit';

describe('exporting applications, mentors and pairs as CSV', () => {
  let kit: TestKit;
  beforeEach(async () => {
    kit = await new TestKit().open();
  });
  afterEach(async () => {
    await kit.close();
  });

  function exported(kind: 'applications' | 'mentors' | 'pairs', actorId: number | null) {
    const csv = exportCsv(kit.app.store.db, demoProgramme(), { kind, actorId, now: kit.clock.now() });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = parseCsv(new TextEncoder().encode(csv));
    if (!parsed.ok) throw new Error(parsed.problem.kind);
    return { header: parsed.table.header, rows: parsed.table.rows.map((r) => Object.fromEntries(parsed.table.header.map((h, i) => [h, r.cells[i] ?? '']))) };
  }

  it('opens back in the parser with the same values: an Arabic name as it is, a formula-like name made harmless', async () => {
    const pair = await activePair(kit, 'أمينة', '=Maria');
    await logMeeting(pair.mentee);
    const cocoId = kit.rows<{ id: number }>("select id from participants where role = 'coordinator'")[0]?.id ?? 0;

    const applications = exported('applications', cocoId);
    expect(applications.rows).toEqual([
      expect.objectContaining({
        person: String(pair.menteeId),
        name: 'أمينة',
        'chat language': 'en',
        status: 'accepted',
        profession: 'Civil engineer',
        'field of work': 'engineering',
        languages: 'en; uk',
        'chat started': 'yes',
      }),
    ]);
    const mentors = exported('mentors', cocoId);
    expect(mentors.rows).toEqual([expect.objectContaining({ person: String(pair.mentorId), name: "'=Maria", capacity: '1', 'current mentees': '1', city: 'Bergen' })]);
    const pairs = exported('pairs', cocoId);
    expect(pairs.rows).toEqual([
      expect.objectContaining({
        pair: String(pair.pairId),
        'mentee name': 'أمينة',
        'mentor name': "'=Maria",
        status: 'active',
        'meetings logged': '1',
        'last meeting': '2026-11-02',
      }),
    ]);
    // The coordinators' view only: no story in the person's own words, no survey or check-in answers, no meeting topics.
    const all = JSON.stringify([applications, mentors, pairs]);
    for (const words of ['Work as an engineer again', 'Calculations and drawings', 'Chess', 'CV']) expect(all).not.toContain(words);
    expect(kit.rows('select action, actor_id from audit_log where action like ? order by id', 'export%')).toEqual([
      { action: 'exportApplications', actor_id: cocoId },
      { action: 'exportMentors', actor_id: cocoId },
      { action: 'exportPairs', actor_id: cocoId },
    ]);
  });

  it('leaves out people who deleted their data, and the pairs they were in', async () => {
    const pair = await activePair(kit, 'Amina', 'Maria');
    const olena = kit.person('olena');
    for (const line of englishIntake('Olena')) await olena.say(line);
    await olena.say('/delete yes');
    await pair.mentor.say('/delete yes');
    await coordinator(kit);
    const applications = exported('applications', null);
    expect(applications.rows.map((r) => r.name)).toEqual(['Amina']);
    expect(exported('mentors', null).rows).toEqual([]);
    expect(exported('pairs', null).rows).toEqual([]);
  });
});
