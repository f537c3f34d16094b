import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProgrammeError } from '../../src/runtime/errors';
import { parseProgramme, type Programme } from '../../src/settings/programme';
import { activePair, coordinator } from '../helpers/pairScript';
import { demoSettings, TestKit } from '../helpers/testKit';

const en = (text: string) => ({ en: text });
const survey = (items: unknown[], id = 'mentor-end') => ({ id, audience: 'mentor', intro: en('Hello'), items });
const choice = (id: string, values: string[], extra = {}) => ({ id, kind: 'single', text: en(id), options: values.map((v) => ({ value: v, text: en(v) })), ...extra });

describe('survey files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kompis-surveys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function problems(files: Record<string, unknown>, settings: Record<string, unknown> = {}): string[] {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
    try {
      parseProgramme({ ...demoSettings(), surveys: { files: Object.keys(files), ...settings } }, 'programme.json', dir);
      return [];
    } catch (err) {
      if (err instanceof ProgrammeError) return err.problems.map((p) => p.replace(`${dir}/`, ''));
      throw err;
    }
  }

  it('names each problem a programme can make in its own survey files, one line each', () => {
    expect(
      problems({
        'a.json': survey([
          choice('again', ['yes', 'no']),
          choice('why', ['time', 'other'], { when: { item: 'again', includes: 'no' } }),
          choice('why', ['time', 'other'], { when: { item: 'again', equals: 'maybe' } }),
          choice('later', ['a', 'b'], { when: { item: 'nothing' } }),
        ]),
        'b.json': survey([{ id: 'x', kind: 'stars', text: en('?') }]),
        'c.json': { ...survey([{ id: 'note', kind: 'text', text: { nb: 'Hei' } }]), id: 'c' },
        'd.json': { ...survey([{ id: 'note', kind: 'text', text: en('Note') }]), id: 'own' },
        'e.json': { ...survey([{ id: 'note', kind: 'text', text: en('Note') }]), id: 'own' },
      }),
    ).toEqual([
      'a.json: items.why.when: "includes" needs a multi item; use "equals"',
      'a.json: items.why: the id is used twice',
      'a.json: items.why.when: "maybe" is not an option of "again"',
      'a.json: items.later.when: refers to "nothing", which is not an earlier item',
      "b.json: items.0.kind: Invalid discriminator value. Expected 'single' | 'multi' | 'scale5' | 'scale10' | 'yesPartlyNo' | 'text'",
      'c.json: items.0.text: needs an English text ("en")',
      'e.json: id: "own" is used by another of surveys.files',
    ]);
    expect(problems({}, { followUp: 'mentor-end' })).toEqual(['programme.json: surveys.followUp: "mentor-end" is a survey for mentors, not mentees']);
    expect(problems({}, { menteeEnd: 'exit' })).toEqual(['programme.json: surveys.menteeEnd: there is no survey "exit"']);
  });

  it('lets a programme replace a bundled survey, and moves an open survey on when its file changes', async () => {
    const write = (items: unknown[]) => writeFileSync(join(dir, 'mentor.json'), JSON.stringify(survey(items)));
    write([choice('useful', ['yes', 'no']), choice('again', ['yes', 'no']), { id: 'note', kind: 'text', optional: true, text: en('Anything else?') }]);
    const load = (): Programme => parseProgramme({ ...demoSettings(), surveys: { files: ['mentor.json'] } }, 'programme.json', dir);
    const kit = await new TestKit(load()).open();
    try {
      const coco = await coordinator(kit);
      const { mentor, pairId } = await activePair(kit, 'Olena', 'Kari');
      await coco.say(`/end ${pairId} time quiet`);
      await kit.days(1);
      await mentor.press('Start the survey');
      await mentor.press('With my name');
      expect(mentor.lastText()).toContain('useful');
      await mentor.press('yes');
      expect(mentor.lastText()).toContain('again');
      // The programme renames the open question and restarts Kompis.
      write([choice('useful', ['yes', 'no']), choice('again2', ['yes', 'no']), { id: 'note', kind: 'text', optional: true, text: en('Anything else?') }]);
      await kit.reopen(load());
      await mentor.say('yes');
      expect(mentor.lastText()).toContain('again2');
      await mentor.press('no');
      await mentor.say('/skip');
      expect(kit.rows('select answers from survey_responses')).toEqual([{ answers: '{"useful":"yes","again2":"no"}' }]);
    } finally {
      await kit.close();
    }
  });
});
