import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../db/client';
import type { CommandContext } from '../../src/conversation/commandContext';
import { latestApplicationOf, participant } from '../../src/people/people';
import { parseAnswers } from '../../src/people/storedAnswers';
import { suggestMentors, withChatLanguage } from '../../src/pairs/matching';
import { mentorCandidates, mentorSuggestions } from '../../src/pairs/proposals';
import { englishIntake, mentorRegistration } from '../helpers/intakeScript';
import { approveMentors, coordinator } from '../helpers/pairScript';
import { demoProgramme, type Person, TestKit } from '../helpers/testKit';

/**
 * The suggestions read only the mentors who may be suggested at all (approved, with room, trained
 * where the programme asks for it): they are the same as when every mentor in the bank is scored.
 */
describe('suggestions from a narrowed bank', () => {
  const kit = new TestKit();
  let coco: Person;
  const id = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? Number.NaN;
  const set = (sql: string, ...params: unknown[]) => kit.app.store.sqlite.prepare(sql).run(...params);

  beforeAll(async () => {
    await kit.open();
    coco = await coordinator(kit);
    const amina = kit.person('amina');
    for (const line of englishIntake('Amina')) await amina.say(line);
    const mentors: [string, 'Woman' | 'Man', string][] = [
      ['Maria', 'Woman', 'Civil engineer'],
      ['Mona', 'Woman', 'Civil engineer'],
      ['Nora', 'Woman', 'Nurse'],
      ['Olav', 'Man', 'Civil engineer'],
      ['Pia', 'Woman', 'Teacher'],
      ['Rita', 'Woman', 'Civil engineer'],
    ];
    for (const [name, gender, profession] of mentors) {
      const mentor = kit.person(name.toLowerCase());
      for (const line of mentorRegistration(name, profession, gender)) await mentor.say(line);
    }
    await approveMentors(kit);
    await coco.say(`/accept ${id('Amina')}`);
    // Mona is asked for a talk, Nora has no room, Olav has one place left of two and Pia is paused.
    set("update mentors set screening = 'talk' where participant_id = ?", id('Mona'));
    set('update mentors set capacity = 0 where participant_id = ?', id('Nora'));
    set('update mentors set capacity = 2 where participant_id = ?', id('Olav'));
    set('update mentors set capacity = 0 where participant_id = ?', id('Pia'));
  });
  afterAll(() => kit.close());

  it('gives the same mentors, points and reasons as scoring the whole bank', () => {
    const programme = demoProgramme();
    kit.app.store.db.transaction((tx: Tx) => {
      const c: CommandContext = { tx, actorId: id('Coco'), channel: 'desk', ctx: { programme, now: kit.clock.now(), language: 'en', translate: String } };
      const menteeId = id('Amina');
      const mentee = participant(tx, menteeId);
      const application = latestApplicationOf(tx, menteeId);
      const answers = withChatLanguage(parseAnswers(application?.answers ?? '{}'), mentee?.language ?? null, programme.localLanguage);
      const whole = suggestMentors(answers, mentorCandidates(c, menteeId, 'all'), programme.matching.weights);
      const shown = mentorSuggestions(c, menteeId)?.suggestions;
      expect(shown).toEqual(whole);
      expect(shown?.map((s) => s.name).sort()).toEqual(['Maria', 'Olav', 'Rita']);
      // The narrowed bank is smaller than the whole one: the ruled-out mentors' answers are not read.
      expect(mentorCandidates(c, menteeId, 'suggestable').map((m) => m.name)).toEqual(['Maria', 'Olav', 'Rita']);
    });
  });
});
