import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/evaluation/buildReport';
import { formatReport } from '../../src/evaluation/formatReport';
import { createTranslator } from '../../src/text/i18n';
import { signInToDesk } from '../helpers/deskClient';
import { activePair, coordinator } from '../helpers/pairScript';
import { demoProgramme, type Person, TestKit } from '../helpers/testKit';

/** The mentee end survey's answers, ending with "what worked" (skipped) and "what could be better". */
const answers = (better: string) => ['1', 'Partly', 'Permanent', 'Part-time', '4', '4', '4', '4', '4', '4', '4', '5', 'Yes', '9', '/skip', better];

async function answerEndSurvey(person: Person, answerAs: 'With my name' | 'Without my name', better: string): Promise<void> {
  await person.press('Start the survey');
  await person.press(answerAs);
  for (const answer of answers(better)) await person.say(answer);
}

describe("free-text answers in the coordinators' view", () => {
  let kit: TestKit;
  afterEach(() => kit.close());

  it('lists only what people wrote with their name, audits it as a view of each of them, and never gives the funder any', async () => {
    kit = new TestKit();
    kit.http = true;
    await kit.open();
    const coco = await coordinator(kit);
    const olena = await activePair(kit, 'Olena', 'Kari');
    const amina = await activePair(kit, 'Amina', 'Maria');
    await kit.days(10);
    await coco.say(`/end ${olena.pairId} jobFound quiet`);
    await coco.say(`/end ${amina.pairId} jobFound quiet`);
    await kit.days(1);
    await answerEndSurvey(olena.mentee, 'With my name', 'More meetings\nand <b>earlier</b>');
    await answerEndSurvey(amina.mentee, 'Without my name', 'Shorter forms');

    const desk = await signInToDesk(kit, coco);
    const page = (await desk.get('/desk/report')).html;
    expect(page).toContain('Only answers given with a name are listed here.');
    // Her words on one line, as text, set apart as hers.
    expect(page).toContain('<p>Olena wrote <bdi class="their-words" lang="">“More meetings ↵ and &lt;b&gt;earlier&lt;/b&gt;”</bdi></p>');
    expect(page).not.toContain('Shorter forms');
    const seen = kit.rows<{ subject_id: number }>("select subject_id from audit_log where action = 'report' and subject_id is not null");
    expect(seen).toEqual([{ subject_id: olena.menteeId }]);

    const funder = (await desk.get('/desk/report?audience=funder')).html;
    expect(funder).not.toContain('More meetings');
    const translator = createTranslator();
    const md = formatReport(buildReport(kit.app.store.db, demoProgramme(), {}, kit.clock.now()), 'md', {
      language: 'en',
      translate: (text) => translator.translate(text, 'en'),
      now: kit.clock.now(),
    });
    expect(md).not.toContain('More meetings');
    expect(md).not.toContain('Shorter forms');
  });
});
