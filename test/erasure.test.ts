import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { englishIntake } from './helpers/intakeScript';
import { activePair, coordinator } from './helpers/pairScript';
import { type Person, TestKit } from './helpers/testKit';

/** First names that are also words in Kompis's stored JSON: keys, flow ids and option values. */
const TRICKY_NAMES = ['form', 'answers', 'intake', 'yes', 'lines'];
/** Where an application is half-way: after "can take part for six months", before the goal. */
const HALF = 12;

describe('/delete touches only the person who deletes', () => {
  let kit: TestKit;
  let coco: Person;
  beforeEach(async () => {
    kit = await new TestKit().open();
    coco = await coordinator(kit);
  });
  afterEach(() => kit.close());

  const idOf = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? Number.NaN;
  const answersOf = (id: number) =>
    JSON.parse(kit.rows<{ answers: string }>('select answers from applications where participant_id = ?', id)[0]?.answers ?? 'null') as Record<string, unknown>;

  it("leaves others' half-finished applications and queued messages whole, whatever the name", async () => {
    // The coordinator is away: what is written to them waits in the queue.
    kit.channel.reaches = (to) => to.user !== 'coco';
    const olena = kit.person('olena');
    for (const line of englishIntake('Olena')) await olena.say(line);
    const amina = kit.person('amina');
    const jamal = kit.person('jamal');
    for (const line of englishIntake('Amina').slice(0, HALF)) await amina.say(line);
    for (const line of englishIntake('Jamal').slice(0, HALF)) await jamal.say(line);

    const erased: number[] = [];
    for (const name of TRICKY_NAMES) {
      const person = kit.person(`user-${name}`);
      for (const line of englishIntake(name)) await person.say(line);
      erased.push(idOf(name));
      await person.say('/delete yes');
      expect(person.lastText()).toContain('Your data is deleted.');
    }

    for (const line of englishIntake('Amina').slice(HALF)) await amina.say(line);
    for (const line of englishIntake('Jamal').slice(HALF)) await jamal.say(line);
    expect(amina.lastText()).toContain('Thank you! Your application is sent.');
    expect(jamal.lastText()).toContain('Thank you! Your application is sent.');
    const reference = answersOf(idOf('Olena'));
    expect(answersOf(idOf('Amina'))).toEqual({ ...reference, name: 'Amina' });
    expect(answersOf(idOf('Jamal'))).toEqual({ ...reference, name: 'Jamal' });

    // Back online, the coordinator gets every notice about the three who stayed, and none about the five who left.
    kit.channel.reaches = undefined;
    await kit.app.outbox.drain();
    const notices = kit.channel.sentTo('coco').filter((m) => m.keys.includes('coordinator.newApplication'));
    expect(notices.map((m) => m.text.split('\n')[1])).toEqual([
      `Application from #${idOf('Olena')} Olena – new`,
      `Application from #${idOf('Amina')} Amina – new`,
      `Application from #${idOf('Jamal')} Jamal – new`,
    ]);
    for (const notice of notices) expect(notice.text).toContain('Work as an engineer again');
    expect(kit.rows("select count(*) as n from outbox where status != 'sent'")).toEqual([{ n: 0 }]);
    // Once "your data is deleted" was sent to them, nothing in the queue holds their address either.
    for (const id of erased) expect(kit.rows('select count(*) as n from outbox where participant_id = ?', id)).toEqual([{ n: 0 }]);
  });

  it('takes back a notice about the person that waits for an offline coordinator, and a list keeps its other names', async () => {
    const olena = kit.person('olena');
    for (const line of englishIntake('Olena')) await olena.say(line);
    const amina = kit.person('amina');
    for (const line of englishIntake('Amina')) await amina.say(line);
    await coco.say('/applications');
    expect(coco.lastText()).toContain(`#${idOf('Amina')} Amina`);
    const aminaId = idOf('Amina');
    const worry = 'Norwegian at work';
    kit.channel.reaches = (to) => to.user !== 'coco';
    await coco.say('/applications'); // the answer waits in the queue too
    const jamal = kit.person('jamal');
    for (const line of englishIntake('Jamal')) await jamal.say(line);
    const pending = () =>
      kit
        .rows<{ message: string }>("select message from outbox where status = 'pending'")
        .map((r) => r.message)
        .join('\n');
    expect(pending()).toContain(worry);

    await amina.say('/delete yes');
    await jamal.say('/delete yes');
    expect(pending()).not.toContain(worry);
    expect(pending()).not.toContain('Amina');
    expect(pending()).not.toContain('Jamal');

    kit.channel.reaches = undefined;
    await kit.app.outbox.drain();
    const list = kit.channel.sentTo('coco').at(-1);
    expect(list?.text).toContain(`#${idOf('Olena')} Olena`);
    expect(list?.text).toContain(`#${aminaId} …`);
    expect(list?.text).not.toContain('Amina');
    // The list's numbers still mean what they showed: Olena's is hers.
    await coco.say(String(idOf('Olena')));
    expect(coco.lastText()).toContain(`Application from #${idOf('Olena')} Olena – new`);
  });

  it("takes the name out of a partner's open conversation and leaves the partner's answers as they are", async () => {
    const pair = await activePair(kit, 'Yes', 'Kari');
    await pair.mentor.say(`/kickoff ${pair.pairId}`);
    expect(pair.mentor.lastText()).toContain('Welcome to mentoring with Yes!');
    await pair.mentor.say('1');
    const state = () => kit.rows<{ state: string }>('select state from flow_states where participant_id = ?', pair.mentorId)[0]?.state ?? '';
    const answersBefore = (JSON.parse(state()) as { form: { answers: unknown } }).form.answers;
    expect(state()).toContain('"Yes"');

    await pair.mentee.say('/delete yes');
    expect(state()).not.toContain('"Yes"');
    expect((JSON.parse(state()) as { form: { answers: unknown } }).form.answers).toEqual(answersBefore);
    await pair.mentor.say('/back');
    expect(pair.mentor.lastText()).toContain('Welcome to mentoring with …!');
  });

  it('leaves another person with the same name alone', async () => {
    kit.channel.reaches = (to) => to.user !== 'coco';
    const first = kit.person('amina-1');
    const second = kit.person('amina-2');
    for (const line of englishIntake('Amina')) await first.say(line);
    for (const line of englishIntake('Amina')) await second.say(line);
    const [firstId, secondId] = kit.rows<{ id: number }>("select id from participants where name = 'Amina' order by id").map((r) => r.id);
    await first.say('/delete yes');

    kit.channel.reaches = undefined;
    await kit.app.outbox.drain();
    const notices = kit.channel.sentTo('coco').filter((m) => m.keys.includes('coordinator.newApplication'));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain(`Application from #${secondId} Amina – new`);
    expect(notices[0]?.text).toContain('• Name: Amina');
    expect(notices[0]?.text).not.toContain(`#${firstId}`);
  });

  it("leaves nothing of the person in the database's files on disk while Kompis runs on", async () => {
    const mark = 'Wq8Zt';
    // The mark is in the chat id too: the address must go as well as the answers.
    const olena = kit.person(`chat-${mark}`);
    for (const line of englishIntake(`Olena${mark}`)) await olena.say(line === 'Norwegian at work' ? `Norwegian at work ${mark}` : line);
    const onDisk = () => [kit.dbPath, `${kit.dbPath}-wal`].filter((f) => existsSync(f)).some((f) => readFileSync(f).includes(mark));
    expect(onDisk()).toBe(true);

    await olena.say('/delete yes');
    expect(olena.lastText()).toContain('Your data is deleted.');
    expect(onDisk()).toBe(false);
    // Others go on as before.
    const amina = kit.person('amina');
    for (const line of englishIntake('Amina')) await amina.say(line);
    expect(amina.lastText()).toContain('Thank you! Your application is sent.');
  });

  it('keeps no text of a message it gave up on', async () => {
    kit.channel.failWith = (m) => (m.keys.includes('coordinator.newApplication') ? { ok: false, permanent: true, error: 'chat not found' } : undefined);
    const olena = kit.person('olena');
    for (const line of englishIntake('Olena')) await olena.say(line);
    const dead = kit.rows<{ message: string }>("select message from outbox where status = 'dead'");
    expect(dead).toHaveLength(1);
    expect(dead[0]?.message).not.toContain('Olena');
    expect(dead[0]?.message).not.toContain('engineer');
  });
});
