import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/evaluation/buildReport';
import { formatReport } from '../../src/evaluation/formatReport';
import { createTranslator } from '../../src/text/i18n';
import { englishIntake, mentorRegistration } from '../helpers/intakeScript';
import { approveMentors, coordinator } from '../helpers/pairScript';
import { demoProgramme, type Person, TestKit } from '../helpers/testKit';

const MENTORS = ['Kari', 'Lars', 'Nora', 'Ola', 'Siri'];

/** Mentors who register through the chat, by name. */
async function mentors(kit: TestKit, names: string[]): Promise<Map<string, { person: Person; id: number }>> {
  const found = new Map<string, { person: Person; id: number }>();
  for (const name of names) {
    const person = kit.person(name.toLowerCase());
    for (const line of mentorRegistration(name, 'Civil engineer', 'Woman')) await person.say(line);
    const id = kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? Number.NaN;
    found.set(name, { person, id });
  }
  return found;
}

function texts(kit: TestKit, who: string): string[] {
  return kit.channel.sentTo(who).map((m) => m.text);
}

describe('gatherings', () => {
  let kit: TestKit;
  afterEach(() => kit.close());

  it('keeps a waiting list beyond the places, gives a freed place to the first waiting, reminds those coming once, and records who came by code and by the coordinator', async () => {
    kit = await new TestKit().open();
    const coco = await coordinator(kit);
    const bank = await mentors(kit, MENTORS);
    const person = (name: string) => bank.get(name)?.person ?? kit.person('nobody');
    const id = (name: string) => bank.get(name)?.id ?? Number.NaN;

    // A plan Kompis cannot read is answered with how to write it, and nobody is invited.
    const unclear = await coco.say('/gathering new party 2026-11-20 18:00 | Network evening | Library | mentors | 3');
    expect(unclear.at(-1)?.text).toContain('I could not read that.\nPlan a gathering like this:');
    expect((await coco.say('/gathering new network 2026-10-20 18:00-20:00 | Network evening | Library | mentors | 3')).at(-1)?.text).toContain(
      'The gathering must start in the future',
    );
    expect(kit.rows('select count(*) as n from gatherings')).toEqual([{ n: 0 }]);
    const created = await coco.say('/gathering new network 2026-11-20 18:00-20:00 | Network evening | Library, room 4 | mentors | 3');
    expect(created.at(-1)?.text).toContain('Invited: 5');
    const code = /check-in code is ([A-Z0-9]{6})/.exec(created.at(-1)?.text ?? '')?.[1] ?? '';
    const gatheringId = kit.rows<{ id: number }>('select id from gatherings')[0]?.id ?? Number.NaN;
    await kit.tick();

    for (const name of MENTORS) {
      const invitation = person(name).lastText();
      expect(invitation).toContain('You are invited to a gathering of the programme: “Network evening” (network meeting).');
      expect(invitation).toContain('When: November 20, 2026, 18:00–20:00');
      expect(invitation).toContain('Where: Library, room 4');
      // Nobody sees who else was invited.
      for (const other of MENTORS) expect(invitation).not.toContain(other);
    }
    const answers = new Map<string, string>();
    for (const name of MENTORS) answers.set(name, (await person(name).press('Yes, I will come')).map((m) => m.text).join('\n'));
    for (const name of ['Kari', 'Lars', 'Nora']) expect(answers.get(name)).toContain('You have a place.');
    expect(answers.get('Ola')).toContain('You are on the waiting list as number 1.');
    expect(answers.get('Siri')).toContain('You are on the waiting list as number 2.');

    // Lars cannot come after all: Ola, the first on the waiting list, gets the place and is told.
    await person('Lars').say(`/events ${gatheringId}`);
    expect(person('Lars').lastText()).toContain('Your answer now: yes');
    await person('Lars').press('No, I cannot come');
    await kit.tick();
    expect(person('Ola').lastText()).toContain('Good news: a place opened at “Network evening”, and it is yours now.');
    expect(texts(kit, 'siri').some((t) => t.includes('a place opened'))).toBe(false);
    await coco.say(`/gathering ${gatheringId}`);
    expect(coco.lastText()).toContain('Invited 5, yes 3, maybe 0, no 1, waiting 1, came 0');

    // The day before (the 19th), those with a place are reminded, once, however often the scheduler runs.
    await kit.days(17);
    kit.clock.advance(3 * 60 * 60 * 1000);
    await kit.tick();
    kit.clock.advance(-3 * 60 * 60 * 1000);
    await kit.days(1);
    const reminded = (name: string) => texts(kit, name.toLowerCase()).filter((t) => t.includes('the gathering “Network evening” is tomorrow')).length;
    expect(MENTORS.map((name) => [name, reminded(name)])).toEqual([
      ['Kari', 1],
      ['Lars', 0],
      ['Nora', 1],
      ['Ola', 1],
      ['Siri', 0],
    ]);

    // On the day: a wrong code records nothing; the right one does; the coordinator marks Nora.
    expect((await person('Kari').say('/here WRONG1')).at(-1)?.text).toContain('This code does not fit a gathering today.');
    expect((await person('Kari').say(`/here ${code.toLowerCase()}`)).at(-1)?.text).toContain('Welcome! We noted that you came to “Network evening”.');
    await coco.say(`/gathering ${gatheringId}`);
    expect(coco.lastText()).toContain(`#${id('Kari')} Kari: yes, came`);
    expect(coco.lastText()).toContain(`#${id('Nora')} Nora: yes`);
    await coco.press(`Came: #${id('Nora')} Nora`);
    expect(coco.lastText()).toContain('Invited 5, yes 3, maybe 0, no 1, waiting 1, came 2');
    expect(kit.rows('select participant_id as id, came_by as by from gathering_invites where came_at is not null order by participant_id')).toEqual([
      { id: id('Kari'), by: 'code' },
      { id: id('Nora'), by: 'coordinator' },
    ]);

    // Once it has begun, the report counts it: the coordinator's /report as it is, the exported report under the small-cell rule.
    kit.clock.advance(9 * 60 * 60 * 1000);
    await coco.say('/report');
    const report = coco.lastText();
    expect(report).toContain('• Gatherings held: network meeting: 1');
    expect(report).toContain('• Invitations to gatherings: 5');
    expect(report).toContain('• Invitations answered yes: 3');
    expect(report).toContain('• Came: mentors: 2');
    expect(report).toContain('• Mentors invited who came at least once: 40');
    const translator = createTranslator();
    const exported = formatReport(buildReport(kit.app.store.db, demoProgramme(), {}, kit.clock.now()), 'md', {
      language: 'en',
      translate: (text) => translator.translate(text, 'en'),
      now: kit.clock.now(),
    });
    expect(exported).toContain('| Invitations to gatherings | 5 |');
    expect(exported).toContain('| Came: mentors | <5 |');
  });

  it('lets nobody see who else is coming, only how many when the gathering shows a count', async () => {
    kit = await new TestKit().open();
    const coco = await coordinator(kit);
    const bank = await mentors(kit, ['Kari', 'Lars']);
    await coco.say(`/gathering new closing 2026-12-10 17:00-19:00 | Closing party | Town hall | invite ${bank.get('Kari')?.id} ${bank.get('Lars')?.id} | none count`);
    await kit.tick();
    const kari = bank.get('Kari')?.person ?? kit.person('nobody');
    const lars = bank.get('Lars')?.person ?? kit.person('nobody');
    await kari.press('Yes, I will come');
    await lars.say('/events');
    expect(lars.lastText()).toContain('“Closing party”, December 10, 2026 at 17:00 – your answer: not answered yet');
    await lars.press('Closing party');
    expect(lars.lastText()).toContain('Said yes so far: 1');
    expect(lars.lastText()).not.toContain('Kari');
  });

  it('keeps untrained mentors out of suggestions where the programme requires a training, until their attendance is recorded', async () => {
    const programme = { ...demoProgramme() };
    programme.matching = { ...programme.matching, requireTraining: true };
    kit = await new TestKit(programme).open();
    const coco = await coordinator(kit);
    const bank = await mentors(kit, ['Kari', 'Lars']);
    await approveMentors(kit);
    const mentee = kit.person('amina');
    for (const line of englishIntake('Amina')) await mentee.say(line);
    const menteeId = kit.rows<{ id: number }>("select id from participants where name = 'Amina'")[0]?.id ?? Number.NaN;
    await coco.say(`/accept ${menteeId}`);

    await coco.say(`/suggest ${menteeId}`);
    expect(coco.lastText()).not.toContain('Kari');
    expect(coco.lastText()).not.toContain('Lars');

    await coco.say('/gathering new training 2026-11-03 18:00-20:00 | Mentor training | Library | mentors free | none');
    const gatheringId = kit.rows<{ id: number }>('select id from gatherings')[0]?.id ?? Number.NaN;
    await kit.days(1);
    await coco.say(`/gathering ${gatheringId} came ${bank.get('Kari')?.id}`);
    await coco.say(`/suggest ${menteeId}`);
    expect(coco.lastText()).toContain('Kari');
    expect(coco.lastText()).toContain('Prepared: mentor training November 3, 2026');
    expect(coco.lastText()).not.toContain('Lars');
    await coco.say('/mentors');
    expect(coco.lastText()).toContain('Prepared: mentor training November 3, 2026');
  });

  it("moves and cancels a gathering for those invited, and keeps a person's answers as theirs: in /mydata, gone after /delete", async () => {
    kit = await new TestKit().open();
    const coco = await coordinator(kit);
    const bank = await mentors(kit, ['Kari', 'Lars']);
    const kari = bank.get('Kari')?.person ?? kit.person('nobody');
    const lars = bank.get('Lars')?.person ?? kit.person('nobody');
    await coco.say('/gathering new startup 2026-11-12 18:00-20:00 | Start-up meeting | Library | mentors | none');
    await kit.tick();
    await kari.press('Yes, I will come');
    await lars.press('No, I cannot come');
    const gatheringId = kit.rows<{ id: number }>('select id from gatherings')[0]?.id ?? Number.NaN;

    await coco.say(`/gathering ${gatheringId} move 2026-11-13 17:00-19:00`);
    expect(coco.lastText()).toContain('People told: 1.');
    await kit.tick();
    expect(kari.lastText()).toContain('The gathering “Start-up meeting” has changed.');
    expect(kari.lastText()).toContain('When: November 13, 2026, 17:00–19:00');
    expect(texts(kit, 'lars').some((t) => t.includes('has changed'))).toBe(false);

    await kari.say('/mydata');
    expect(kari.lastText()).toContain('"yourAnswer": "yes"');
    expect(kari.lastText()).toContain('"en": "Start-up meeting"');
    await kari.say('/delete yes');
    expect(kit.rows('select count(*) as n from gathering_invites where participant_id = ?', bank.get('Kari')?.id)).toEqual([{ n: 0 }]);

    await coco.say(`/gathering ${gatheringId} cancel`);
    await kit.tick();
    expect(lars.lastText()).toContain('The gathering “Start-up meeting” on November 13, 2026 is cancelled.');
    await lars.say('/events');
    expect(lars.lastText()).toContain('You are not invited to any gatherings now.');
  });
});
