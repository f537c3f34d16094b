import { afterEach, describe, expect, it } from 'vitest';
import type { Tx } from '../db/client';
import { confirmBroadcast, draftBroadcast } from '../src/broadcasts/broadcasts';
import { englishIntake, mentorRegistration, NORWEGIAN_INTAKE } from './helpers/intakeScript';
import { coordinator } from './helpers/pairScript';
import { demoProgramme, type Person, programmeWith, TestKit } from './helpers/testKit';

const NEWS_EN = 'The gathering is on Friday at 18. Welcome!';
const NEWS_NB = 'Samlingen er fredag klokka 18. Velkommen!';
const NEWS_AR = 'اللقاء يوم الجمعة الساعة 18. أهلًا وسهلًا!';

/** Waiting applicants in three languages, one who cannot be reached, one who asked for no news, and a mentor. */
async function programmeWithPeople(kit: TestKit) {
  const coco = await coordinator(kit);
  await coco.say('/myname Coco Larsen');
  const olena = await applicant(kit, 'olena', englishIntake('Olena'));
  const kari = await applicant(
    kit,
    'kari',
    NORWEGIAN_INTAKE.map((line) => (line === 'Olena' ? 'Kari' : line)),
  );
  const amina = await applicant(kit, 'amina', englishIntake('Amina'));
  await amina.say('/language');
  await amina.press('العربية');
  const ben = await applicant(kit, 'ben', englishIntake('Ben'));
  // Ben blocked the bot: the next message to him is refused for good, and he is marked unreachable.
  kit.channel.failWith = () => ({ ok: false, permanent: true, unreachable: true, error: 'blocked' });
  await ben.say('/status');
  kit.channel.failWith = undefined;
  const dina = await applicant(kit, 'dina', englishIntake('Dina'));
  await dina.say('/privacy');
  await dina.press('No programme news');
  const maria = await applicant(kit, 'maria', mentorRegistration('Maria', 'Civil engineer', 'Woman'));
  return { coco, olena, kari, amina, ben, dina, maria };
}

async function applicant(kit: TestKit, user: string, lines: string[]): Promise<Person> {
  const person = kit.person(user);
  for (const line of lines) await person.say(line);
  return person;
}

/** What `people` were sent from now on, counted when `read` is called. */
function watch(kit: TestKit, people: Record<string, Person>) {
  const before = new Map(Object.keys(people).map((user) => [user, kit.channel.sentTo(user).length]));
  return () =>
    Object.fromEntries(
      Object.keys(people).map((user) => [
        user,
        kit.channel
          .sentTo(user)
          .slice(before.get(user) ?? 0)
          .map((m) => m.text),
      ]),
    );
}

