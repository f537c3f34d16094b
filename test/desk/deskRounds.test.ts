import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskClient, signInToDesk } from '../helpers/deskClient';
import { englishIntake } from '../helpers/intakeScript';
import { activePair, coordinator } from '../helpers/pairScript';
import { programmeWith, TestKit } from '../helpers/testKit';

/** Two rounds: November (named 2026-1) and December (2026-2); the clock starts on 2 November 2026, in the first. */
const programme = programmeWith({
  rounds: [
    { opens: '2026-11-01', closes: '2026-11-10', cohortStart: '2026-11-20' },
    { opens: '2026-12-01', closes: '2026-12-10', cohortStart: '2026-12-15' },
  ],
});

describe('the desk by application round', () => {
  const kit = new TestKit(programme);
  kit.http = true;
  let desk: DeskClient;

  beforeAll(async () => {
    await kit.open();
    await activePair(kit, 'Amina', 'Maria');
    for (const line of englishIntake('Olena')) await kit.person('olena').say(line);
    kit.clock.advance(Date.parse('2026-12-02T09:00:00Z') - kit.clock.now().getTime());
    await activePair(kit, 'Beata', 'Mona');
    for (const line of englishIntake('Petra')) await kit.person('petra').say(line);
    desk = await signInToDesk(kit, await coordinator(kit));
  });
  afterAll(() => kit.close());

  it('filters the applications by the round they were sent in', async () => {
    expect(kit.rows('select round from applications order by id')).toEqual([{ round: '2026-1' }, { round: '2026-1' }, { round: '2026-2' }, { round: '2026-2' }]);
    const all = await desk.get('/desk/applications');
    expect(all.html).toContain('<option value="2026-1">2026-1</option>');
    expect(all.html).toContain('Olena');
    expect(all.html).toContain('Petra');
    const first = await desk.get('/desk/applications?round=2026-1');
    expect(first.html).toContain('Olena');
    expect(first.html).not.toContain('Petra');
    expect(first.html).toContain('Shown: 1');
  });

  it('filters the pair board by the round of the mentee’s application', async () => {
    const second = await desk.get('/desk/pairs?show=all&sort=pair&round=2026-2');
    expect(second.html).toContain('Beata');
    expect(second.html).not.toContain('Amina');
    expect(second.html).toContain('<option value="2026-2" selected="">2026-2</option>');
    const all = await desk.get('/desk/pairs');
    expect(all.html).toContain('Amina');
    expect(all.html).toContain('Beata');
  });
});
