import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskClient, signInToDesk } from '../helpers/deskClient';
import { englishIntake, mentorRegistration } from '../helpers/intakeScript';
import { coordinator } from '../helpers/pairScript';
import { type Person, TestKit } from '../helpers/testKit';
import { until } from '../helpers/until';

/**
 * The desk's views of mentor screening and broadcasts, each action against the same chat command:
 * one is done in the chat and one on the desk, and what is stored, and what people are told, is the same.
 */
describe('the desk screens mentors and writes broadcasts as the chat does', () => {
  const kit = new TestKit();
  kit.http = true;
  let coco: Person;
  let desk: DeskClient;
  const people: Record<string, Person> = {};
  const id = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? Number.NaN;
  /** What a person was told last, with names and numbers taken out, so two people's messages compare. */
  const told = (name: string) => (people[name]?.lastText() ?? '').replace(/Maria|Mona|Nora|Rita|Olga|Pia|Amina|Beata/g, 'X').replace(/#?\d+/g, 'N');
  const screening = (name: string) => kit.rows<{ screening: string }>('select screening from mentors where participant_id = ?', id(name))[0]?.screening;
  const broadcast = (bid: number) => kit.rows('select segment, language, texts, status, recipients, skipped_unreachable, skipped_no_news from broadcasts where id = ?', bid)[0];
  const queued = (bid: number) =>
    kit.rows<{ participant_id: number }>('select participant_id from outbox where dedupe_key like ? order by participant_id', `broadcast:${bid}:%`).map((r) => r.participant_id);

  async function heard(names: string[], run: () => Promise<unknown>): Promise<void> {
    const before = names.map((name) => kit.channel.sentTo(name.toLowerCase()).length);
    await run();
    await until(() => names.every((name, i) => kit.channel.sentTo(name.toLowerCase()).length > (before[i] ?? 0)), `messages to ${names.join(', ')}`);
  }

  beforeAll(async () => {
    await kit.open();
    coco = await coordinator(kit);
    for (const name of ['Amina', 'Beata']) {
      people[name] = kit.person(name.toLowerCase());
      for (const line of englishIntake(name)) await people[name].say(line);
    }
    for (const name of ['Maria', 'Mona', 'Nora', 'Rita', 'Olga', 'Pia']) {
      people[name] = kit.person(name.toLowerCase());
      for (const line of mentorRegistration(name, 'Civil engineer', 'Woman')) await people[name].say(line);
    }
    desk = await signInToDesk(kit, coco);
  });
  afterAll(() => kit.close());

  it('shows each mentor’s screening and approves, asks for a talk and declines as /mentor M approve|talk|decline do', async () => {
    // Without application rounds, no round filter.
    expect((await desk.get('/desk/applications')).html).not.toContain('name="round"');
    const page = await desk.get('/desk/mentors');
    expect(page.html).toContain('Mentors waiting for a decision (6)');
    expect(page.html).toContain(`action="/desk/mentors/${id('Mona')}/approve"`);
    for (const [decision, chatMentor, deskMentor, stored] of [
      ['approve', 'Maria', 'Mona', 'approved'],
      ['talk', 'Nora', 'Rita', 'talk'],
      ['decline', 'Olga', 'Pia', 'declined'],
    ] as const) {
      await heard([chatMentor, deskMentor], async () => {
        await coco.say(`/mentor ${id(chatMentor)} ${decision}`);
        expect((await desk.post(`/desk/mentors/${id(deskMentor)}/${decision}`)).status).toBe(303);
      });
      expect([decision, screening(deskMentor)]).toEqual([decision, stored]);
      expect(screening(chatMentor)).toBe(stored);
      expect(told(deskMentor)).toEqual(told(chatMentor));
    }
    expect(kit.rows("select count(*) as n from threads where kind = 'interview' group by participant_id")).toEqual([{ n: 1 }, { n: 1 }]);
    const after = await desk.get('/desk/mentors');
    expect(after.html).toContain('Mentors waiting for a decision (2)');
    expect(after.html).toContain('approved');
  });

  it('drafts, adds a language, previews and sends a broadcast as /broadcast does, and lists it with its counts', async () => {
    // The groups are offered in the coordinator's words, each sending the chat's group name.
    const page = await desk.get('/desk/broadcasts');
    expect(page.html).toContain('<option value="waiting">Applicants who wait</option>');
    expect(page.html).toContain('<option value="mentors free">Mentors without a mentee now</option>');
    expect(page.html).toMatch(/<option value="language nb">Language: Norwegian/);
    await coco.say('/broadcast waiting en: Welcome to the spring meeting');
    const made = await desk.post('/desk/broadcasts/new', { segment: 'waiting', language: 'en', text: 'Welcome to the spring meeting' });
    expect(made.location).toBe('/desk/broadcasts/2');
    expect(broadcast(2)).toEqual(broadcast(1));

    await coco.say('/broadcast 1 nb: Velkommen til vårmøtet');
    await desk.post('/desk/broadcasts/2/text', { language: 'nb', text: 'Velkommen til vårmøtet' });
    expect(broadcast(2)).toEqual(broadcast(1));
    const preview = await desk.get('/desk/broadcasts/2');
    expect(preview.html).toContain('People who get it: 2.');
    expect(preview.html).toContain('Welcome to the spring meeting');

    // Not sent before "Yes, I am sure".
    await desk.post('/desk/broadcasts/2/send');
    expect(broadcast(2)).toMatchObject({ status: 'draft' });
    expect(queued(2)).toEqual([]);

    await coco.say('/broadcast 1 send');
    await desk.post('/desk/broadcasts/2/send', { confirm: 'yes' });
    expect(broadcast(2)).toEqual(broadcast(1));
    expect(broadcast(2)).toMatchObject({ status: 'sent', recipients: 2 });
    expect(queued(2)).toEqual(queued(1));
    expect(queued(2)).toEqual([id('Amina'), id('Beata')].sort((a, b) => a - b));
    await kit.tick();
    expect(kit.channel.sentTo('amina').filter((m) => m.text.includes('Welcome to the spring meeting'))).toHaveLength(2);

    // A second confirmation sends nothing more.
    await desk.post('/desk/broadcasts/2/send', { confirm: 'yes' });
    expect(queued(2)).toHaveLength(2);
    const list = await desk.get('/desk/broadcasts');
    expect(list.html).toContain('Broadcast 2 to the group “waiting”: sent on');
    expect(list.html).toContain('People who got it: 2.');
    expect(list.html).toContain('Not sent to: 0 we cannot reach, 0 who asked for no programme news.');
  });

  it('plans, moves, changes the place, records who came and cancels a gathering as /gathering does, with its counts', async () => {
    const gathering = (gid: number) =>
      kit.rows('select kind, title, description, starts_at, ends_at, place, audience, capacity, show_count, status from gatherings where id = ?', gid)[0];
    const invites = (gid: number) => kit.rows('select participant_id, answer, came_by from gathering_invites where gathering_id = ? order by participant_id', gid);
    await heard(['Amina', 'Beata'], async () => {
      await coco.say('/gathering new network 2026-11-20 18:00-20:00 | Autumn meetup | Library, Main street 1 | waiting | 30 count | Bring a friend');
      await desk.post('/desk/gatherings/new', {
        kind: 'network',
        day: '2026-11-20',
        from: '18:00',
        to: '20:00',
        title: 'Autumn meetup',
        place: 'Library, Main street 1',
        who: 'waiting',
        places: '30',
        showCount: 'yes',
        description: 'Bring a friend',
      });
    });
    expect(gathering(2)).toEqual(gathering(1));
    expect(gathering(2)).toMatchObject({ capacity: 30, show_count: 1, status: 'planned' });
    expect(invites(2)).toEqual(invites(1));
    expect(invites(2)).toHaveLength(2);

    for (const g of [1, 2]) {
      await people.Amina?.say(`/rsvp ${g} yes`);
      await people.Beata?.say(`/rsvp ${g} maybe`);
    }
    const list = await desk.get('/desk/gatherings');
    expect(list.html).toContain('#2 “Autumn meetup”');
    expect(list.html).toContain('yes 1, waiting 0, came 0');

    await heard(['Amina', 'Beata'], async () => {
      await coco.say('/gathering 1 move 2026-11-21 17:00-19:00');
      await desk.post('/desk/gatherings/2/move', { day: '2026-11-21', from: '17:00', to: '19:00' });
    });
    await heard(['Amina', 'Beata'], async () => {
      await coco.say('/gathering 1 place Town hall, room 2');
      await desk.post('/desk/gatherings/2/place', { place: 'Town hall, room 2' });
    });
    expect(gathering(2)).toEqual(gathering(1));
    expect(gathering(2)).toMatchObject({ place: 'Town hall, room 2' });

    await coco.say(`/gathering 1 came ${id('Amina')}`);
    await desk.post('/desk/gatherings/2/came', { person: String(id('Amina')) });
    expect(invites(2)).toEqual(invites(1));
    const page = await desk.get('/desk/gatherings/2');
    expect(page.html).toContain('Invited 2, yes 1, maybe 1, no 0, waiting 0, came 1');
    // Beata, who said maybe, can still be marked as came.
    expect(page.html).toContain(`action="/desk/gatherings/2/came"`);
    expect(page.html).toContain('Came: #');

    await desk.post('/desk/gatherings/2/cancel');
    expect(gathering(2)).toMatchObject({ status: 'planned' });
    await heard(['Amina', 'Beata'], async () => {
      await coco.say('/gathering 1 cancel');
      await desk.post('/desk/gatherings/2/cancel', { confirm: 'yes' });
    });
    expect(gathering(2)).toEqual(gathering(1));
    expect(gathering(2)).toMatchObject({ status: 'cancelled' });
    expect(told('Beata')).toEqual(told('Amina'));
  });

  it('refuses a group it does not know, kindly, and keeps nothing', async () => {
    await desk.post('/desk/broadcasts/new', { segment: 'everybody <b>', language: 'en', text: 'Hi' });
    expect(kit.rows('select count(*) as n from broadcasts')).toEqual([{ n: 2 }]);
    expect((await desk.get('/desk/broadcasts')).html).toContain('Nothing was saved. Choose a group first.');
  });
});