describe('broadcasts: a coordinator writes to a segment of the programme', () => {
  let kit: TestKit;
  afterEach(() => kit.close());

  it('reaches each waiting applicant once in their language, passes over the unreachable and the opted-out, and sends nothing more when confirmed again', async () => {
    kit = await new TestKit(programmeWith({ languages: ['en', 'nb', 'ar'] })).open();
    const people = await programmeWithPeople(kit);
    const { coco } = people;
    const sent = watch(kit, people);

    const [draft] = await coco.say(`/broadcast waiting: ${NEWS_EN}`);
    expect(draft?.text).toContain('People who get it: 3.');
    expect(draft?.text).toContain('Not sent to: 1 we cannot reach, 1 who asked for no programme news.');
    // Without their own text, the Norwegian and Arabic readers get the English one, in their own frame.
    expect(draft?.text).toContain('There is no text in this language, so they get the text in English.');
    expect(draft?.text).toContain(`Nytt fra programmet, fra Coco, koordinatoren din: «${NEWS_EN}»`);
    await coco.say(`/broadcast 1 nb: ${NEWS_NB}`);
    const [preview] = await coco.say(`/broadcast 1 ar: ${NEWS_AR}`);
    expect(preview?.text).toContain(`Programme news from Coco, your coordinator: “${NEWS_EN}”`);
    expect(preview?.text).toContain(`Nytt fra programmet, fra Coco, koordinatoren din: «${NEWS_NB}»`);
    expect(preview?.text).toContain(NEWS_AR);
    expect(preview?.text).not.toContain('There is no text in this language');
    expect(preview?.choices.map((c) => c.label)).toEqual(['Send now (3)', 'Cancel']);
    // Nothing goes out before the coordinator confirms.
    expect(Object.entries(sent()).flatMap(([user, texts]) => (user === 'coco' ? [] : texts))).toEqual([]);

    const [done] = await coco.press('Send now (3)');
    expect(done?.text).toContain('Broadcast 1 is on its way. People who get it: 3.');
    const got = sent();
    expect(got.olena).toEqual([`Programme news from Coco, your coordinator: “${NEWS_EN}”\nYou do not want programme news? Write /privacy.`]);
    expect(got.kari).toEqual([`Nytt fra programmet, fra Coco, koordinatoren din: «${NEWS_NB}»\nVil du ikke ha nyheter fra programmet? Skriv /privacy.`]);
    expect(got.amina).toHaveLength(1);
    expect(got.amina?.[0]).toContain(NEWS_AR);
    expect(got.amina?.[0]).toContain('أخبار البرنامج من');
    expect(got.ben).toEqual([]);
    expect(got.dina).toEqual([]);
    expect(got.maria).toEqual([]);
    expect(kit.rows('select segment, status, recipients, skipped_unreachable, skipped_no_news from broadcasts')).toEqual([
      { segment: 'waiting', status: 'sent', recipients: 3, skipped_unreachable: 1, skipped_no_news: 1 },
    ]);

    // A double tap, a typed confirmation and the next days send nothing more.
    await coco.send({ kind: 'choice', value: '/broadcast 1 send' });
    const [again] = await coco.say('/broadcast 1 send');
    expect(again?.text).toBe('Broadcast 1 was sent before. Nothing more is sent.');
    await kit.days(2);
    expect(sent().olena).toHaveLength(1);
    expect(sent().kari).toHaveLength(1);
    expect(sent().amina).toHaveLength(1);
    expect(kit.rows("select count(*) as n from outbox where dedupe_key like 'broadcast:%'")).toEqual([{ n: 3 }]);
  });

  it('lets a person turn programme news off and on again in /privacy, while their own messages still come', async () => {
    kit = await new TestKit().open();
    const coco = await coordinator(kit);
    const olena = await applicant(kit, 'olena', englishIntake('Olena'));
    const [privacy] = await olena.say('/privacy');
    expect(privacy?.text).toContain('Programme news: yes.');
    const [off] = await olena.press('No programme news');
    expect(off?.text).toContain('Programme news: no. Messages about your own application, pair and surveys still come.');
    const [nobody] = await coco.say('/broadcast everyone: First news');
    expect(nobody?.text).toContain('Not sent to: 0 we cannot reach, 1 who asked for no programme news.');
    expect(nobody?.text).toContain('Nobody in this group can get it now, so nothing is sent.');
    expect(nobody?.choices).toEqual([]);
    // Her own application still reaches her.
    const before = kit.channel.sentTo('olena').length;
    await coco.say('/accept 2');
    expect(kit.channel.sentTo('olena').slice(before)).toHaveLength(1);

    await olena.say('/privacy');
    await olena.press('Yes to programme news');
    await coco.say('/broadcast everyone: Second news');
    await coco.press('Send now (1)');
    expect(olena.lastText()).toContain('“Second news”');
  });

  it('sends each message once when Kompis restarts between the confirmation and the sending, or in the middle of it', async () => {
    kit = await new TestKit(programmeWith({ languages: ['en', 'nb', 'ar'] })).open();
    const { coco } = await programmeWithPeople(kit);
    const confirmWithoutSending = (id: number) => kit.app.engine.handle(kit.channel.inbound('coco', { kind: 'text', text: `/broadcast ${id} send` }));

    // The confirmation is stored, and nothing is sent yet, when the process stops.
    await coco.say('/broadcast waiting: First news');
    await confirmWithoutSending(1);
    expect(kit.rows("select count(*) as n from outbox where dedupe_key like 'broadcast:1:%' and status = 'pending'")).toEqual([{ n: 3 }]);
    await kit.reopen();
    expect(['olena', 'kari', 'amina'].map((user) => received(kit, user, 'First news'))).toEqual([1, 1, 1]);

    // The process stops in the middle of sending: the Arabic reader's platform had timed out.
    await kit.person('coco').say('/broadcast waiting: Second news');
    await confirmWithoutSending(2);
    kit.channel.failWith = (m) => (m.language === 'ar' ? { ok: false, permanent: false, error: 'timeout' } : undefined);
    await kit.app.outbox.drain();
    expect(['olena', 'kari', 'amina'].map((user) => received(kit, user, 'Second news'))).toEqual([1, 1, 0]);
    await kit.reopen();
    kit.clock.advance(60_000);
    await kit.tick();
    await kit.person('coco').say('/broadcast 1 send');
    await kit.person('coco').say('/broadcast 2 send');
    await kit.tick();
    expect(['olena', 'kari', 'amina'].map((user) => received(kit, user, 'First news'))).toEqual([0, 0, 0]);
    expect(['olena', 'kari', 'amina'].map((user) => received(kit, user, 'Second news'))).toEqual([0, 0, 1]);
    expect(kit.rows("select status, count(*) as n from outbox where dedupe_key like 'broadcast:%' group by status")).toEqual([{ status: 'sent', n: 6 }]);
  });

  it('keeps the quiet hours: confirmed late in the evening, it goes out at the send hour', async () => {
    kit = await new TestKit().open();
    const coco = await coordinator(kit);
    const olena = await applicant(kit, 'olena', englishIntake('Olena'));
    kit.clock.advance(12 * 60 * 60 * 1000); // 22:00 in Oslo
    await coco.say('/broadcast waiting: Evening news');
    const [done] = await coco.press('Send now (1)');
    expect(done?.text).toContain('It is evening or night now, so it goes out at 10:00.');
    await kit.tick();
    expect(olena.lastText()).not.toContain('Evening news');
    kit.clock.advance(12 * 60 * 60 * 1000); // 10:00 the next day
    await kit.app.outbox.drain();
    expect(olena.lastText()).toContain('“Evening news”');
  });

  it('lets nobody but a coordinator broadcast, not even with a button from a coordinator’s chat', async () => {
    kit = await new TestKit().open();
    const coco = await coordinator(kit);
    const olena = await applicant(kit, 'olena', englishIntake('Olena'));
    const [refused] = await olena.say('/broadcast waiting: Free pizza');
    expect(refused?.text).toBe('Only coordinators can use this command. Write /help to see what you can do.');
    expect(kit.rows('select * from broadcasts')).toEqual([]);

    await coco.say('/broadcast waiting: From the coordinator');
    const before = kit.channel.sentTo('olena').length;
    // The Send button's value, pressed from an applicant's chat, and a forged variant of it.
    const [copied] = await olena.send({ kind: 'choice', value: '/broadcast 1 send' });
    expect(copied?.text).toBe('Only coordinators can use this command. Write /help to see what you can do.');
    const [forged] = await olena.send({ kind: 'choice', value: '/broadcast 1 send now' });
    expect(forged?.text).toBe('That button is from an earlier question. Please answer this question.');
    expect(kit.rows('select status from broadcasts')).toEqual([{ status: 'draft' }]);
    expect(
      kit.channel
        .sentTo('olena')
        .slice(before)
        .some((m) => m.text.includes('From the coordinator')),
    ).toBe(false);

    // The domain functions the desk calls check it too.
    const olenaId = kit.rows<{ id: number }>("select id from participants where name = 'Olena'")[0]?.id ?? 0;
    const scope = (tx: Tx) => ({ tx, programme: demoProgramme(), actorId: olenaId, now: kit.clock.now() });
    kit.app.store.db.transaction((tx) => {
      expect(draftBroadcast(scope(tx), { segment: { kind: 'everyone' }, language: 'en', text: 'x' })).toBe('notCoordinator');
      expect(confirmBroadcast(scope(tx), 1)).toEqual({ kind: 'problem', problem: 'notCoordinator' });
    });
    expect(kit.rows('select status from broadcasts')).toEqual([{ status: 'draft' }]);
  });
});

/** How many messages with `words` the current channel (since the last start) sent to `user`. */
function received(kit: TestKit, user: string, words: string): number {
  return kit.channel.sentTo(user).filter((m) => m.text.includes(words)).length;
}
