import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activePair, coordinator, logMeeting } from '../helpers/pairScript';
import { TestKit } from '../helpers/testKit';

/**
 * The daily scans queue their nudges and check-in invitations together: each person still gets the
 * same message, with the same key, in the same order, and what they type next means what it meant
 * when the messages were queued one by one.
 */
describe('nudges queued together by the daily scan', () => {
  let kit: TestKit;

  beforeEach(async () => {
    kit = await new TestKit().open();
    await coordinator(kit);
  });
  afterEach(() => kit.close());

  const queued = () =>
    kit.rows<{ dedupe_key: string; participant_id: number; language: string; message: string }>(
      "select dedupe_key, participant_id, language, message from outbox where dedupe_key like 'nudge:%' order by id",
    );

  it('nudges a person in a form and one outside it as before: same texts, keys and order; the one outside can answer by number, the one inside keeps their form', async () => {
    const quiet = await activePair(kit, 'Olena', 'Kari');
    const busy = await activePair(kit, 'Amina', 'Maria');
    await logMeeting(quiet.mentee);
    await logMeeting(busy.mentee);
    // The check-in goes out on 2 December; the nudges wait until it is a week old (9 December).
    await kit.days(36);
    expect(queued()).toEqual([]);
    await busy.mentee.press('Start the check-in');
    expect(busy.mentee.lastText()).toContain('meet');
    await kit.days(1);

    const rows = queued();
    expect(rows.map((r) => r.dedupe_key)).toEqual([
      `nudge:${quiet.pairId}:2026-11-02:${quiet.menteeId}`,
      `nudge:${quiet.pairId}:2026-11-02:${quiet.mentorId}`,
      `nudge:${busy.pairId}:2026-11-02:${busy.menteeId}`,
      `nudge:${busy.pairId}:2026-11-02:${busy.mentorId}`,
    ]);
    expect(rows.map((r) => r.participant_id)).toEqual([quiet.menteeId, quiet.mentorId, busy.menteeId, busy.mentorId]);
    expect(rows.map((r) => r.language)).toEqual(['en', 'en', 'en', 'en']);
    const olena = quiet.mentee.last();
    expect(olena.text).toBe(
      [
        'Hello! We think you and Kari have not met for some time. A short meeting or a call helps you keep going.',
        'Did you meet? Then tap the button to tell us. If something is in the way, write to your coordinator. Nobody is blamed.',
      ].join('\n'),
    );
    expect(olena.choices.map((c) => c.label)).toEqual(['Tell us about a meeting', 'Write to a coordinator']);
    expect(busy.mentee.last().text).toContain('you and Maria have not met');

    // Outside a form the nudge is the menu: typing 1 logs a meeting.
    await quiet.mentee.say('1');
    expect(quiet.mentee.lastText()).toContain('When did you meet');
    // Inside a form the nudge does not take it over: the next answer goes on with the check-in.
    await busy.mentee.say('Yes, once');
    expect(busy.mentee.lastText()).not.toContain('When did you meet');
    expect(busy.mentee.lastText()).toContain('Let us continue where you stopped.');
    expect(busy.mentee.lastText()).toContain('Have you met again since?');
    expect(kit.rows('select count(*) as n from checkins where answers is not null and participant_id = ?', busy.menteeId)).toEqual([{ n: 0 }]);

    // A second run queues nothing.
    await kit.tick();
    expect(queued()).toHaveLength(4);
  });
});
