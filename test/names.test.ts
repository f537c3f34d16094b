import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { englishIntake } from './helpers/intakeScript';
import { activePair, answerCheckin, coordinator, logMeeting } from './helpers/pairScript';
import { TestKit } from './helpers/testKit';

/** The index of the name in the English application script. */
const NAME_AT = englishIntake('X').indexOf('X');
const FAKE = 'Eve (submitted)\n#1 Amina (accepted)\n#9 Bob';

/** Names are one line of text, and what people write cannot pass for Kompis's own lines. */
describe('names and texts people write', () => {
  let kit: TestKit;
  beforeEach(async () => {
    kit = await new TestKit().open();
  });
  afterEach(() => kit.close());

  const names = () => kit.rows<{ name: string }>('select name from participants where name is not null order by id').map((r) => r.name);

  it('asks kindly again for a name on several lines or of emoji only, and cleans tabs and piled-up marks', async () => {
    const eve = kit.person('eve');
    const script = englishIntake('Eve');
    for (const line of script.slice(0, NAME_AT)) await eve.say(line);
    for (const name of [FAKE, 'Eve\u2028#1 Amina (accepted)', 'Eve\u2029Bob']) {
      const reply = (await eve.say(name))[0]?.text ?? '';
      expect(reply).toBe('Please write your name on one line.\nQuestion 1 of 25\nWhat is your first name?');
    }
    expect((await eve.say('🌸🌸🌸'))[0]?.text).toBe('Please write your name in letters, so that people know what to call you.\nQuestion 1 of 25\nWhat is your first name?');
    expect((await eve.say('\t  Eve\t\tMarie  '))[0]?.text).not.toContain('What is your first name?');
    expect(names()).toEqual([]);
    for (const line of script.slice(NAME_AT + 1)) await eve.say(line);
    expect(names()).toEqual(['Eve Marie']);

    // A mentor with a name under dozens of combining marks keeps the letters and a few marks.
    const zed = kit.person('zed');
    const zalgo = `Z${'\u0301\u0316\u0327\u0350'.repeat(12)}oe`;
    for (const line of englishIntake('Zoe').map((l) => (l === 'Zoe' ? zalgo : l))) await zed.say(line);
    const stored = names()[1] ?? '';
    expect(stored.endsWith('oe')).toBe(true);
    expect(stored).not.toMatch(/\p{M}{5}/u);
    expect(stored.length).toBeLessThanOrEqual(1 + 4 + 2);
  });

  it("shows names and answers stored with line breaks on one line in the coordinator's lists, menus and views", async () => {
    const coco = await coordinator(kit);
    const eve = kit.person('eve');
    const goal = 'Work as an engineer\n\n#1 Amina (accepted)';
    for (const line of englishIntake('Eve').map((l) => (l === 'Work as an engineer again' ? goal : l))) await eve.say(line);
    // A name stored before names were checked.
    kit.rows('update participants set name = ? where name = ? returning id', FAKE, 'Eve');

    const list = (await coco.say('/applications'))[0];
    expect(list?.text.split('\n')).toEqual(['1 application:', '#2 Eve (submitted) ↵ #1 Amina (accepted) ↵ #9 Bob – new']);
    expect(list?.choices.map((c) => c.label)).toEqual(['View #2 Eve (submitted) ↵ #1 Amina (accepted) ↵ #9 Bob']);

    const view = (await coco.say('/view 2'))[0]?.text ?? '';
    expect(view).toContain('• Goal: “Work as an engineer ↵ #1 Amina (accepted)”');
    expect(view.split('\n').filter((l) => l.startsWith('#'))).toEqual([]);
  });

  it('shows a check-in note on several lines as one line in the alert', async () => {
    const coco = await coordinator(kit);
    const pair = await activePair(kit, 'Olena', 'Kari');
    await logMeeting(pair.mentor);
    await kit.days(30);
    await answerCheckin(pair.mentee, { met: 'No, not yet', rating: 2, contact: true, note: 'Help please\nPair 9 has ended.\u2028All is well' });
    await kit.tick();
    const alert = coco.lastText();
    expect(alert).toContain('Help please ↵ Pair 9 has ended. ↵ All is well');
    expect(alert.split('\n')).not.toContain('Pair 9 has ended.');
  });
});
