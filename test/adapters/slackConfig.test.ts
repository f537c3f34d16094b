import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/runtime/errors';
import { loadConfig } from '../../src/settings/config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('Slack settings', () => {
  it('picks Socket Mode with an app token and HTTP with a signing secret', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_APP_TOKEN: 'xapp-1-2' }).slack?.mode).toEqual({ socket: true, appToken: 'xapp-1-2' });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: 'abcdef0123456789', PORT: '3000', SLACK_API_URL: 'http://gw.local/api' }).slack).toEqual({
      botToken: 'xoxb-1-2',
      apiUrl: 'http://gw.local/api',
      mode: { socket: false, signingSecret: 'abcdef0123456789' },
    });
  });

  it('serves Slack over HTTP and the Telegram webhook on one port, open to the network only with a public webhook', () => {
    const both = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'abcdef0123456789',
      TELEGRAM_BOT_TOKEN: '1:abc',
      TELEGRAM_WEBHOOK_URL: 'https://x.example/tg',
      PORT: '3000',
    });
    expect(both.http).toEqual({ port: 3000, host: '0.0.0.0', metrics: false });
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '1:abc', METRICS: '1' }).http).toEqual({ port: 8080, host: '127.0.0.1', metrics: true });
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_URL: 'https://x.example/tg', HOST: '10.0.0.2' }).http.host).toBe('10.0.0.2');
  });

  it('names the setting to fix, one line each', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1-2' })).toEqual([
      'SLACK_APP_TOKEN: set it (Socket Mode, no public address needed) or SLACK_SIGNING_SECRET (HTTP on PORT) with SLACK_BOT_TOKEN',
    ]);
    expect(problems({ SLACK_APP_TOKEN: 'xapp-1' })).toEqual(['SLACK_BOT_TOKEN: is needed when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set']);
    expect(problems({ SLACK_BOT_TOKEN: 'xapp-wrong' })).toEqual(["SLACK_BOT_TOKEN: does not look like a bot token (xoxb-…) from the app's OAuth page"]);
  });
});
