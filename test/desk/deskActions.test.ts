import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskClient, signInToDesk } from '../helpers/deskClient';
import { englishIntake, mentorRegistration } from '../helpers/intakeScript';
import { approveMentors, coordinator } from '../helpers/pairScript';
import { type Person, TestKit } from '../helpers/testKit';
import { until } from '../helpers/until';

/**
 * Every desk action against the same chat command: one person is handled in the chat, another on the
 * desk, and what is stored about each, and what each of them is told, is the same.
 */
describe('the desk and the chat act alike', () => {
  const kit = new TestKit();
  kit.http = true;
  let coco: Person;
  let desk: DeskClient;
  const people: Record<string, Person> = {};
  const id = (name: string) => kit.rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? Number.NaN;
  /** What a person was told last, with names and numbers taken out, so two people's messages compare. */
  const told = (name: string) => (people[name]?.lastText() ?? '').replace(/Amina|Beata|Maria|Mona/g, 'X').replace(/#?\d+/g, 'N');
  const application = (name: string) => kit.rows('select status, interest_asked_at from applications where participant_id = ?', id(name))[0];
  const pairOf = (mentee: string) =>
    kit.rows(
      'select status, mentee_decision, mentor_decision, proposed_by, paused_at, resumed_at, ends_on, end_reason, ended_from from pairs where mentee_id = ? order by id desc',
      id(mentee),
    )[0];
  const pairId = (mentee: string) => kit.rows<{ id: number }>('select id from pairs where mentee_id = ? order by id desc', id(mentee))[0]?.id ?? Number.NaN;
  /** The chat command for the first person, the desk's form for the second; waits until both heard. */
  async function both(chat: string, post: { path: string; form?: Record<string, string> }, hear: string[]): Promise<string | undefined> {
    const before = hear.map((name) => kit.channel.sentTo(name.toLowerCase()).length);
    await coco.say(chat);
    const answer = await desk.post(post.path, post.form);
    expect(answer.status).toBe(303);
    await until(() => hear.every((name, i) => kit.channel.sentTo(name.toLowerCase()).length > (before[i] ?? 0)), `messages to ${hear.join(', ')}`);
    return answer.location ?? undefined;
  }

  beforeAll(async () => {
    await kit.open();
    coco = await coordinator(kit);
    for (const name of ['Amina', 'Beata']) {
      people[name] = kit.person(name.toLowerCase());
      for (const line of englishIntake(name)) await people[name].say(line);
    }
    for (const name of ['Maria', 'Mona']) {
      people[name] = kit.person(name.toLowerCase());
      for (const line of mentorRegistration(name, 'Civil engineer', 'Woman')) await people[name].say(line);
    }
    await approveMentors(kit);
    desk = await signInToDesk(kit, coco);
  });
  afterAll(() => kit.close());

  it('invites, waitlists, declines and accepts an application as /invite, /waitlist, /decline and /accept do', async () => {
    for (const [command, status] of [
      ['invite', 'interview'],
      ['waitlist', 'waitlisted'],
      ['decline', 'declined'],
      ['accept', 'accepted'],
    ] as const) {
      await both(`/${command} ${id('Amina')}`, { path: `/desk/applications/${id('Beata')}/${command}` }, ['Amina', 'Beata']);
      expect(application('Beata')).toEqual(application('Amina'));
      expect(application('Beata')).toMatchObject({ status });
      expect(told('Beata')).toEqual(told('Amina'));
    }
    expect(kit.rows("select count(*) as n from threads where kind = 'interview' group by participant_id")).toEqual([{ n: 1 }, { n: 1 }]);
    const { html } = await desk.get(`/desk/applications/${id('Beata')}`);
    expect(html).toContain('accepted since');
  });

  it('proposes a mentor as /match does: the same pair stored, the same proposal to both members', async () => {
    await both(`/match ${id('Amina')} ${id('Maria')}`, { path: `/desk/applications/${id('Beata')}/propose`, form: { mentor: String(id('Mona')) } }, [
      'Amina',
      'Beata',
      'Maria',
      'Mona',
    ]);
    expect(pairOf('Beata')).toEqual(pairOf('Amina'));
    expect(pairOf('Beata')).toMatchObject({ status: 'proposed', proposed_by: kit.rows<{ id: number }>("select id from participants where role = 'coordinator'")[0]?.id });
    expect(told('Beata')).toEqual(told('Amina'));
    expect(told('Mona')).toEqual(told('Maria'));
    for (const name of ['Amina', 'Beata', 'Maria', 'Mona']) await people[name]?.press('Yes');
    expect(pairOf('Beata')).toMatchObject({ status: 'active' });
    const mentors = await desk.get('/desk/mentors');
    expect(mentors.html).toContain(`#${id('Mona')} Mona – Civil engineer – mentees: 1 of`);
    expect(mentors.html).toContain(`<a href="/desk/pairs/${pairId('Beata')}">Pair ${pairId('Beata')}</a>: #${id('Beata')} Beata – active`);
  });

  it('pauses, resumes, extends, ends and undoes the end of a pair as /pause, /resume, /extend and /end do, and only when confirmed', async () => {
    const unconfirmed = await desk.post(`/desk/pairs/${pairId('Beata')}/pause`);
    expect(unconfirmed.status).toBe(303);
    expect(pairOf('Beata')).toMatchObject({ status: 'active', paused_at: null });
    expect((await desk.get(`/desk/pairs/${pairId('Beata')}`)).html).toContain('Nothing was changed. Tick “Yes, I am sure” first.');

    const steps: [string, string, Record<string, string>][] = [
      ['pause', `/pause ${pairId('Amina')}`, {}],
      ['resume', `/resume ${pairId('Amina')}`, {}],
      ['extend', `/extend ${pairId('Amina')} 2`, { months: '2' }],
      ['end', `/end ${pairId('Amina')} jobFound share`, { reason: 'jobFound', tell: 'share' }],
      ['undo', `/end ${pairId('Amina')} undo`, {}],
      ['end', `/end ${pairId('Amina')} time quiet`, { reason: 'time', tell: 'quiet' }],
    ];
    for (const [action, chat, form] of steps) {
      kit.clock.advance(60 * 60 * 1000);
      await both(chat, { path: `/desk/pairs/${pairId('Beata')}/${action}`, form: { ...form, confirm: 'yes' } }, ['Amina', 'Beata', 'Maria', 'Mona']);
      expect([action, pairOf('Beata')]).toEqual([action, pairOf('Amina')]);
      expect(told('Beata')).toEqual(told('Amina'));
      expect(told('Mona')).toEqual(told('Maria'));
    }
    expect(pairOf('Beata')).toMatchObject({ status: 'ended', end_reason: 'time' });
  });

  it('shows the pair board and a pair page with its timeline, and writes each view of its members in the audit log', async () => {
    const seen = (action: string) => kit.rows<{ n: number }>('select count(*) as n from audit_log where action = ? and subject_id = ?', action, id('Beata'))[0]?.n ?? 0;
    const [listed, viewed] = [seen('listPairs'), seen('viewPair')];
    expect((await desk.get('/desk/pairs?show=all&sort=lastMeeting')).status).toBe(200);
    // Only running pairs are on the board; Beata's pair has ended.
    expect(seen('listPairs')).toBe(listed);
    const page = await desk.get(`/desk/pairs/${pairId('Beata')}`);
    expect(page.html).toContain('both said yes');
    expect(seen('viewPair')).toBe(viewed + 1);
  });
});
