import { describe, expect, it } from 'vitest';
import { signInToDesk } from '../helpers/deskClient';
import { englishIntake } from '../helpers/intakeScript';
import { coordinator } from '../helpers/pairScript';
import { TestKit } from '../helpers/testKit';

describe('the desk’s Today page', () => {
  it('counts the applications waiting as its section does, and those accepted without a mentor apart', async () => {
    const kit = new TestKit();
    kit.http = true;
    await kit.open();
    try {
      const coco = await coordinator(kit);
      for (const name of ['Olena', 'Amina']) {
        const person = kit.person(name.toLowerCase());
        for (const line of englishIntake(name)) await person.say(line);
      }
      const amina = kit.rows<{ id: number }>("select id from participants where name = 'Amina'")[0]?.id;
      await coco.say(`/accept ${amina}`);
      const today = (await (await signInToDesk(kit, coco)).get('/desk')).html;
      expect(today).toContain('Applications waiting (1)');
      expect(today).toContain('<th scope="row">Applications waiting</th><td class="figure">1</td>');
      expect(today).toContain('<th scope="row">Waiting for a mentor</th><td class="figure">1</td>');
    } finally {
      await kit.close();
    }
  });
});
