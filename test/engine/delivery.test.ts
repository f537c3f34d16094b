import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestKit } from '../helpers/testKit';
import { englishIntake } from '../helpers/intakeScript';
import { createTranslator, type Translator } from '../../src/text/i18n';

describe('delivery of events', () => {
  let kit: TestKit;
  beforeEach(async () => {
    kit = await new TestKit().open();
  });
  afterEach(() => kit.close());

  it('handles the same event delivered twice once', async () => {
    const event = kit.channel.inbound('amina', { kind: 'text', text: '/start' });
    await kit.channel.deliver(event);
    await kit.channel.deliver(event);
    await kit.channel.deliver({ ...event, receivedAt: new Date() });
    expect(kit.channel.sentTo('amina')).toHaveLength(1);
    expect(kit.rows('select count(*) as n from inbound_events')).toEqual([{ n: 1 }]);
    expect(kit.rows('select count(*) as n from outbox')).toEqual([{ n: 1 }]);
  });

  it('handles two messages from one person that arrive together one after the other', async () => {
    const amina = kit.person('amina');
    await amina.say('/start');
    await Promise.all([
      kit.channel.deliver(kit.channel.inbound('amina', { kind: 'text', text: '1' })),
      kit.channel.deliver(kit.channel.inbound('amina', { kind: 'text', text: '1' })),
    ]);
    const texts = kit.channel.sentTo('amina').map((m) => m.text);
    expect(texts[1]).toContain('What brings you here?');
    expect(texts[2]).toContain('A mentor supports your job search.');
  });

  it("renders a question sent to many people once, and a message with a person's words for each of them", async () => {
    const translator = createTranslator();
    const translated: string[] = [];
    const counting: Translator = {
      languages: translator.languages,
      translate: (text, lng) => {
        translated.push(text.key);
        return translator.translate(text, lng);
      },
      translateTyped: (text, lng) => {
        translated.push(text.key);
        return translator.translateTyped(text, lng);
      },
    };
    kit.translator = counting;
    await kit.reopen();
    const reviews: string[] = [];
    for (const name of ['Amina', 'Olena', 'Sara']) {
      const person = kit.person(name.toLowerCase());
      const script = englishIntake(name);
      for (const text of script.slice(0, -1)) await person.say(text);
      reviews.push(person.last().text);
    }
    // The programme's country is a known word: its questions are translated once for all three.
    expect(translated.filter((key) => key === 'intake.rightToWork.prompt')).toHaveLength(1);
    expect(translated.filter((key) => key === 'intake.about.what')).toHaveLength(1);
    // Each review carries the person's own answers: rendered for each, and nobody gets another's.
    expect(translated.filter((key) => key === 'intake.review.intro')).toHaveLength(3);
    for (const [i, name] of ['Amina', 'Olena', 'Sara'].entries()) {
      expect(reviews[i]).toContain(name);
      expect(reviews.filter((review) => review.includes(name))).toHaveLength(1);
    }
  });

  it('reads a known word in a message another process queued', async () => {
    kit.channel.failWith = () => ({ ok: false, permanent: false, error: 'network down' });
    await kit.person('amina').say('/start');
    const message = { lines: [{ key: 'intake.rightToWork.prompt', params: { country: { known: 'SE' } } }] };
    kit.app.store.sqlite.prepare('update outbox set message = ?').run(JSON.stringify(message));
    kit.channel.failWith = undefined;
    kit.clock.advance(60_000);
    await kit.app.outbox.drain();
    expect(kit.channel.sentTo('amina').map((m) => m.text)).toEqual([expect.stringContaining('Sweden')]);
  });

  it('keeps a message that could not be sent and sends it, once, when the channel works again', async () => {
    kit.channel.failWith = () => ({ ok: false, permanent: false, error: 'network down' });
    await kit.person('amina').say('/start');
    expect(kit.channel.sentTo('amina')).toHaveLength(0);
    expect(kit.rows('select status, attempts from outbox')).toEqual([{ status: 'pending', attempts: 1 }]);

    kit.channel.failWith = undefined;
    kit.clock.advance(60_000);
    await kit.app.outbox.drain();
    await kit.app.outbox.drain();
    expect(kit.channel.sentTo('amina')).toHaveLength(1);
    expect(kit.rows('select status from outbox')).toEqual([{ status: 'sent' }]);
  });

  it('gives up a queued message changed on disk into something that is not a message, and sends nothing of it', async () => {
    kit.channel.failWith = () => ({ ok: false, permanent: false, error: 'network down' });
    await kit.person('amina').say('/start');
    kit.app.store.sqlite.prepare(`update outbox set message = '{"lines":"not a list"}'`).run();

    kit.channel.failWith = undefined;
    kit.clock.advance(60_000);
    await kit.app.outbox.drain();
    expect(kit.channel.sentTo('amina')).toHaveLength(0);
    expect(kit.rows('select status, last_error as error from outbox')).toEqual([{ status: 'dead', error: 'unreadable outbox row' }]);
  });

  it('waits as long as the platform asks before trying again', async () => {
    kit.channel.failWith = () => ({ ok: false, permanent: false, error: '429', retryAfterMs: 30_000 });
    await kit.person('amina').say('/start');
    kit.channel.failWith = undefined;
    kit.clock.advance(20_000);
    await kit.app.outbox.drain();
    expect(kit.channel.sentTo('amina')).toHaveLength(0);
    kit.clock.advance(15_000);
    await kit.app.outbox.drain();
    expect(kit.channel.sentTo('amina')).toHaveLength(1);
  });

  it('gives up on a person who blocked the bot and marks them unreachable', async () => {
    kit.channel.failWith = () => ({ ok: false, permanent: true, unreachable: true, error: '403 blocked' });
    await kit.person('amina').say('/start');
    expect(kit.rows('select status from outbox')).toEqual([{ status: 'dead' }]);
    expect(kit.rows('select unreachable from participants')).toEqual([{ unreachable: 1 }]);
  });

  it('drops a message the platform refuses for good without blaming the person', async () => {
    kit.channel.failWith = () => ({ ok: false, permanent: true, error: '400 message is too long' });
    await kit.person('amina').say('/start');
    expect(kit.rows('select status from outbox')).toEqual([{ status: 'dead' }]);
    expect(kit.rows('select unreachable from participants')).toEqual([{ unreachable: 0 }]);
  });

  it('marks a person unreachable after the last of the tries', async () => {
    kit.channel.failWith = () => ({ ok: false, permanent: false, error: 'timeout' });
    await kit.person('amina').say('/start');
    for (let i = 0; i < 10; i++) {
      kit.clock.advance(3_600_000);
      await kit.app.outbox.drain();
    }
    expect(kit.rows('select status, attempts from outbox')).toEqual([{ status: 'dead', attempts: 8 }]);
    expect(kit.rows('select unreachable from participants')).toEqual([{ unreachable: 1 }]);
  });

  it('answers a failed turn with a kind apology and keeps the earlier state', async () => {
    const amina = kit.person('amina');
    await amina.say('/start');
    kit.app.store.sqlite.exec("create trigger break_consents before insert on consents begin select raise(abort, 'disk trouble'); end");
    await amina.say('English');
    await amina.say('I want a mentor');
    await amina.say('OK, continue');
    const [apology] = await amina.say('Yes, I agree');
    expect(apology?.text).toBe('Sorry, something went wrong on our side. Your answers are saved. Please try again in a minute.');

    kit.app.store.sqlite.exec('drop trigger break_consents');
    const [retry] = await amina.say('Yes, I agree');
    expect(retry?.text).toContain('may we send you a short survey some months later?');
  });
});
