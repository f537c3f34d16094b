import { afterEach, describe, expect, it } from 'vitest';
import { parseSegment, segmentMembers, segmentText } from '../../src/people/segments';
import { englishIntake, mentorRegistration } from '../helpers/intakeScript';
import { activePair, coordinator } from '../helpers/pairScript';
import { DAY_MS, TestKit } from '../helpers/testKit';

describe('segments: the groups a coordinator writes to or invites', () => {
  let kit: TestKit;
  afterEach(() => kit.close());

  it('finds waiting applicants, free and inactive mentors, running pairs, a cohort, a language and everyone, never coordinators', async () => {
    kit = await new TestKit().open();
    await coordinator(kit);
    const pair = await activePair(kit, 'Amina', 'Maria');
    const waiting = kit.person('olena');
    for (const line of englishIntake('Olena')) await waiting.say(line);
    const free = kit.person('ken');
    for (const line of mentorRegistration('Ken', 'Nurse', 'Man')) await free.say(line);
    const names = (text: string, now = kit.clock.now()) => {
      const segment = parseSegment(text);
      if (!segment) throw new Error(`not a segment: ${text}`);
      return kit.app.store.db.transaction((tx) => segmentMembers(tx, 'demo', segment, now)).map((m) => m.name);
    };

    expect(names('waiting')).toEqual(['Olena']);
    expect(names('mentors')).toEqual(['Maria', 'Ken']);
    expect(names('mentors free')).toEqual(['Ken']);
    expect(names('mentors inactive')).toEqual([]);
    expect(names('mentors inactive', new Date(kit.clock.now().getTime() + 100 * DAY_MS))).toEqual(['Ken']);
    expect(names('pairs')).toEqual(['Amina', 'Maria']);
    const month = kit.rows<{ m: string }>('select substr(activated_at, 1, 7) as m from pairs where id = ?', pair.pairId)[0]?.m ?? '';
    expect(names(`cohort ${month}`)).toEqual(['Amina', 'Maria']);
    expect(names('cohort 1999-01')).toEqual([]);
    expect(names('language en')).toEqual(['Amina', 'Maria', 'Olena', 'Ken']);
    expect(names('everyone')).toHaveLength(4);
  });

  it('reads what a coordinator types and writes it back the same way, refusing anything else', () => {
    for (const text of ['waiting', 'mentors', 'mentors free', 'mentors inactive', 'pairs', 'cohort 2027-01', 'language ar', 'everyone']) {
      const segment = parseSegment(text);
      expect(segment && segmentText(segment)).toBe(text);
    }
    for (const text of ['', 'mentors busy', 'cohort 2027-13', 'language', 'everyone else', 'pairs 1']) expect(parseSegment(text)).toBeNull();
  });
});
