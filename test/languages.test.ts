import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES, withoutIsolation } from '../src/text/languages';
import { mentorRegistration } from './helpers/intakeScript';
import { approveMentors, coordinator } from './helpers/pairScript';
import { DAY_MS, type Person, programmeWith, TestKit } from './helpers/testKit';

/** The language's name in itself, as its locale file gives it for the picker. */
const ownName = (lang: string) => (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'locales', `${lang}.json`), 'utf8')) as { language: { self: string } }).language.self;

/** The question a message asks: the key of its last line ending in `.prompt`. */
const promptOf = (person: Person) => [...person.last().keys].reverse().find((k) => k.endsWith('.prompt')) ?? '';
const inForm = (kit: TestKit, name: string) =>
  kit.rows("select 1 from flow_states f join participants p on p.id = f.participant_id where p.name = ? and f.flow_id <> 'none'", name).length > 0;

/**
 * Answers whatever is asked, the way someone would who types numbers: "1" for a choice (the first
 * option, the first of several, or yes), a name, an age, a place for free text.
 */
async function answerAll(kit: TestKit, person: Person, name: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const prompt = promptOf(person);
    const hasChoices = person.last().choices.length > 0 || /\n\u2068?[1۱]\.\u2069? /.test(person.last().text);
    if (prompt === 'common.name.prompt') await person.say(name);
    else if (prompt === 'intake.age.prompt') await person.say('30');
    else if (hasChoices) await person.say('1');
    else await person.say('Bergen');
    if (!inForm(kit, name) && kit.rows('select 1 from participants where name = ?', name).length > 0) return;
  }
  throw new Error(`${name} never finished: ${person.lastText()}`);
}

describe('every language', () => {
  it.each(LANGUAGE_CODES)('%s: the whole intake and a monthly check-in, as scripted conversations', async (lang) => {
    const kit = await new TestKit(programmeWith({ languages: [...LANGUAGE_CODES], defaultLanguage: 'en' })).open();
    try {
      const coco = await coordinator(kit);
      const mentee = kit.person('amina');
      await mentee.say('hello');
      // With more languages than the channel has buttons, the picker is a numbered list: write the number.
      const choice = mentee.last().choices.find((c) => c.value === lang);
      if (choice) await mentee.send({ kind: 'choice', value: choice.value });
      else {
        const own = ownName(lang);
        const line = mentee
          .lastText()
          .split('\n')
          .map(withoutIsolation)
          .find((l) => l.endsWith(`. ${own}`));
        if (!line) throw new Error(`no choice for ${lang}`);
        await mentee.say(line.split('.')[0] ?? '');
      }
      await answerAll(kit, mentee, 'Amina');
      const menteeId = kit.rows<{ id: number; language: string }>("select id, language from participants where name = 'Amina'")[0];
      expect(menteeId?.language).toBe(lang);
      expect(kit.rows<{ n: number }>('select count(*) as n from applications')[0]?.n).toBe(1);

      const kari = kit.person('kari');
      for (const line of mentorRegistration('Kari', 'Civil engineer', 'Woman')) await kari.say(line);
      await approveMentors(kit);
      const kariId = kit.rows<{ id: number }>("select id from participants where name = 'Kari'")[0]?.id;
      await coco.say(`/accept ${menteeId?.id}`);
      await coco.say(`/match ${menteeId?.id} ${kariId}`);
      await mentee.say('1'); // yes to the proposal
      await kari.press('Yes');
      expect(kit.rows('select status from pairs')).toEqual([{ status: 'active' }]);

      kit.clock.advance(30 * DAY_MS);
      await kit.tick();
      expect(mentee.last().keys).toContain('checkin.invite');
      await mentee.say('1'); // start the check-in
      await answerAll(kit, mentee, 'Amina');
      expect(kit.rows('select answered_at is not null as answered from checkins where participant_id = ?', menteeId?.id)).toEqual([{ answered: 1 }]);
      // Nothing the mentee saw fell back to English, and no text was left untranslated as a key.
      const seen = kit.channel.sentTo('amina').map((m) => m.text);
      for (const text of seen) expect(text).not.toMatch(/{{|\b(intake|checkin|errors|form)\.[a-zA-Z]+/);
      if (lang !== 'en') expect(seen.filter((t) => t.includes('Thank you'))).toEqual([]);
    } finally {
      await kit.close();
    }
  });
});
