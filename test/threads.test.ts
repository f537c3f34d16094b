import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/cli/app';
import type { InboundContent, RenderedMessage } from '../src/channels/channel';
import { silentLogger } from '../src/runtime/logger';
import { FakeChannel } from './helpers/fakeChannel';
import { englishIntake, mentorRegistration } from './helpers/intakeScript';
import { demoProgramme, FakeClock } from './helpers/testKit';

const HOUR_MS = 60 * 60 * 1000;

/** One person on one fake channel: say something, press a button, read what came back. */
class Chat {
  constructor(
    private readonly channel: FakeChannel,
    readonly user: string,
  ) {}

  say(text: string): Promise<RenderedMessage[]> {
    return this.send({ kind: 'text', text });
  }

  press(label: string): Promise<RenderedMessage[]> {
    const choice = this.last().choices.find((c) => c.label === label);
    if (!choice) throw new Error(`no button "${label}" in: ${this.last().text}`);
    return this.send({ kind: 'choice', value: choice.value });
  }

  async send(content: InboundContent): Promise<RenderedMessage[]> {
    const before = this.all().length;
    await this.channel.deliver(this.channel.inbound(this.user, content));
    return this.all().slice(before);
  }

  all(): RenderedMessage[] {
    return this.channel.sentTo(this.user);
  }

  last(): RenderedMessage {
    const last = this.all().at(-1);
    if (!last) throw new Error(`nothing was sent to ${this.user}`);
    return last;
  }
}

/**
 * The coordinators on the console, the participants on WhatsApp: a coordinator's reply must reach
 * the participant on their own channel, and neither side sees the other's account.
 */
