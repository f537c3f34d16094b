import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGLISH_INTAKE, NORWEGIAN_INTAKE } from '../helpers/intakeScript';
import { TestKit } from '../helpers/testKit';

interface ApplicationRow {
  status: string;
  answers: string;
  flags: string;
  consent_version: string;
}

describe('the applicant intake', () => {
  let kit: TestKit;
  beforeEach(async () => {
    kit = await new TestKit().open();
  });
  afterEach(() => kit.close());

  it('takes a whole application in English and stores it', async () => {
    const amina = kit.person('amina');
    for (const line of ENGLISH_INTAKE) await amina.say(line);

    expect(amina.lastText()).toContain('Thank you! Your application is sent.');
    const [application, ...others] = kit.rows<ApplicationRow>('select * from applications');
    expect(others).toHaveLength(0);
    expect(application?.status).toBe('submitted');
    expect(application?.consent_version).toBe('2026-01');
    expect(JSON.parse(application?.flags ?? '')).toEqual([]);
    expect(JSON.parse(application?.answers ?? '')).toMatchObject({
      rightToWork: 'yes',
      region: 'Bergen',
      localLevel: 'B1',
      age: 29,
      goal: 'Work as an engineer again',
      goalType: 'relevantJob',
      expectations: ['guidance', 'fieldKnowledge'],
      educationLevel: 'master',
      recognition: 'inProgress',
      experienceYears: '3-5',
      languages: ['en', 'uk'],
      englishLevel: 'B2',
      availability: ['weekdayEvening', 'weekend'],
      meetingMode: 'both',
      workNow: 'belowEducation',
      yearsInCountry: '1-2',
      heardFrom: 'jobCentre',
      migrationReason: 'preferNot',
    });
    // Gender and age band are asked only where the programme turns them on.
    expect(JSON.parse(application?.answers ?? '')).not.toHaveProperty('gender');
    expect(JSON.parse(application?.answers ?? '')).not.toHaveProperty('ageBand');
    expect(JSON.parse(application?.answers ?? '')).not.toHaveProperty('mentorGender');
    expect(kit.rows('select kind, decision, version, language from consents')).toEqual([
      { kind: 'intake', decision: 'granted', version: '2026-01', language: 'en' },
      { kind: 'followUp', decision: 'granted', version: '2026-01', language: 'en' },
    ]);
    expect(kit.rows('select count(*) as n from flow_states')).toEqual([{ n: 0 }]);
  });

  it('takes a whole application in Norwegian and answers in Norwegian', async () => {
    const olena = kit.person('olena');
    for (const line of NORWEGIAN_INTAKE) await olena.say(line);

    expect(olena.lastText()).toContain('Takk! Søknaden din er sendt.');
    const [application] = kit.rows<ApplicationRow>('select * from applications');
    expect(JSON.parse(application?.answers ?? '')).toMatchObject({
      region: 'Oslo',
      age: 41,
      educationLevel: 'bachelor',
      profession: 'Sykepleier',
    });
    expect(kit.rows('select language from participants')).toEqual([{ language: 'nb' }]);
    await olena.say('/status');
    expect(olena.lastText()).toMatch(/Vi fikk søknaden din 2\. november 2026/);
  });

  it('shows progress and the summary, and lets an answer be changed before sending', async () => {
    const amina = kit.person('amina');
    for (const line of ENGLISH_INTAKE.slice(0, 6)) await amina.say(line);
    expect(amina.lastText()).toMatch(/^Question 1 of \d+\nWhat is your first name\?/m);
    for (const line of ENGLISH_INTAKE.slice(6, -1)) await amina.say(line);
    expect(amina.lastText()).toContain('• Where you live: Bergen');
    expect(amina.last().choices.map((c) => c.label)).toEqual(['Yes, send it', 'Change an answer']);

    await amina.press('Change an answer');
    await amina.press('Where you live');
    expect(amina.lastText()).toContain('Where do you live?');
    await amina.say('Tromsø');
    expect(amina.lastText()).toContain('• Where you live: Tromsø');
    await amina.press('Yes, send it');
    const [application] = kit.rows<ApplicationRow>('select answers from applications');
    expect(JSON.parse(application?.answers ?? '').region).toBe('Tromsø');
  });

  it('asks a question that a changed answer opens before going back to the summary', async () => {
    const amina = kit.person('amina');
    for (const line of ENGLISH_INTAKE.slice(0, -1)) await amina.say(line);
    await amina.press('Change an answer');
    await amina.press('Other languages');
    await amina.say('Another language');
    expect(amina.lastText()).toContain('Which other languages do you speak? Write them.');
    await amina.say('Russian and Polish');
    expect(amina.lastText()).toContain('• More languages: Russian and Polish');
    expect(amina.lastText()).not.toContain('• English:');
  });

  it('flags an unmet criterion kindly and still takes the application', async () => {
    const amina = kit.person('amina');
    for (const line of ENGLISH_INTAKE.slice(0, 10)) await amina.say(line);
    const [reply] = await amina.say('72');
    expect(reply?.text).toContain('This programme is usually for people from 18 to 67 years old.');
    expect(reply?.text).toContain('You can still apply.');
    for (const line of ENGLISH_INTAKE.slice(11)) await amina.say(line);
    expect(kit.rows('select flags from applications')).toEqual([{ flags: '["age"]' }]);
  });

  it('ends kindly and keeps no answers when consent is declined', async () => {
    const amina = kit.person('amina');
    for (const line of ENGLISH_INTAKE.slice(0, 4)) await amina.say(line);
    const [reply] = await amina.press('No');
    expect(reply?.text).toContain('That is OK. We did not save your answers.');
    // Not even the refusal is kept: nothing was processed, so there is nothing to account for.
    expect(kit.rows('select decision from consents')).toEqual([]);
    expect(kit.rows('select count(*) as n from flow_states')).toEqual([{ n: 0 }]);
    expect(kit.rows('select count(*) as n from applications')).toEqual([{ n: 0 }]);
  });

  it('offers the language of the phone first', async () => {
    const olena = kit.person('olena', 'nb-NO');
    const [reply] = await olena.say('/start');
    expect(reply?.choices.map((c) => c.label)).toEqual(['Norsk bokmål', 'English']);
    expect(reply?.text.startsWith('Velg språk.')).toBe(true);
  });
});
