import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { englishIntake, mentorRegistration } from './helpers/intakeScript';
import { activePair, approveMentors, coordinator, setGoals } from './helpers/pairScript';
import { DAY_MS, type Person, programmeWith, TestKit } from './helpers/testKit';

/**
 * What got in people's way when the whole programme was played on the console, a person at a time,
 * with the clock moved on by months: each found once, and kept fixed here.
 */
describe('found walking the whole programme', () => {
  let kit: TestKit;
  let coco: Person;

  beforeEach(async () => {
    kit = new TestKit();
    kit.capabilities = { maxButtons: 0, maxButtonLabel: 64, maxText: 4096, canInitiate: true };
    await kit.open();
    coco = await coordinator(kit);
  });
  afterEach(() => kit.close());

  it('asks whether to keep the application\'s goal without a "Question 1 of 1", and takes "no thanks" for "No, write a new one"', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await pair.mentee.say('/goals');
    expect(pair.mentee.lastText()).toContain('In your application you wrote this goal: "Work as an engineer again"');
    // One question asked of everyone, then the steps: no "Question 1 of 1" before more questions come.
    expect(pair.mentee.lastText()).not.toContain('Question 1 of 1');
    await pair.mentee.say('no thanks');
    expect(pair.mentee.lastText()).toContain('What is your end goal? Choose what fits best.');
  });

  it("shows a check-in's note to the coordinator as the person's words, in quotation marks", async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await kit.days(30);
    for (const typed of ['Start the check-in', 'no', '/skip', '4', 'yes please', 'Resolved, all is well']) await pair.mentee.say(typed);
    expect(coco.lastText()).toContain('Their note: “Resolved, all is well”');
  });

  it('asks to choose several survey answers once, in words that fit a channel without buttons', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await coco.say(`/end ${pair.pairId} jobFound share`);
    kit.clock.advance(DAY_MS + 60_000);
    await kit.tick();
    await pair.mentee.press('Start the survey');
    await pair.mentee.press('With my name');
    expect(pair.mentee.lastText()).toContain('Since you started in the programme, what has happened?\nYou can choose more than one. Write their numbers, like this: 1, 3');
    expect(pair.mentee.lastText()).not.toContain('press Done');
  });

  it('tells a mentee whose pair has ended that it has ended, not that a mentor is being looked for', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await coco.say(`/end ${pair.pairId} time quiet`);
    await pair.mentee.say('/status');
    expect(pair.mentee.lastText()).toBe('Your mentoring with Kari has ended. Thank you for taking part!\nQuestions? Write to coordinator@example.org.');
    await pair.mentor.say('/status');
    expect(pair.mentor.lastText()).toContain('You are in our mentor bank.');
  });

  it('sends the end surveys of a pair that ended a month and more before Kompis ran again', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await coco.say(`/end ${pair.pairId} time share`);
    kit.clock.advance(32 * DAY_MS);
    await kit.tick();
    expect(pair.mentee.lastText()).toContain('We would like to hear how it went');
    expect(pair.mentor.lastText()).toContain('We would like to hear how it went');
  });

  it('after a stop past the follow-up, asks the mentee the latest follow-up only, not the end survey as well', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await coco.say(`/end ${pair.pairId} time share`);
    kit.clock.advance(200 * DAY_MS);
    await kit.tick();
    expect(kit.rows('select survey_id, timepoint, participant_id from survey_invitations order by id')).toEqual([
      { survey_id: 'mentor-end', timepoint: 'end', participant_id: pair.mentorId },
      { survey_id: 'mentee-followup', timepoint: 'followup6', participant_id: pair.menteeId },
    ]);
  });

  it('counts the check-ins a member left unanswered before a long stop before it sends the next round', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    for (const days of [31, 31, 40]) {
      kit.clock.advance(days * DAY_MS);
      await kit.tick();
    }
    const alerts = kit.rows<{ participant_id: number }>("select participant_id from alerts where kind = 'checkinsUnanswered' order by participant_id");
    expect(alerts.map((a) => a.participant_id)).toEqual([pair.menteeId, pair.mentorId].sort((a, b) => a - b));
  });

  it("shows a pair's dates in the coordinator's words, each once", async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await coco.say(`/pair ${pair.pairId}`);
    const text = coco.lastText();
    expect(text).toContain('Proposed November 2, 2026, active since November 2, 2026.');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text.match(/ends/g)).toHaveLength(1);
  });

  it('suggests a mentor the person was paired with before last, saying why that pair ended, and never after "did not work together"', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    const lise = kit.person('lise');
    for (const line of mentorRegistration('Lise', 'Nurse', 'Woman')) await lise.say(line);
    await approveMentors(kit);
    await coco.say(`/end ${pair.pairId} time share`);
    kit.clock.advance(DAY_MS + 60_000);
    await coco.say(`/suggest ${pair.menteeId}`);
    const lines = coco.lastText().split('\n');
    const kari = lines.findIndex((l) => l.includes('Kari –'));
    expect(lines.findIndex((l) => l.includes('Lise –'))).toBeLessThan(kari);
    expect(lines[kari]).toContain('were a pair before (ended: No time)');

    const again = await activePair(kit, 'Amina', 'Berit');
    await coco.say(`/end ${again.pairId} relationship share`);
    kit.clock.advance(DAY_MS + 60_000);
    await coco.say(`/suggest ${again.menteeId}`);
    expect(coco.lastText()).toContain('Lise –');
    expect(coco.lastText()).not.toContain('Berit –');
  });

  it("offers target months for a goal up to the pair's end, not past it", async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await pair.mentee.say('/goals');
    await pair.mentee.press('No, write a new one');
    await pair.mentee.press('A job in my field');
    await pair.mentee.say('A job as an engineer');
    await pair.mentee.say('A CV for one job');
    expect(pair.mentee.lastText()).toContain('By which month?');
    // The pair started on 2 November 2026 and ends on 2 May 2027.
    expect(pair.mentee.lastText()).toContain('December 2026');
    expect(pair.mentee.lastText()).toContain('May 2027');
    expect(pair.mentee.lastText()).not.toContain('June 2027');

    await pair.mentor.say(`/goal propose ${pair.pairId}`);
    await pair.mentor.say('Practise an interview');
    expect(pair.mentor.lastText()).toContain('May 2027');
    expect(pair.mentor.lastText()).not.toContain('June 2027');
  });

  it("shows the mentee's goals to both as her words, in quotation marks", async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await setGoals(pair.mentee, 'A job as an engineer', 'A CV for one job');
    expect(pair.mentor.lastText()).toContain('Olena has set goals:');
    expect(pair.mentor.lastText()).toContain('End goal: “A job as an engineer” (A job in my field)');
    expect(pair.mentor.lastText()).toMatch(/#\d+ “A CV for one job” – by /);
    await pair.mentee.say('/goals');
    expect(pair.mentee.lastText()).toContain('End goal: “A job as an engineer”');
    expect(pair.mentee.lastText()).toMatch(/#\d+ “A CV for one job” – by /);
  });

  it("takes the first word of an alert's choice when it only nudges or snoozes, and shows the choices again for one that would pause or end", async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await kit.days(45);
    const alerts = kit.rows<{ id: number; kind: string }>('select id, kind from alerts');
    const alertId = alerts.find((a) => a.kind === 'inactive')?.id;
    expect(alertId, JSON.stringify(alerts)).toBeDefined();
    await coco.say(`/alert ${alertId}`);
    const choices = coco.lastText();
    expect(choices).toContain('Nudge the pair');

    await coco.say('pause');
    expect(coco.lastText()).toBe(`Please choose one of the options. Write its number.\n\n${choices.slice(choices.indexOf('1. '))}`);
    expect(kit.rows('select status from pairs where id = ?', pair.pairId)).toEqual([{ status: 'active' }]);

    const before = kit.channel.sentTo('olena').length;
    await coco.say('nudge');
    expect(coco.lastText()).toBe(`Both members of pair ${pair.pairId} got a friendly nudge.`);
    expect(kit.channel.sentTo('olena').length).toBe(before + 1);

    await coco.say(`/alert ${alertId}`);
    await coco.say('Snooze');
    expect(coco.lastText()).toMatch(new RegExp(`^Alert ${alertId} is snoozed until`));
  });

  it('lets an applicant in the middle of the application write to the coordinators on one line, and goes on with the application', async () => {
    const amina = kit.person('amina');
    const script = englishIntake('Amina');
    // Up to the question after the name: the right to work.
    for (const line of script.slice(0, 7)) await amina.say(line);
    const question = amina.lastText();
    await amina.say('/contact');
    expect(amina.lastText()).toContain('write /contact and your message on one line');
    // The next plain message still answers the application, not the coordinators.
    await amina.say('/contact I need help with my residence permit');
    expect(amina.lastText()).toContain('Your message went to the coordinators');
    expect(coco.lastText()).toContain('“I need help with my residence permit”');
    const before = coco.lastText();
    for (const line of script.slice(7)) await amina.say(line);
    expect(question).not.toBe(amina.lastText());
    expect(coco.lastText()).not.toBe(before);
    expect(kit.rows("select 1 from applications a join participants p on p.id = a.participant_id where p.name = 'Amina' and a.status = 'submitted'")).toHaveLength(1);
    expect(kit.rows('select text from thread_messages')).toEqual([{ text: 'I need help with my residence permit' }]);
  });

  it('tells an applicant in the middle of the application how to answer a coordinator without losing the question', async () => {
    const amina = kit.person('amina');
    const script = englishIntake('Amina');
    for (const line of script.slice(0, 7)) await amina.say(line);
    const id = kit.rows<{ id: number }>("select participant_id as id from channel_identities where external_user_id = 'amina'")[0]?.id;
    await coco.say(`/contact ${id} Welcome! Ask me if anything is unclear.`);
    expect(amina.lastText()).toContain('To answer, write /contact and your answer on the same line');
    await amina.say('/contact Thank you!');
    expect(coco.lastText()).toContain('“Thank you!”');
    for (const line of script.slice(7)) await amina.say(line);
    expect(kit.rows("select 1 from applications a join participants p on p.id = a.participant_id where p.name = 'Amina'")).toHaveLength(1);
    expect(kit.rows('select text from thread_messages order by id')).toEqual([{ text: 'Welcome! Ask me if anything is unclear.' }, { text: 'Thank you!' }]);
  });

  it("names /mentor in the help of mentors and coordinators, and /broadcast in the coordinators'", async () => {
    const kari = kit.person('kari');
    for (const line of mentorRegistration('Kari', 'Civil engineer', 'Woman')) await kari.say(line);
    await kari.say('/help');
    expect(kari.lastText()).toContain('/mentor – your place in the mentor bank');
    await coco.say('/help');
    expect(coco.lastText()).toContain('/mentor M – one mentor; /mentor M approve');
    expect(coco.lastText()).toContain('/broadcast – write to a group at once');
    const olena = kit.person('olena');
    for (const line of englishIntake('Olena')) await olena.say(line);
    await olena.say('/help');
    expect(olena.lastText()).not.toContain('/mentor');
    expect(olena.lastText()).not.toContain('/broadcast');
  });

  it('asks the fit check again when a member writes /fit P without an answer, instead of "not for you"', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await pair.mentee.say(`/fit ${pair.pairId}`);
    expect(pair.mentee.lastText()).toContain('Is this a good match for you?');
    await pair.mentee.say('2');
    expect(pair.mentee.lastText()).toContain('Do you want to say more?');
    await pair.mentee.say('/skip');
    await pair.mentee.say(`/fit ${pair.pairId}`);
    expect(pair.mentee.lastText()).toBe('You already answered this. Thank you!');
    expect(kit.rows('select answer from fit_checks')).toEqual([{ answer: 'unsure' }]);
  });

  it('shows the first meeting\'s place once in the review, as the place typed, not "A place to meet" as well', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    await pair.mentor.say(`/firstmeeting ${pair.pairId}`);
    for (const typed of ['7', '20.11', '6', '16:30', '2', 'Café Løvetann, Torgallmenningen 3']) await pair.mentor.say(typed);
    const review = pair.mentor.lastText();
    expect(review).toContain('• Day: November 20, 2026');
    expect(review).toContain('• Time: 16:30');
    expect(review).toContain('• Place: Café Løvetann, Torgallmenningen 3');
    expect(review).not.toContain('A place to meet');
    expect(review).not.toContain('Another');
  });

  it('shows a coordinator a mentor\'s registration in words for its reader, not the mentor\'s own "Where you live"', async () => {
    const kari = kit.person('kari');
    for (const line of mentorRegistration('Kari', 'Civil engineer', 'Woman')) await kari.say(line);
    const id = kit.rows<{ id: number }>("select id from participants where name = 'Kari'")[0]?.id;
    await coco.say(`/mentor ${id}`);
    const view = coco.lastText();
    expect(view).toContain('• Lives in: “Bergen”');
    expect(view).toContain('• How they can meet: Both');
    expect(view).toContain('• Mentees at once: One');
    expect(view).toContain('• Moved here themselves: Yes');
    expect(view).toContain('• Can meet: Weekdays, daytime and Weekday evenings');
    expect(view).not.toMatch(/Where you live|yourself|How you can meet|When you can meet/);
    const own = await kari.say('/mydata');
    expect(own.map((m) => m.text).join('\n')).toContain('• Where you live: Bergen');
  });

  it('tells a mentor whose registration a coordinator has not read yet so in /status, not that they are in the mentor bank', async () => {
    const kari = kit.person('kari');
    for (const line of mentorRegistration('Kari', 'Civil engineer', 'Woman')) await kari.say(line);
    await kari.say('/status');
    expect(kari.lastText()).toBe('A coordinator is still reading your registration.\nQuestions? Write to coordinator@example.org.');
    await approveMentors(kit);
    await kari.say('/status');
    expect(kari.lastText()).toContain('You are in our mentor bank.');
  });
  it('keeps the first meeting answerable after other messages: the mentor can still propose it and the mentee agree, by its number', async () => {
    const pair = await activePair(kit, 'Olena', 'Kari');
    for (const member of [pair.mentor, pair.mentee]) {
      await member.press('Plan the start');
      for (const typed of ['1', '1', '1', '1', '1']) await member.say(typed);
    }
    // Something else comes in between: the message with the only way to propose is no longer the last.
    await pair.mentor.say('/goals');
    await pair.mentor.say('/status');
    expect(pair.mentor.lastText()).toContain('Have you and Olena agreed on a first meeting?');
    await pair.mentor.say('1');
    expect(pair.mentor.lastText()).toContain('Which day do you want to meet Olena for the first time?');
    for (const typed of ['1', '17:00', 'Video call', 'Yes, send it']) await pair.mentor.say(typed);
    expect(pair.mentee.lastText()).toContain('Kari proposes your first meeting:');
    await pair.mentee.say('/help');
    await pair.mentee.say('/status');
    expect(pair.mentee.lastText()).toContain('Kari proposes your first meeting:');
    await pair.mentee.say('1');
    expect(pair.mentee.lastText()).toContain('Your first meeting with Kari is agreed:');
    await pair.mentee.say('/status');
    expect(pair.mentee.lastText()).not.toContain('proposes your first meeting');
  });
  it('numbers the choices of how many mentees a mentor can have, whose words are not numbers, where nothing can be tapped', async () => {
    const kari = kit.person('kari');
    const lines = mentorRegistration('Kari', 'Civil engineer', 'Woman');
    for (const line of lines.slice(0, lines.indexOf('One'))) await kari.say(line);
    expect(kari.lastText()).toContain('How many mentees can you have at the same time?\n\n1. One\n2. Two\n3. Three');
    await kari.say('2');
    for (const line of lines.slice(lines.indexOf('One') + 1, -1)) await kari.say(line);
    expect(kari.lastText()).toContain('• Mentees at the same time: Two');
  });
  it('writes the numbers of its own Urdu texts in Urdu digits, like the option numbers around them', async () => {
    const urdu = new TestKit(programmeWith({ languages: ['en', 'ur'] }));
    urdu.capabilities = { maxButtons: 0, maxButtonLabel: 64, maxText: 4096, canInitiate: true };
    await urdu.open();
    try {
      const aisha = urdu.person('aisha');
      for (const typed of ['/start', '2', '1', '1', '1', '1', 'عائشہ', '1', 'اوسلو', '3', '۳۲', '1', 'انجینئر بننا', '1']) await aisha.say(typed);
      expect(aisha.lastText()).toContain('ان کے نمبر لکھیں، اس طرح: ۱، ۳');
      expect(aisha.lastText()).not.toMatch(/[0-9]/);
      for (const typed of ['1', '6', 'انجینئرنگ', 'پاکستان', '4', 'انجینئر', '3']) await aisha.say(typed);
      expect(aisha.lastText()).toContain('۱–۲ سال');
      expect(aisha.lastText()).not.toMatch(/[0-9]/);

      const pair = await activePair(urdu, 'Olena', 'Kari');
      const coco = await coordinator(urdu);
      await coco.say('/language');
      await coco.say('2');
      await urdu.days(30);
      for (const typed of ['Start the check-in', 'no', '/skip', '1', 'no thanks', '/skip']) await pair.mentee.say(typed);
      await coco.say('/alerts');
      expect(coco.lastText()).toMatch(/^⁨۱⁩ کھلا الرٹ:\n⁨۱⁩\. /);
      expect(coco.lastText()).not.toMatch(/[0-9]/);
    } finally {
      await urdu.close();
    }
  });
  it('ends a Russian sentence with a date at "г." without a second full stop', async () => {
    const russian = await new TestKit(programmeWith({ languages: ['en', 'ru'] })).open();
    try {
      const olena = russian.person('olena');
      for (const line of englishIntake('Olena')) await olena.say(line);
      await olena.say('/language');
      await olena.say('2');
      await olena.say('/status');
      expect(olena.lastText()).toMatch(/^Мы получили вашу заявку \d+ ноября 2026 г\. Координатор скоро её прочитает\./);
      expect(olena.lastText()).not.toContain('г..');
    } finally {
      await russian.close();
    }
  });
});
