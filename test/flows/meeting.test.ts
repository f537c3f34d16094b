import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activePair } from '../helpers/pairScript';
import { DAY_MS, TestKit } from '../helpers/testKit';

describe('/met', () => {
  let kit: TestKit;
  beforeEach(async () => {
    kit = await new TestKit().open();
  });
  afterEach(() => kit.close());

  it('logs a meeting on a typed day, with typed numbers for how and what about', async () => {
    const { mentor, pairId } = await activePair(kit, 'Olena', 'Kari');
    kit.clock.advance(10 * DAY_MS); // 12 November
    await mentor.say('/met');
    expect(mentor.lastText()).toBe('Question 1 of 3\nWhen did you meet Olena?');
    await mentor.press('Another day');
    expect(await mentor.say('31.02')).toMatchObject([{ text: expect.stringContaining('Please write the day as day.month') }]);
    expect(mentor.lastText()).toContain('Which day?');
    await mentor.say('14.11');
    expect(mentor.lastText()).toContain('Please write a day from November 2, 2026 to November 12, 2026.');
    await mentor.say('5.11');
    await mentor.say('2');
    expect(mentor.lastText()).toContain('What did you talk about?');
    await mentor.say('1, 3');
    expect(mentor.lastText()).toBe('Thank you! The meeting is saved.');
    expect(kit.rows('select pair_id, met_on, mode, topics from meetings')).toEqual([{ pair_id: pairId, met_on: '2026-11-05', mode: 'video', topics: '["cv","interview"]' }]);
  });

  it('tells someone without an active pair that meetings come later', async () => {
    const amina = kit.person('amina');
    await amina.say('/met');
    expect(amina.lastText()).toBe('You can tell us about meetings when you are in an active mentoring pair.');
  });
});
