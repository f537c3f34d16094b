import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReport } from '../src/evaluation/buildReport';
import { ENGLISH_INTAKE, englishIntake, mentorRegistration } from './helpers/intakeScript';
import { activePair, answerCheckin, approveMentors, coordinator, setGoals } from './helpers/pairScript';
import { DAY_MS, demoProgramme, type Person, TestKit } from './helpers/testKit';

const MARK = 'Zq7Xw';

/** The English application with the marker in the name and in every answer written in words. */
function markedIntake(): string[] {
  const words = ['Bergen', 'Work as an engineer again', 'Civil engineering', 'Ukraine', 'Civil engineer', 'Structural engineer', 'Calculations and drawings', 'Norwegian at work'];
  return englishIntake(`Olena${MARK}`).map((line) => (words.includes(line) ? `${line} ${MARK}` : line));
}

describe('/delete', () => {
  let kit: TestKit;
  let coco: Person;
  beforeEach(async () => {
    kit = await new TestKit().open();
    coco = await coordinator(kit);
  });
  afterEach(() => kit.close());

  it('erases every trace of a person from the database file at once, and leaves others and the counts alone', async () => {
    const olena = kit.person('olena');
    for (const line of markedIntake()) await olena.say(line);
    const kari = kit.person('kari');
    for (const line of mentorRegistration('KariKeep', 'Civil engineer', 'Woman')) await kari.say(line);
    await approveMentors(kit);
    const id = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? 0;
    await coco.say(`/accept ${id(`Olena${MARK}`)}`);
    await coco.say(`/match ${id(`Olena${MARK}`)} ${id('KariKeep')}`);
    await olena.press('Yes');
    await kari.press('Yes');
    await setGoals(olena, `Engineer again ${MARK}`, `A CV ${MARK}`);
    kit.clock.advance(30 * DAY_MS);
    await kit.tick();
    await answerCheckin(olena, { met: 'Yes, once', rating: 2, contact: true, note: `Please call ${MARK}` });
    await olena.say(`/contact About my permit ${MARK}`);
    await coco.say(`/reply ${kit.rows<{ id: number }>('select id from threads')[0]?.id} Thank you, ${MARK}, I call you today.`);
    const file = () => readFileSync(kit.dbPath);
    const countsBefore = buildReport(kit.app.store.db, demoProgramme(), {}, kit.clock.now());
    expect(file().includes(MARK) || readFileSync(`${kit.dbPath}-wal`).includes(MARK)).toBe(true);
    expect(statSync(kit.dbPath).mode & 0o777).toBe(0o600);

    // What deleting means, then the question alone, in a second message with the buttons.
    const explained = await olena.say('/delete');
    expect(explained.map((m) => m.text.split('\n')[0])).toEqual([expect.stringContaining('You cannot undo this.'), expect.stringContaining('Do you want to delete your data?')]);
    expect(explained[0]?.text).not.toContain('Do you want');
    await olena.press('Yes, delete my data');
    expect(olena.lastText()).toBe('Your data is deleted. Thank you for the time with us. If you write again, you start from the beginning.');
    expect(kari.lastText()).toBe(
      'Your mentoring partner has left the programme, so your pair has ended. Your coordinator will contact you.\nKompis does not pass on messages between you any more. To write to a coordinator, tap the button or write /contact.',
    );
    expect(coco.lastText()).toContain('left the programme and deleted their data. The pair has ended.');
    expect(coco.lastText()).not.toContain('Olena');

    const sqlite = kit.app.store.sqlite;
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.exec('VACUUM');
    expect(file().includes(MARK)).toBe(false);
    expect(file().includes('KariKeep')).toBe(true);
    expect(kit.rows('select status, end_reason from pairs')).toEqual([{ status: 'ended', end_reason: 'left' }]);
    const after = buildReport(kit.app.store.db, demoProgramme(), {}, kit.clock.now());
    const total = (r: typeof after, section: string, figure: string) => r.sections.find((s) => s.id === section)?.figures.find((f) => f.id === figure)?.n;
    expect(total(after, 'applications', 'total')).toBe(total(countsBefore, 'applications', 'total'));
    expect(total(after, 'activity', 'checkinAnswerRate')).toBe(total(countsBefore, 'activity', 'checkinAnswerRate'));

    // Writing again is a new beginning: nobody remembers them.
    await olena.say('hello');
    expect(olena.lastText()).toContain('Choose your language.');
    expect(kit.rows('select count(*) as n from participants where erased_at is not null')).toEqual([{ n: 1 }]);
  });

  it('keeps everything when the person changes their mind', async () => {
    const olena = kit.person('olena');
    for (const line of ENGLISH_INTAKE) await olena.say(line);
    await olena.say('/delete');
    await olena.press('No, keep it');
    expect(olena.lastText()).toBe('Nothing is deleted. You can go on as before.');
    expect(kit.rows("select name from participants where name = 'Olena'")).toEqual([{ name: 'Olena' }]);
  });

  it("gives a mentor nothing of a mentee's check-in answers, by any command", async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await kit.days(30);
    await answerCheckin(pair.mentee, { met: 'No, not yet', rating: 1, contact: true, note: `Private ${MARK}` });
    const checkin = kit.rows<{ id: number }>('select id from checkins where participant_id = ?', pair.menteeId)[0]?.id;
    const alert = kit.rows<{ id: number }>('select id from alerts')[0]?.id;
    const tries = [
      `/checkin ${checkin}`,
      '/checkin',
      `/alert ${alert}`,
      '/alerts',
      '/report',
      `/view ${pair.menteeId}`,
      '/pairs',
      `/pair ${pair.pairId}`,
      '/goals',
      '/status',
      '/survey',
      '/met',
    ];
    for (const command of tries) {
      const replies = await pair.mentor.say(command);
      if (pair.mentor.last().keys.includes('meeting.when.prompt')) await pair.mentor.say('/cancel').then(() => pair.mentor.press('Yes, stop'));
      for (const reply of replies) {
        expect(reply.text).not.toContain(MARK);
        expect(reply.text).not.toMatch(/rated the mentoring|1 of 5|No, not yet/);
      }
    }
    expect(kit.channel.sentTo('kari').some((m) => m.text.includes(MARK))).toBe(false);
  });

  it('erases, with a fake clock, exactly the people whose last activity is more than 24 months ago', async () => {
    const amina = kit.person('amina');
    for (const line of ENGLISH_INTAKE) await amina.say(line);
    const jamal = kit.person('jamal');
    for (const line of ENGLISH_INTAKE) await jamal.say(line);
    const erased = () => kit.rows<{ id: number }>('select id from participants where erased_at is not null order by id').map((r) => r.id);
    const [aminaId, jamalId] = [2, 3];
    kit.clock.advance(400 * DAY_MS);
    await jamal.say('/status'); // Jamal is active again after 400 days
    kit.clock.advance((730 - 400) * DAY_MS); // 730 days after the start: 24 months less a day
    await kit.tick();
    expect(erased()).toEqual([]);
    kit.clock.advance(2 * DAY_MS);
    await kit.tick();
    await kit.tick();
    expect(erased()).toEqual([aminaId]);
    expect(kit.rows('select erased from purges')).toEqual([{ erased: 1 }]);
    expect(kit.rows('select name from participants where id = ?', aminaId)).toEqual([{ name: null }]);
    // The coordinator, silent all along, stays; Jamal goes 24 months after he last wrote.
    kit.clock.advance(400 * DAY_MS);
    await kit.tick();
    expect(erased()).toEqual([aminaId, jamalId]);
    expect(kit.rows('select erased from purges order by id')).toEqual([{ erased: 1 }, { erased: 1 }]);
    expect(kit.rows("select count(*) as n from participants where role = 'coordinator' and erased_at is null")).toEqual([{ n: 1 }]);
  });

  it('writes down every application sent to a coordinator, every coordinator view of a person and every report, and prints it for the operator', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await kit.days(30);
    await answerCheckin(pair.mentee, { met: 'Yes, once', rating: 1 });
    const alert = kit.rows<{ id: number }>('select id from alerts')[0]?.id;
    await coco.say(`/view ${pair.menteeId}`);
    await coco.say(`/alert ${alert}`);
    await coco.say('/report');
    await pair.mentor.say(`/view ${pair.menteeId}`); // refused: not written down
    expect(kit.rows('select actor_id, action, subject_id from audit_log order by id')).toEqual([
      { actor_id: 1, action: 'applicationSent', subject_id: pair.menteeId },
      // The mentor's registration reaches the coordinator too.
      { actor_id: 1, action: 'applicationSent', subject_id: pair.mentorId },
      { actor_id: 1, action: 'viewApplication', subject_id: pair.menteeId },
      { actor_id: 1, action: 'viewAlert', subject_id: pair.menteeId },
      { actor_id: 1, action: 'report', subject_id: null },
    ]);
    const printed = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'audit', '--person', String(pair.menteeId)], {
      env: { ...process.env, DATABASE_PATH: kit.dbPath },
      encoding: 'utf8',
    });
    expect(printed.status).toBe(0);
    expect(
      printed.stdout
        .trim()
        .split('\n')
        .map((l) => l.replace(/^\S+\s+/, '')),
    ).toEqual([
      `coordinator #1  applicationSent  person #${pair.menteeId}`,
      `coordinator #1  viewApplication  person #${pair.menteeId}`,
      `coordinator #1  viewAlert  person #${pair.menteeId}`,
    ]);
  });

  it("writes down a coordinator's view of a pair, of the pairs' list with their ratings, and of mentor suggestions for an applicant", async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    const amina = kit.person('amina');
    for (const line of englishIntake('Amina')) await amina.say(line);
    const nora = kit.person('nora');
    for (const line of mentorRegistration('Nora', 'Nurse', 'Woman')) await nora.say(line);
    await approveMentors(kit);
    const aminaId = kit.rows<{ id: number }>("select id from participants where name = 'Amina'")[0]?.id;
    const seen = () => kit.rows<{ action: string; subject_id: number }>("select action, subject_id from audit_log where action not in ('applicationSent') order by id");
    await coco.say(`/pair ${pair.pairId}`);
    expect(coco.lastText()).toContain(`Pair ${pair.pairId}`);
    expect(seen()).toEqual([
      { action: 'viewPair', subject_id: pair.menteeId },
      { action: 'viewPair', subject_id: pair.mentorId },
    ]);
    await coco.say('/pairs');
    await coco.say(`/suggest ${aminaId}`);
    expect(coco.lastText()).toContain('Nora');
    expect(seen().slice(2)).toEqual([
      { action: 'listPairs', subject_id: pair.menteeId },
      { action: 'listPairs', subject_id: pair.mentorId },
      { action: 'suggestMentors', subject_id: aminaId },
    ]);
  });
});
