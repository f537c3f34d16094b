import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/evaluation/buildReport';
import { englishIntake, mentorRegistration } from '../helpers/intakeScript';
import { approveMentors, coordinator } from '../helpers/pairScript';
import { type Person, programmeWith, TestKit } from '../helpers/testKit';

const programme = programmeWith({ companies: [{ code: 'ACME', name: 'Acme AS' }], report: { minimumCell: 3 } });

/** A mentor's registration after a company link: no role question (the link says mentor) and no employer question (the company is known). */
function companyRegistration(start: string, name: string): string[] {
  const lines = mentorRegistration(name, 'Civil engineer', 'Woman').filter((l) => l !== 'I want to be a mentor' && l !== '/skip');
  return [start, ...lines.slice(1)];
}

/** Mentors who come through a company agreement: registered under the company, counted under it. */
describe('companies', () => {
  let kit: TestKit;
  let coco: Person;

  beforeEach(async () => {
    kit = await new TestKit(programme).open();
    coco = await coordinator(kit);
  });
  afterEach(() => kit.close());

  const idOf = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? Number.NaN;

  it('registers three mentors under the company from its code, shows it in /mentors and counts them in the report', async () => {
    const starts = ['/start mentor-ACME', '/start mentor ACME', '/start mentor acme'];
    for (const [i, name] of ['Kari', 'Per', 'Liv'].entries()) {
      const mentor = kit.person(name.toLowerCase());
      const script = companyRegistration(starts[i] ?? '', name);
      await mentor.say(script[0] ?? '');
      await mentor.say(script[1] ?? '');
      expect(mentor.lastText()).toContain('You register through the agreement with Acme AS.');
      for (const line of script.slice(2)) await mentor.say(line);
      expect(mentor.lastText()).toContain('Thank you! A coordinator will now read your registration.');
    }
    const ola = kit.person('ola');
    for (const line of mentorRegistration('Ola', 'Nurse', 'Man')) await ola.say(line);
    expect(kit.rows('select p.name, m.company from mentors m join participants p on p.id = m.participant_id order by p.id')).toEqual([
      { name: 'Kari', company: 'ACME' },
      { name: 'Per', company: 'ACME' },
      { name: 'Liv', company: 'ACME' },
      { name: 'Ola', company: null },
    ]);
    // A company code is not a wrong coordinator code.
    expect(kit.rows("select 1 from audit_log where action like '%code%'")).toHaveLength(0);

    await approveMentors(kit);
    await coco.say('/mentors');
    expect(coco.lastText()).toContain(`#${idOf('Kari')} Kari – Civil engineer – mentees: 0 of 1 – Acme AS`);
    expect(coco.lastText()).toMatch(new RegExp(`^#${idOf('Ola')} Ola – Nurse – mentees: 0 of 1$`, 'm'));
    await coco.say(`/mentor ${idOf('Per')}`);
    expect(coco.lastText()).toContain('Company: Acme AS');

    // One pair with a company mentor: in the funder's report a count under 3 is hidden.
    const olena = kit.person('olena');
    for (const line of englishIntake('Olena')) await olena.say(line);
    await coco.say(`/accept ${idOf('Olena')}`);
    await coco.say(`/match ${idOf('Olena')} ${idOf('Kari')}`);
    const report = buildReport(kit.app.store.db, programme, {}, kit.clock.now());
    const companies = report.sections.find((s) => s.id === 'companies');
    expect(companies?.figures.map((f) => ({ id: f.id, value: f.value, suppressed: f.suppressed }))).toEqual([
      { id: 'ACME.mentors', value: 3, suppressed: false },
      { id: 'ACME.pairs', value: null, suppressed: true },
    ]);
  });

  it('tells a mentor kindly that a company code is unknown, and registers them without a company', async () => {
    const kari = kit.person('kari');
    const script = companyRegistration('/start mentor-NOPE', 'Kari');
    await kari.say(script[0] ?? '');
    expect(kari.lastText()).toContain('We do not know this company code. You can register as a mentor all the same.');
    await kari.say('English');
    await kari.say('OK, continue');
    await kari.say('Yes, I agree');
    await kari.say('Kari');
    await kari.say('Civil engineer');
    await kari.say('Engineering and industry');
    await kari.say('Project lead');
    // Without a company, the employer is asked (and may be skipped).
    expect(kari.lastText()).toContain('Where do you work?');
    await kari.say('Bygg og Betong AS');
    for (const line of script.slice(8)) await kari.say(line);
    expect(kit.rows('select company, answers from mentors')).toEqual([{ company: null, answers: expect.stringContaining('"employer":"Bygg og Betong AS"') }]);
    expect(buildReport(kit.app.store.db, programme, {}, kit.clock.now()).sections.find((s) => s.id === 'companies')?.figures[0]).toMatchObject({ value: 0 });
  });
});
