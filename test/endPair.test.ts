import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { englishIntake, mentorRegistration } from './helpers/intakeScript';
import { activePair, approveMentors, coordinator, type ScriptedPair } from './helpers/pairScript';
import { DAY_MS, type Person, TestKit } from './helpers/testKit';

/** Ending a pair is asked once more, tells the members kindly, and can be undone for a day. */
describe('ending a pair', () => {
  let kit: TestKit;
  let coco: Person;
  let pair: ScriptedPair;

  beforeEach(async () => {
    kit = await new TestKit().open();
    coco = await coordinator(kit);
    pair = await activePair(kit, 'Olena', 'Kari');
    await kit.days(20);
  });
  afterEach(() => kit.close());

  const status = () => kit.rows<{ status: string }>('select status from pairs where id = ?', pair.pairId)[0]?.status;
  const endSurveys = () => kit.rows("select survey_id from survey_invitations where timepoint = 'end'").length;

  it('asks before it ends a pair, and tells the members without the reason when the coordinator keeps it', async () => {
    await coco.say(`/pair ${pair.pairId}`);
    await coco.press('Did not work together');
    expect(coco.lastText()).toBe(
      `End pair ${pair.pairId} (#${pair.menteeId} Olena with #${pair.mentorId} Kari)? Reason: Did not work together. Both get a kind message. Should it tell them the reason?`,
    );
    expect(status()).toBe('active');
    await coco.press('No, keep the pair');
    expect(status()).toBe('active');
    expect(pair.mentee.lastText()).not.toContain('ended');

    await coco.say(`/end ${pair.pairId} relationship`);
    await coco.press('End it without the reason');
    expect(status()).toBe('ended');
    expect(pair.mentee.lastText()).toBe(
      'Your coordinator has ended your mentoring with Kari. Thank you for taking part!\nIf you have questions, write to your coordinator: coordinator@example.org',
    );
    expect(pair.mentor.lastText()).toContain('Your coordinator has ended your mentoring with Olena.');
    expect(pair.mentor.lastText()).not.toContain('Did not work together');
  });

  it('undoes an end within a day: the pair goes on as it was, both hear it, and no end survey goes out', async () => {
    await coco.say(`/pause ${pair.pairId}`);
    await coco.say(`/end ${pair.pairId} jobFound share`);
    expect(pair.mentee.lastText()).toContain('The reason: Found a job.');
    kit.clock.advance(6 * 60 * 60 * 1000);
    await kit.tick();
    expect(endSurveys()).toBe(0);
    await coco.say(`/pair ${pair.pairId}`);
    await coco.press('Undo the end');
    expect(coco.lastText()).toBe(`Pair ${pair.pairId} goes on: it is paused again. Both got a message.`);
    expect(status()).toBe('paused');
    expect(pair.mentor.lastText()).toBe('Good news: your mentoring with Olena goes on. Your coordinator has undone the end.');
    await kit.days(3);
    expect(endSurveys()).toBe(0);
  });

  it("cannot undo an end when the mentee or the mentor's place has gone to another pair meanwhile", async () => {
    const nils = kit.person('nils');
    for (const line of mentorRegistration('Nils', 'Welder', 'Man')) await nils.say(line);
    await approveMentors(kit);
    const nilsId = kit.rows<{ id: number }>("select id from participants where name = 'Nils'")[0]?.id ?? 0;
    await coco.say(`/end ${pair.pairId} time quiet`);
    await coco.say(`/match ${pair.menteeId} ${nilsId}`);
    await coco.say(`/end ${pair.pairId} undo`);
    expect(coco.lastText()).toContain(`Pair ${pair.pairId} cannot go on: #${pair.menteeId} Olena is now in pair`);
    const proposal = kit.rows<{ id: number }>("select id from pairs where status = 'proposed'")[0]?.id;
    await coco.say(`/end ${proposal} other quiet`);
    const amina = kit.person('amina');
    for (const line of englishIntake('Amina')) await amina.say(line);
    const aminaId = kit.rows<{ id: number }>("select id from participants where name = 'Amina'")[0]?.id ?? 0;
    await coco.say(`/accept ${aminaId}`);
    await coco.say(`/match ${aminaId} ${pair.mentorId}`);
    await coco.say(`/end ${pair.pairId} undo`);
    expect(coco.lastText()).toBe(`#${pair.mentorId} Kari has no room for another mentee now.`);
    expect(status()).toBe('ended');
  });

  it('cannot undo an end after a day; the end surveys go out then', async () => {
    await coco.say(`/end ${pair.pairId} time quiet`);
    kit.clock.advance(DAY_MS - 60_000);
    await kit.tick();
    expect(endSurveys()).toBe(0);
    kit.clock.advance(2 * 60_000);
    await kit.tick();
    expect(endSurveys()).toBe(2);
    await coco.say(`/pair ${pair.pairId}`);
    expect(coco.last().choices).toEqual([]);
    await coco.say(`/end ${pair.pairId} undo`);
    expect(coco.lastText()).toContain(`The end of pair ${pair.pairId} cannot be undone`);
    expect(status()).toBe('ended');
  });
});
