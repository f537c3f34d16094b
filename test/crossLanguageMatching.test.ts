import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGLISH_INTAKE, mentorRegistration } from './helpers/intakeScript';
import { approveMentors, coordinator } from './helpers/pairScript';
import { type Person, programmeWith, TestKit } from './helpers/testKit';

/** The question a message asks: the key of its last line ending in `.prompt` (or `.choose`). */
const promptOf = (person: Person) => [...person.last().keys].reverse().find((k) => /\.(prompt|choose)$/.test(k)) ?? '';

/**
 * An Arabic-speaking nurse applies in Arabic: her profession in her words, her field chosen by typing
 * its Arabic name, her city picked from the programme's list; "1" for every other choice.
 */
async function arabicNurseApplies(kit: TestKit, amina: Person): Promise<void> {
  await amina.say('مرحبا');
  await amina.press('العربية');
  const answers: Record<string, string> = {
    'common.name.prompt': 'أمينة',
    'intake.region.choose': '1', // Bergen
    'intake.goal.prompt': 'أريد أن أعمل ممرضة مرة أخرى',
    'intake.profession.prompt': 'ممرضة',
    'intake.sector.prompt': 'الصحة والرعاية',
    'intake.targetOccupation.prompt': 'ممرضة في مستشفى',
    'intake.age.prompt': '34',
    'intake.localLevel.prompt': '3', // everyday talk (B1)
    'intake.mentorGender.prompt': '3', // no preference
  };
  for (let i = 0; i < 60 && kit.rows('select 1 from applications').length === 0; i++) {
    const prompt = promptOf(amina);
    // A long list comes as numbered lines instead of buttons.
    const hasChoices = amina.last().choices.length > 0 || /\n\u2068?1\.\u2069? /.test(amina.lastText());
    await amina.say(answers[prompt] ?? (hasChoices ? '1' : 'نص'));
  }
}