describe('the coordinator line', () => {
  let dir: string;
  let app: App;
  let clock: FakeClock;
  let console_: FakeChannel;
  let whatsapp: FakeChannel;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kompis-threads-'));
    clock = new FakeClock();
    console_ = new FakeChannel('console');
    whatsapp = new FakeChannel('whatsapp', { maxButtons: 10, maxButtonLabel: 64, maxText: 4096, canInitiate: true, documents: true });
    app = createApp({ databasePath: join(dir, 'kompis.db'), programme: demoProgramme(), adapters: [console_, whatsapp], clock, logger: silentLogger });
    await app.start();
  });
  afterEach(async () => {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const rows = <T = Record<string, unknown>>(query: string, ...params: unknown[]) => app.store.sqlite.prepare(query).all(...params) as T[];
  const idOf = (name: string) => rows<{ id: number }>('select id from participants where name = ?', name)[0]?.id ?? Number.NaN;
  const threadId = () => rows<{ id: number }>('select id from threads order by id desc limit 1')[0]?.id ?? Number.NaN;

  async function coordinators(): Promise<[Chat, Chat]> {
    const kari = new Chat(console_, 'kari-coordinator-account');
    const lars = new Chat(console_, 'lars-coordinator-account');
    await kari.say('/coordinator demo-coordinators');
    await kari.say('/myname Kari Nordmann');
    await lars.say('/coordinator demo-coordinators');
    return [kari, lars];
  }

  async function applicant(name: string): Promise<Chat> {
    const person = new Chat(whatsapp, `47900${name.toLowerCase()}`);
    for (const line of englishIntake(name)) await person.say(line);
    return person;
  }

  it('carries a message to every coordinator, one takes it, the reply reaches the participant on their channel, and the thread closes', async () => {
    const [kari, lars] = await coordinators();
    const amina = await applicant('Amina');
    const aminaId = idOf('Amina');

    await amina.say('/contact');
    expect(amina.last().text).toContain('Kompis gives no advice about law, health or residence permits');
    expect(amina.last().text).toContain('/done');
    await amina.say('I need help with my residence permit');
    expect(amina.last().text).toContain('Your message went to the coordinators');

    // Both coordinators get it, with who wrote and the buttons to act.
    for (const coordinator of [kari, lars]) {
      const got = coordinator.last();
      expect(got.text).toContain(`New message to the coordinators (conversation ${threadId()})`);
      expect(got.text).toContain(`From #${aminaId} Amina – an applicant, writes in English`);
      expect(got.text).toContain('“I need help with my residence permit”');
      expect(got.choices.map((c) => c.label)).toEqual(['Reply', 'I take it', 'Close']);
    }
    expect(rows("select actor_id, subject_id from audit_log where action = 'threadSent' order by actor_id")).toEqual([
      { actor_id: idOf('Kari Nordmann'), subject_id: aminaId },
      { actor_id: rows<{ id: number }>("select id from participants where role = 'coordinator' and name is null")[0]?.id, subject_id: aminaId },
    ]);

    await kari.press('I take it');
    expect(kari.last().text).toContain(`You have taken conversation ${threadId()} with #${aminaId} Amina.`);
    expect(lars.last().text).toContain(`Kari has taken conversation ${threadId()} with #${aminaId} Amina.`);

    await kari.press('Reply');
    expect(kari.last().text).toContain('never your account or number');
    // A typed "1" is a message while Kari writes in the thread, not a number from a list.
    await kari.say('1. Can you come to our office on Tuesday at 10?');
    expect(kari.last().text).toContain(`Sent to #${aminaId} Amina`);
    const reply = amina.last();
    expect(reply.text).toContain('Message from Kari, your coordinator: “1. Can you come to our office on Tuesday at 10?”');
    expect(whatsapp.sent.at(-1)?.message).toBe(reply);
    expect(console_.sentTo(amina.user)).toEqual([]);
    for (const message of amina.all()) expect(message.text).not.toMatch(/coordinator-account|Nordmann/);
    await kari.say('/done');
    expect(kari.last().text).toContain('You have stopped writing to');

    // Amina answers by writing as usual; a command stays a command.
    await amina.say('/status');
    expect(amina.last().keys).toContain('status.submitted');
    await amina.say('Yes, Tuesday is good');
    expect(amina.last().text).toContain('Sent to the coordinators');
    expect(kari.last().text).toContain('“Yes, Tuesday is good”');
    // Only the coordinator who took it hears the rest.
    expect(lars.last().text).not.toContain('Tuesday is good');

    await kari.say(`/thread ${threadId()}`);
    expect(kari.last().text).toContain('Amina: “I need help with my residence permit”');
    expect(kari.last().text).toContain('Kari (coordinator): “1. Can you come to our office on Tuesday at 10?”');
    expect(rows("select count(*) as n from audit_log where action = 'viewThread'")).toEqual([{ n: 1 }]);

    await kari.press('Close');
    expect(kari.last().text).toContain(`Conversation ${threadId()} is closed.`);
    expect(amina.last().text).toContain('Your conversation with the coordinator is closed.');
    await amina.say('hello?');
    expect(amina.last().keys).not.toContain('threads.sentMore');
    expect(rows('select count(*) as n from thread_messages')).toEqual([{ n: 3 }]);
  });

  it('reminds the coordinators once when a message waits unanswered, and lists it in /threads', async () => {
    const [kari, lars] = await coordinators();
    const amina = await applicant('Amina');
    await amina.say('/contact I have a question about the programme');
    expect(amina.last().text).toContain('Your message went to the coordinators');

    await kari.say('/threads');
    expect(kari.last().text).toContain(`${threadId()}. #${idOf('Amina')} Amina – waits for an answer since`);

    const reminders = (c: Chat) => c.all().filter((m) => m.keys.includes('threads.reminder'));
    clock.advance(23 * HOUR_MS);
    app.scheduler.runDue();
    await app.outbox.drain();
    expect(reminders(kari)).toEqual([]);
    clock.advance(2 * HOUR_MS);
    app.scheduler.runDue();
    app.scheduler.runDue();
    await app.outbox.drain();
    for (const coordinator of [kari, lars]) {
      expect(reminders(coordinator).map((m) => m.text)).toEqual([`A reminder: #${idOf('Amina')} Amina wrote in conversation ${threadId()} and has no answer yet.`]);
    }
    clock.advance(24 * HOUR_MS);
    app.scheduler.runDue();
    await app.outbox.drain();
    expect(reminders(kari)).toHaveLength(1);

    // Answered: no more reminders, and /threads says so.
    await kari.say(`/reply ${threadId()} We will call you tomorrow.`);
    await kari.say('/threads');
    expect(kari.last().text).toContain('– answered');
    clock.advance(48 * HOUR_MS);
    app.scheduler.runDue();
    await app.outbox.drain();
    expect(reminders(kari)).toHaveLength(1);
  });

  it('lets nobody but a coordinator read or answer a thread, not even with a forged button', async () => {
    const [kari] = await coordinators();
    const amina = await applicant('Amina');
    const jamal = await applicant('Jamal');
    await amina.say('/contact My private worry');
    const id = threadId();

    for (const command of [`/thread ${id}`, `/reply ${id} hello Amina`, `/take ${id}`, `/close ${id}`, '/threads']) {
      await jamal.say(command);
      expect(jamal.last().text, command).toBe('Only coordinators can use this command. Write /help to see what you can do.');
      await jamal.send({ kind: 'choice', value: command });
      expect(jamal.last().text, command).not.toContain('My private worry');
    }
    // A button Kompis never wrote is refused before anything is looked up.
    await jamal.send({ kind: 'choice', value: `/reply ${id} hello` });
    expect(jamal.last().keys).toEqual(['errors.oldButton']);
    for (const message of jamal.all()) expect(message.text).not.toContain('My private worry');
    // Somebody who has not agreed to what is kept is sent to the programme's contact, and nothing is kept.
    const stranger = new Chat(whatsapp, '4799999999');
    await stranger.say('/contact Hello, who are you?');
    expect(stranger.last().text).toContain('first write /start');
    expect(rows('select count(*) as n from threads')).toEqual([{ n: 1 }]);
    // Jamal's own /contact starts his own thread: nothing of Amina's reaches him.
    await jamal.say('/contact');
    await jamal.say('Hello');
    expect(rows<{ participant_id: number }>('select participant_id from threads order by id').map((r) => r.participant_id)).toEqual([idOf('Amina'), idOf('Jamal')]);
    expect(rows('select count(*) as n from thread_messages where thread_id = ?', id)).toEqual([{ n: 1 }]);
    expect(rows("select count(*) as n from audit_log where action = 'viewThread'")).toEqual([{ n: 0 }]);
    expect(kari.all().some((m) => m.text.includes('“Hello”'))).toBe(true);
  });

  it('sends the interview invitation in a thread, so the applicant can ask to move it', async () => {
    const [kari] = await coordinators();
    const amina = await applicant('Amina');
    const aminaId = idOf('Amina');
    await kari.say(`/invite ${aminaId} Tuesday 12 November at 14:00, Storgata 1, second floor`);
    expect(kari.all().at(-1)?.text).toContain(`/invite ${aminaId} TEXT`);
    const invitation = amina.last().text;
    expect(invitation).toContain('Message from Kari, your coordinator: “Tuesday 12 November at 14:00, Storgata 1, second floor”');
    expect(invitation).toContain('ask for another time');
    expect(rows('select status from applications')).toEqual([{ status: 'interview' }]);

    await amina.say('Can we move it to Wednesday?');
    expect(kari.last().text).toContain(`New message in conversation ${threadId()}`);
    expect(kari.last().text).toContain('“Can we move it to Wednesday?”');
    await amina.say('/done');
    expect(amina.last().text).toContain('You have left the conversation with the coordinators.');
    await amina.say('Thanks');
    expect(rows('select count(*) as n from thread_messages')).toEqual([{ n: 2 }]);
  });

  it('lets a question with choices that comes later take the typed answer, not the thread', async () => {
    const [kari] = await coordinators();
    const amina = await applicant('Amina');
    const aminaId = idOf('Amina');
    await kari.say(`/invite ${aminaId}`);
    expect(amina.last().text).toContain('ask for another time');
    await amina.say('Which floor is it?');
    expect(kari.last().text).toContain('“Which floor is it?”');

    const ola = new Chat(console_, 'ola');
    for (const line of mentorRegistration('Ola', 'Civil engineer', 'Man')) await ola.say(line);
    await kari.say(`/mentor ${idOf('Ola')} approve`);
    await kari.say(`/accept ${aminaId}`);
    await kari.say(`/match ${aminaId} ${idOf('Ola')}`);
    // On WhatsApp the choices come as a numbered list: Amina types her answer.
    await amina.say('Yes');
    expect(rows('select mentee_decision from pairs')).toEqual([{ mentee_decision: 'accepted' }]);
    expect(rows('select count(*) as n from thread_messages')).toEqual([{ n: 1 }]);
  });

  it("offers Reply on an alert about a person, opening that person's thread", async () => {
    const [kari] = await coordinators();
    const amina = await applicant('Amina');
    const aminaId = idOf('Amina');
    await kari.say(`/accept ${aminaId}`);
    clock.advance(43 * 24 * HOUR_MS);
    app.scheduler.runDue();
    await app.outbox.drain();
    const alert = kari.all().find((m) => m.keys.includes('alerts.kind.waitingForMatch'));
    expect(alert?.choices.map((c) => c.label)).toContain('Reply');
    await kari.send({ kind: 'choice', value: alert?.choices.find((c) => c.label === 'Reply')?.value ?? '' });
    expect(kari.last().text).toContain(`Write your message to #${aminaId} Amina`);
    await kari.say('We are still looking for a mentor for you.');
    expect(amina.last().text).toContain('Message from Kari, your coordinator: “We are still looking for a mentor for you.”');
    await amina.say('Thank you!');
    expect(kari.last().text).toContain('“Thank you!”');
  });

  it('gives the thread in /mydata and erases it with /delete', async () => {
    const [kari] = await coordinators();
    const amina = await applicant('Amina');
    await amina.say('/contact Something only the coordinator should know');
    await kari.say(`/reply ${threadId()} Thank you for telling me.`);
    await amina.say('/mydata');
    const file = amina.all().find((m) => m.document)?.document?.content ?? '';
    expect(JSON.parse(file).conversationsWithCoordinators).toEqual([
      expect.objectContaining({
        status: 'open',
        messages: [
          expect.objectContaining({ from: 'you', text: 'Something only the coordinator should know' }),
          expect.objectContaining({ from: 'coordinator', text: 'Thank you for telling me.' }),
        ],
      }),
    ]);
    await amina.say('/delete yes');
    for (const table of ['threads', 'thread_messages', 'thread_writers']) expect(rows(`select count(*) as n from ${table}`), table).toEqual([{ n: 0 }]);
  });
});
