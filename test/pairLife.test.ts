import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activePair, approveMentors, coordinator, logMeeting, setGoals } from './helpers/pairScript';
import { englishIntake, mentorRegistration } from './helpers/intakeScript';
import { type Person, TestKit } from './helpers/testKit';

/**
 * A pair's life on a fake clock (day 0 is Monday 2 November 2026, 10:00 in Oslo), with a scheduler
 * run each day: figures that agree, questions asked once, what the pair agreed, and time off.
 */
describe("a pair's life", () => {
  let kit: TestKit;
  let coco: Person;

  beforeEach(async () => {
    kit = await new TestKit().open();
    coco = await coordinator(kit);
  });
  afterEach(() => kit.close());

  const alertTexts = () =>
    kit.channel
      .sentTo('coco')
      .filter((m) => m.text.startsWith('Alert'))
      .map((m) => m.text);
  const idOf = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? 0;

  async function kickoff(member: Person, frequency: string): Promise<void> {
    await member.press('Plan the start');
    await member.press('Yes, I agree');
    await member.press(frequency);
    await member.say('1, 3');
    await member.press('OK');
    await member.press('Yes, send it');
  }

  describe('figures that agree', () => {
    it('says since when a pair that never logged a meeting is quiet: since it started, as its "Last meeting" line does', async () => {
      const pair = await activePair(kit, 'Olena', 'Kari');
      await kit.days(44);

      const [alert] = alertTexts();
      expect(alert?.split('\n')[1]).toBe(`Pair ${pair.pairId} has logged no meeting since the pair started on November 2, 2026 (44 days). Both got a nudge.`);
      expect(alert).toContain('No meeting logged yet; the pair started on November 2, 2026.');
    });

    it('counts from a check-in saying they met in the alert and its "Last meeting" line alike, counts a meeting both logged once, and a step done in a check-in is done', async () => {
      const pair = await activePair(kit, 'Olena', 'Kari');
      await setGoals(pair.mentee, 'Engineer again', 'A CV');
      await logMeeting(pair.mentee);
      await logMeeting(pair.mentor);
      await kit.days(30);
      // 2 December: Olena says they met, and that her step is done.
      await pair.mentee.press('Start the check-in');
      await pair.mentee.press('Yes, once');
      await pair.mentee.press('CV');
      await pair.mentee.press('Done');
      expect(pair.mentee.lastText()).toContain('How is this goal going: "Engineer again"?');
      await pair.mentee.press('Working on it');
      expect(pair.mentee.lastText()).toContain('How is this goal going: "A CV"?');
      await pair.mentee.press('Done');
      await pair.mentee.say('4');
      await pair.mentee.press('No, thank you');
      await pair.mentee.say('/skip');
      await kit.days(37);

      const [alert] = alertTexts();
      expect(alert?.split('\n')[1]).toBe(`Pair ${pair.pairId} has not met since a check-in on December 2, 2026 said they met (37 days), as far as we know. Both got a nudge.`);
      expect(alert).toContain('Last meeting: before December 2, 2026, as a check-in said (1 meeting logged).');
      expect(alert).toContain('Goals: 1 of 2 done.');
      await pair.mentee.say('/goals');
      expect(pair.mentee.lastText()).toMatch(/#\d+ “A CV” – done/);
    });

    it('closes the quiet-pair alert when a check-in says they met, as a logged meeting does', async () => {
      const pair = await activePair(kit, 'Olena', 'Kari');
      await kit.days(44);
      expect(kit.rows("select status from alerts where kind = 'inactive'")).toEqual([{ status: 'open' }]);
      // The check-in of 2 December is still the latest; Olena answers it late.
      await pair.mentee.say('/checkin');
      await pair.mentee.press('Yes, once');
      await pair.mentee.press('CV');
      await pair.mentee.press('Done');
      await pair.mentee.say('4');
      await pair.mentee.press('No, thank you');
      await pair.mentee.say('/skip');
      expect(kit.rows("select status from alerts where kind = 'inactive'")).toEqual([{ status: 'resolved' }]);
    });
  });

  describe('asked once', () => {
    it('asks in the check-in about the time since a logged meeting, and says who logged it', async () => {
      const pair = await activePair(kit, 'Olena', 'Kari');
      await kit.days(10);
      await logMeeting(pair.mentee);
      await kit.days(20);

      await pair.mentee.press('Start the check-in');
      expect(pair.mentee.lastText()).toContain('You logged a meeting with Kari on November 12, 2026. Have you met again since?');
      await pair.mentor.press('Start the check-in');
      expect(pair.mentor.lastText()).toContain('Olena logged a meeting with you on November 12, 2026. Have you met again since?');
      // Not meeting again within the weeks after a logged meeting needs no reason.
      await pair.mentor.press('No, not yet');
      expect(pair.mentor.lastText()).toContain('How is the mentoring going?');
    });
  });

  describe('what the pair agreed', () => {
    it('tells both members and the coordinator kindly when they chose different meeting frequencies, and shows the answers in the pair view', async () => {
      const pair = await activePair(kit, 'Olena', 'Kari');
      await kickoff(pair.mentor, 'Once a month');
      await kickoff(pair.mentee, 'Twice a month');

      expect(kit.channel.sentTo('olena').map((m) => m.text)).toContain(
        'You chose "Twice a month" for how often you meet, and Kari chose "Once a month". Both are fine. Talk about it when you meet, and agree together. Until then, our reminders follow the less frequent choice: "Once a month".',
      );
      expect(kit.channel.sentTo('kari').map((m) => m.text)).toContain(
        'You chose "Once a month" for how often you meet, and Olena chose "Twice a month". Both are fine. Talk about it when you meet, and agree together. Until then, our reminders follow the less frequent choice: "Once a month".',
      );
      // They agree between them: the message offers to write to the other through Kompis.
      const told = kit.channel.sentTo('olena').find((m) => m.text.startsWith('You chose "Twice a month"'));
      expect(told?.choices.map((c) => c.label)).toEqual(['Write to Kari']);
      expect(coco.lastText()).toBe(
        `Pair ${pair.pairId} has started: both answered the start questions.\nThey answered differently about how often they meet: mentee "Twice a month", mentor "Once a month". Both were told and asked to agree together. Until then, reminders follow "Once a month".`,
      );
      // A quiet note, not an alert.
      expect(kit.rows('select kind from alerts')).toEqual([]);

      await coco.say(`/pair ${pair.pairId}`);
      expect(coco.lastText()).toContain(
        [
          'Start questions:',
          `#${pair.menteeId} Olena: meet "Twice a month"; keep in touch by Chat messages and Video calls.`,
          `#${pair.mentorId} Kari: meet "Once a month"; keep in touch by Chat messages and Video calls.`,
          'They chose differently; reminders follow "Once a month" until they agree.',
        ].join('\n'),
      );
    });

    it('shows who has not answered the start questions yet', async () => {
      const pair = await activePair(kit, 'Olena', 'Kari');
      await kickoff(pair.mentee, 'Every week');
      await coco.say(`/pair ${pair.pairId}`);
      expect(coco.lastText()).toContain(`#${pair.mentorId} Kari: has not answered yet.`);
      expect(
        kit.channel
          .sentTo('olena')
          .map((m) => m.text)
          .join('\n'),
      ).not.toContain('You chose');
    });

    it('nudges a pair that agreed to meet every week after a week and a day, and one that chose differently as the less frequent choice says', async () => {
      const weekly = await activePair(kit, 'Olena', 'Kari');
      await kickoff(weekly.mentee, 'Every week');
      await kickoff(weekly.mentor, 'Every week');
      const differ = await activePair(kit, 'Amina', 'Nora');
      await kickoff(differ.mentee, 'Every week');
      await kickoff(differ.mentor, 'Once a month');
      await kit.days(8);

      const nudges = kit.rows<{ dedupe_key: string }>("select dedupe_key from outbox where dedupe_key like 'nudge:%' order by id").map((r) => r.dedupe_key);
      expect(nudges).toEqual([`nudge:${weekly.pairId}:2026-11-02:${weekly.menteeId}`, `nudge:${weekly.pairId}:2026-11-02:${weekly.mentorId}`]);
      expect(weekly.mentee.lastText()).toContain('We think you and Kari have not met for some time');
    });
  });

  describe('time off is not the end', () => {
    it('adds the paused days to the end date, tells both, and completes the pair and sends the end survey at the new date', async () => {
      const pair = await activePair(kit, 'Olena', 'Kari');
      await kit.days(10);
      await coco.say(`/pause ${pair.pairId}`);
      await kit.days(61);
      await coco.say(`/resume ${pair.pairId}`);
      expect(coco.lastText()).toBe(`Pair ${pair.pairId} is now active. Both got a message.\nPair ${pair.pairId} now ends on July 2, 2027.`);
      for (const member of [pair.mentee, pair.mentor]) {
        expect(member.lastText()).toBe('Your mentoring goes on again. The paused time is added, so it now ends on July 2, 2027. Good luck!');
      }

      // The old end date, 2 May 2027, passes.
      await kit.days(120);
      expect(kit.rows('select status from pairs')).toEqual([{ status: 'active' }]);
      await kit.days(61);
      expect(kit.rows('select status, substr(ended_at, 1, 10) as day from pairs')).toEqual([{ status: 'completed', day: '2027-07-02' }]);
      expect(
        kit.channel
          .sentTo('olena')
          .map((m) => m.text)
          .join('\n'),
      ).toContain('We would like to hear how it went');
      expect(kit.rows('select substr(sent_at, 1, 10) as day from survey_invitations where participant_id = ?', pair.menteeId)).toEqual([{ day: '2027-07-02' }]);
    });

    it('does not complete a pair that is still paused at its end date', async () => {
      const pair = await activePair(kit, 'Olena', 'Kari');
      await coco.say(`/pause ${pair.pairId}`);
      await kit.days(190);
      expect(kit.rows('select status from pairs')).toEqual([{ status: 'paused' }]);
    });

    it('lets a coordinator extend a pair with /extend; both members hear the new end date', async () => {
      const pair = await activePair(kit, 'Olena', 'Kari');
      await coco.say(`/extend ${pair.pairId} 2`);
      expect(coco.lastText()).toBe(`Pair ${pair.pairId} now ends on July 2, 2027. Both got a message.`);
      expect(pair.mentee.lastText()).toBe('Good news: your mentoring time is longer now. It ends on July 2, 2027.');
      expect(pair.mentor.lastText()).toBe('Good news: your mentoring time is longer now. It ends on July 2, 2027.');
      await coco.say(`/extend ${pair.pairId} 0`);
      expect(coco.lastText()).toBe('Write it like this: /extend 3 2 (pair 3, 2 months more). At most 12 months at a time.');
      await coco.say(`/extend ${pair.pairId + 1} 1`);
      expect(coco.lastText()).toBe(`There is no pair ${pair.pairId + 1}. Write /pairs to see the numbers.`);
      await pair.mentee.say(`/extend ${pair.pairId} 6`);
      expect(pair.mentee.lastText()).toContain('Only coordinators can use this command.');
      expect(kit.rows('select ends_on from pairs')).toEqual([{ ends_on: '2027-07-02' }]);
    });

    it('asks a waitlisted applicant every four weeks whether they are still interested, alerts after six weeks, and takes a no kindly', async () => {
      const amina = kit.person('amina');
      const jamal = kit.person('jamal');
      for (const line of englishIntake('Amina')) await amina.say(line);
      for (const line of englishIntake('Jamal')) await jamal.say(line);
      await coco.say(`/waitlist ${idOf('Amina')}`);
      await coco.say(`/waitlist ${idOf('Jamal')}`);
      await kit.days(28);
      expect(amina.lastText()).toBe('You are still on our waiting list. We have not forgotten you. Do you still want a mentor?');
      await kit.tick();
      await amina.press('Yes, I still want one');
      expect(amina.lastText()).toBe('Thank you! You stay on the waiting list. We will write to you when we have a mentor for you.');

      await kit.days(14);
      expect(alertTexts().map((a) => a.split('\n')[1])).toEqual([
        `#${idOf('Amina')} Amina has been on the waiting list for 42 days and still has no mentor.`,
        `#${idOf('Jamal')} Jamal has been on the waiting list for 42 days and still has no mentor.`,
      ]);
      await kit.days(14);
      await jamal.press('No, not any more');
      expect(jamal.lastText()).toBe('Thank you for telling us. We have taken you off the waiting list. If you change your mind, write to coordinator@example.org. Good luck!');
      expect(coco.lastText()).toBe(`#${idOf('Jamal')} Jamal no longer wants a mentor and left the waiting list. The application is withdrawn.`);
      await jamal.say(`/interested 1 yes`);
      expect(jamal.lastText()).toBe('You are not on the waiting list now. Write /status to see where you stand.');

      expect(kit.rows('select status from applications order by id')).toEqual([{ status: 'waitlisted' }, { status: 'withdrawn' }]);
      expect(kit.rows("select status from alerts where kind = 'waitingForMatch' order by id")).toEqual([{ status: 'open' }, { status: 'resolved' }]);
      // Once every four weeks, each asked once: day 28 and day 56.
      const asked = kit.rows<{ dedupe_key: string }>("select dedupe_key from outbox where dedupe_key like 'stillInterested:%' order by id");
      expect(asked).toHaveLength(4);
    });

    it('does not ask an applicant from the waiting list who was proposed a mentor', async () => {
      const amina = kit.person('amina');
      for (const line of englishIntake('Amina')) await amina.say(line);
      const nora = kit.person('nora');
      for (const line of mentorRegistration('Nora', 'Nurse', 'Woman')) await nora.say(line);
      await approveMentors(kit);
      await coco.say(`/waitlist ${idOf('Amina')}`);
      await coco.say(`/match ${idOf('Amina')} ${idOf('Nora')}`);
      await amina.press('Yes');
      await nora.press('Yes');
      await kit.days(60);
      expect(kit.rows("select 1 from outbox where dedupe_key like 'stillInterested:%'")).toEqual([]);
      expect(kit.rows("select 1 from alerts where kind = 'waitingForMatch'")).toEqual([]);
    });
  });
});
