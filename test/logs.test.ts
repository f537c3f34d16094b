import { afterEach, describe, expect, it } from 'vitest';
import { createJsonLogger, createLogger } from '../src/runtime/logger';
import { englishIntake } from './helpers/intakeScript';
import { TestKit } from './helpers/testKit';

const NAME = 'Olena7Qz';
const PHONE = '4790012345';

describe('the log', () => {
  let kit: TestKit;
  afterEach(() => kit.close());

  it.each([
    ['text', createLogger],
    ['json', createJsonLogger],
  ])('names ids and never a message, a name, a phone number or a token, even when errors quote them (%s)', async (format, create) => {
    const lines: string[] = [];
    kit = new TestKit();
    kit.logger = create('info', (line) => lines.push(line));
    await kit.open();
    const olena = kit.person('olena');
    const script = englishIntake(NAME).map((line) => (line === 'Bergen' ? `Bergen, call +47 900 12 345` : line));
    for (const line of script.slice(0, 12)) await olena.say(line);

    // A platform error that quotes the chat id and the URL with the bot token in it.
    kit.channel.failWith = () => ({
      ok: false,
      permanent: false,
      error: `400: chat ${PHONE}@c.us not found (https://api.telegram.org/bot123456:AAH8fakefakefakefakefakefakefake12/sendMessage)`,
      retryAfterMs: 1,
    });
    await olena.say(script[12] ?? '');
    kit.channel.failWith = undefined;
    // A turn that fails inside the database.
    kit.app.store.sqlite.exec("create trigger stop before update on flow_states begin select raise(abort, 'disk trouble'); end");
    await olena.say('Civil engineering');
    kit.app.store.sqlite.exec('drop trigger stop');

    if (format === 'json') {
      // One JSON object a line, each with its time, level and message.
      for (const line of lines) expect(JSON.parse(line)).toMatchObject({ time: expect.any(String), level: expect.any(String), message: expect.any(String) });
    }
    const log = lines.join('');
    expect(log).toContain('send failed');
    expect(log).toContain('turn failed');
    for (const secret of [NAME, 'Bergen', '900 12 345', PHONE, 'AAH8fake', 'Civil engineering', 'Work as an engineer']) {
      expect(log).not.toContain(secret);
    }
  });
});