describe('matching across languages', () => {
  let kit: TestKit;
  let coco: Person;
  const id = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? Number.NaN;

  beforeEach(async () => {
    kit = await new TestKit(programmeWith({ languages: ['en', 'nb', 'ar'], eligibility: { minimumLanguageLevel: 'A2', regions: ['Bergen', 'Oslo'] } })).open();
    coco = await coordinator(kit);
  });
  afterEach(() => kit.close());

  it('suggests the nurse mentor to the Arabic-speaking nurse for the field they chose, and the city from the list', async () => {
    const kari = kit.person('kari');
    for (const line of mentorRegistration('Kari', 'Nurse', 'Woman', 'Health and care')) await kari.say(line);
    await approveMentors(kit);
    const ola = kit.person('ola');
    for (const line of mentorRegistration('Ola', 'Civil engineer', 'Man')) await ola.say(line);
    await approveMentors(kit);
    const amina = kit.person('amina');
    await arabicNurseApplies(kit, amina);
    expect(JSON.parse(kit.rows<{ answers: string }>('select answers from applications')[0]?.answers ?? '{}')).toMatchObject({
      region: 'Bergen',
      profession: 'ممرضة',
      sector: 'health',
      targetSector: 'health',
    });

    // The coordinator sees her field as chosen and her profession in her words, marked as hers.
    expect(coco.lastText()).toContain('• Profession: “ممرضة”\n• Field: Health and care\n');
    await coco.say(`/accept ${id('أمينة')}`);
    await coco.say(`/suggest ${id('أمينة')}`);
    const [first, second] = coco.lastText().split('\n').slice(1);
    expect(first).toMatch(/^#\d+ Kari – [\d.]+ points: same field \(Health and care\), .*both in Bergen/);
    expect(second).toMatch(/^#\d+ Ola – [\d.]+ points: .*both in Bergen/);
    expect(second).not.toContain('same field');
  });

  it('counts the language each chats in as one they speak, though they did not tick it among their other languages', async () => {
    const kari = kit.person('kari');
    const registration = mentorRegistration('Kari', 'Nurse', 'Woman', 'Health and care');
    registration[registration.indexOf('English, Ukrainian')] = 'Arabic';
    for (const line of registration) await kari.say(line);
    await approveMentors(kit);
    const amina = kit.person('amina');
    await arabicNurseApplies(kit, amina);
    expect(JSON.parse(kit.rows<{ answers: string }>('select answers from applications')[0]?.answers ?? '{}').languages).toEqual(['en']);

    await coco.say(`/accept ${id('أمينة')}`);
    await coco.say(`/suggest ${id('أمينة')}`);
    expect(coco.lastText()).toContain('both speak English and Arabic');
    await coco.say(`/match ${id('أمينة')} ${id('Kari')}`);
    // What each shows the other is what they answered.
    expect(amina.lastText()).toContain('• اللغات: \u2068العربية\u2069\n');
    expect(kari.lastText()).toContain('• Other languages: English\n');
  });

  it('shows the proposed mentor the mentee as written for a mentor: her name, her words marked, her language level in words', async () => {
    const kari = kit.person('kari');
    for (const line of mentorRegistration('Kari', 'Nurse', 'Woman', 'Health and care')) await kari.say(line);
    await approveMentors(kit);
    const amina = kit.person('amina');
    await arabicNurseApplies(kit, amina);
    await coco.say(`/accept ${id('أمينة')}`);
    await coco.say(`/match ${id('أمينة')} ${id('Kari')}`);

    const proposal = kari.lastText();
    expect(proposal).toContain('We have a mentee for you: أمينة.');
    expect(proposal).toContain("• أمينة's goal: “أريد أن أعمل ممرضة مرة أخرى”");
    expect(proposal).toContain('• Field: Health and care');
    expect(proposal).toContain('• Profession: “ممرضة”');
    expect(proposal).toContain('• Job أمينة wants: “ممرضة في مستشفى”');
    expect(proposal).toContain('• How well أمينة speaks Norwegian: Everyday talk (B1)');
    expect(proposal).toContain('• Lives in: Bergen');
    expect(proposal).not.toMatch(/Your goal|Where you live|How you want|Right to work|Age/);
  });

  it('lets applicant and mentor living somewhere else write the place, matches it, and shows it to the other', async () => {
    const kari = kit.person('kari');
    const registration = mentorRegistration('Kari', 'Nurse', 'Woman', 'Health and care');
    const city = registration.indexOf('Bergen');
    for (const line of [...registration.slice(0, city), 'Somewhere else', 'Stord', ...registration.slice(city + 1)]) await kari.say(line);
    await approveMentors(kit);
    const olena = kit.person('olena');
    const where = ENGLISH_INTAKE.indexOf('Bergen');
    for (const line of [...ENGLISH_INTAKE.slice(0, where), 'Somewhere else', 'stord', ...ENGLISH_INTAKE.slice(where + 1)]) await olena.say(line);
    expect(kit.rows('select flags from applications')).toEqual([{ flags: '["region"]' }]);

    await coco.say(`/accept ${id('Olena')}`);
    await coco.say(`/suggest ${id('Olena')}`);
    expect(coco.lastText()).toContain('both in stord');
    await coco.say(`/match ${id('Olena')} ${id('Kari')}`);
    expect(kari.lastText()).toContain('• Lives in: “stord”');
    // And the mentee reads the mentor written for a mentee, not in the words the mentor was asked in.
    expect(olena.lastText()).toContain('• Lives in: “Stord”');
    expect(olena.lastText()).toContain('• How Kari can meet: Face to face and Video call');
    expect(olena.lastText()).not.toMatch(/Where you live|How you can meet|Somewhere else/);
  });
});

describe('matching an application stored before the fields were asked', () => {
  it('still finds the field in the words people wrote', async () => {
    const kit = await new TestKit().open();
    try {
      const coco = await coordinator(kit);
      const kari = kit.person('kari');
      for (const line of mentorRegistration('Kari', 'Civil engineer', 'Woman', 'Health and care')) await kari.say(line);
      await approveMentors(kit);
      const olena = kit.person('olena');
      for (const line of ENGLISH_INTAKE) await olena.say(line);
      // As it was stored before: the applicant's words only, no field chosen from the list.
      kit.app.store.sqlite.prepare("update applications set answers = json_remove(answers, '$.sector', '$.targetSector')").run();
      const olenaId = kit.rows<{ id: number }>("select id from participants where name = 'Olena'")[0]?.id;

      await coco.say(`/accept ${olenaId}`);
      await coco.say(`/suggest ${olenaId}`);
      expect(coco.lastText()).toMatch(/\n#\d+ Kari – [\d.]+ points: same field \(civil, engineer\)/);
      await coco.say(`/match ${olenaId} ${kit.rows<{ id: number }>("select id from participants where name = 'Kari'")[0]?.id}`);
      expect(kari.lastText()).toContain("• Olena's goal: “Work as an engineer again”");
      expect(kari.lastText()).not.toContain('• Field:');
    } finally {
      await kit.close();
    }
  });
});

describe('a programme that does not ask for the job the applicant wants', () => {
  it('does not ask for the field of that job either, and still asks for the field of their work', async () => {
    const kit = await new TestKit(programmeWith({ intake: { questions: { targetOccupation: false } } })).open();
    try {
      const amina = kit.person('amina');
      const asked: string[] = [];
      await amina.say('/start apply');
      for (let i = 0; i < 60 && kit.rows('select 1 from applications').length === 0; i++) {
        const prompt = promptOf(amina);
        asked.push(prompt);
        const hasChoices = amina.last().choices.length > 0 || /\n\u2068?1\.\u2069? /.test(amina.lastText());
        await amina.say(prompt === 'common.name.prompt' ? 'Amina' : prompt === 'intake.age.prompt' ? '30' : hasChoices ? '1' : 'Nurse');
      }
      expect(asked).toContain('intake.sector.prompt');
      expect(asked).not.toContain('intake.targetOccupation.prompt');
      expect(asked).not.toContain('intake.targetSector.prompt');
      expect(JSON.parse(kit.rows<{ answers: string }>('select answers from applications')[0]?.answers ?? '{}')).toMatchObject({ sector: 'health' });
    } finally {
      await kit.close();
    }
  });
});
