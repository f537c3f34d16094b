import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/evaluation/buildReport';
import { formatReport } from '../../src/evaluation/formatReport';
import { createTranslator } from '../../src/text/i18n';
import { englishIntake } from '../helpers/intakeScript';
import { activePair, coordinator } from '../helpers/pairScript';
import { programmeWith, TestKit } from '../helpers/testKit';

/** A small programme: three applications, one pair. */
async function smallProgramme(kit: TestKit) {
  const coco = await coordinator(kit);
  await activePair(kit, 'Olena', 'Kari');
  for (const name of ['Amina', 'Jamal']) {
    const person = kit.person(name.toLowerCase());
    for (const line of englishIntake(name)) await person.say(line);
  }
  return coco;
}

function exported(kit: TestKit, minimumCell?: number): string {
  const programme = programmeWith(minimumCell === undefined ? {} : { report: { minimumCell } });
  const translator = createTranslator();
  const report = buildReport(kit.app.store.db, programme, {}, kit.clock.now());
  return formatReport(report, 'md', { language: 'en', translate: (text) => translator.translate(text, 'en'), now: kit.clock.now() });
}

describe('small programmes and their numbers', () => {
  let kit: TestKit;
  afterEach(() => kit.close());

  it("shows a coordinator's /report the counts they see one by one anyway; the exported report keeps hiding small groups", async () => {
    kit = await new TestKit().open();
    const coco = await smallProgramme(kit);
    await coco.say('/report');
    expect(coco.lastText()).toContain('• Applications in all: 3');
    expect(coco.lastText()).toContain('• accepted: 1');
    expect(coco.lastText()).toContain('• active: 1');
    const md = exported(kit);
    expect(md).toContain('| Applications in all | <5 |');
    expect(md).toContain('Figures about fewer than 5 people are not shown: they read <5.');
  });

  it('takes the threshold from report.minimumCell, and refuses one below 3 naming the setting', async () => {
    kit = await new TestKit().open();
    await smallProgramme(kit);
    const md = exported(kit, 3);
    expect(md).toContain('| Applications in all | 3 |');
    expect(md).toContain('| accepted | <3 |');
    expect(md).toContain('Figures about fewer than 3 people are not shown: they read <3.');
    expect(() => programmeWith({ report: { minimumCell: 2 } })).toThrow('programme: report.minimumCell: must be 3 or more: a figure on fewer people could show who answered what');
  });
});
