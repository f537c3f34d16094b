import { App, HTTPReceiver, LogLevel, webApi } from '@slack/bolt';
import { ConfigError } from '../../src/runtime/errors';
import type { Logger } from '../../src/runtime/logger';
import type { ChannelAdapter, ConversationRef, Inbound, RenderedMessage, SendResult } from '../../src/channels/channel';
import type { HttpRoute } from '../../src/channels/httpRoute';
import { splitText } from '../../src/channels/splitText';
import type { RateLimit } from '../../src/channels/rateLimiter';
import { answeredBlocks, blocksFor, CHOICE_ACTION, escapeMrkdwn, SLACK_MAX_TEXT, sendFailure } from './slackSend';
import { SLACK_EVENTS_PATH, slackEventsRoute } from './slackEventsRoute';

export interface SlackOptions {
  botToken: string;
  /** Another Web API root (GovSlack, an on-premise gateway); every Web API call goes there. */
  apiUrl?: string;
  /** Socket Mode, or HTTP: Slack posts to `/slack/events` on the one HTTP server. */
  mode: { socket: true; appToken: string } | { socket: false; signingSecret: string };
  logger: Logger;
  rateLimit?: RateLimit;
  /** How long one Web API call may take before it is given up as a network failure and tried again later. */
  timeoutMs?: number;
}

/** Slack: one message a second per channel, with short bursts; a workspace allows a few dozen a second, a few at once. */
export const SLACK_RATE_LIMIT: RateLimit = { perSecond: 20, burst: 5, perChatPerSecond: 1, perChatBurst: 2 };

/** The Web API client waits for ever unless told; a hung call would hold up a person's messages. */
const SLACK_TIMEOUT_MS = 45_000;

/** A click on a question that is no longer the newest; the flow answers it as an old button. */
const STALE_CHOICE = '@stale';

/** The app's slash command: `/kompis help` is `/help`, because Slack keeps `/…` typed in a DM for itself. */
export const SLASH_COMMAND = '/kompis';

/**
 * Kompis on Slack through bolt: direct messages only (the app's Messages tab), choices as Block Kit
 * buttons (the question is updated after a click, so it cannot be answered twice), typed answers too,
 * and the conversation commands through `/kompis`. Events are acknowledged at once and handled after;
 * a re-delivered event has the same event id and is handled once by the engine.
 */
export class SlackAdapter implements ChannelAdapter {
  readonly channel = 'slack' as const;
  readonly capabilities = { maxButtons: 10, maxButtonLabel: 75, maxChoiceValueBytes: 2000, maxText: SLACK_MAX_TEXT, canInitiate: true };
  readonly rateLimit: RateLimit;
  /** Events are acknowledged at once and handled after; the outbox sends the replies. */
  readonly inboundSettles = 'stored' as const;
  private readonly app: App;
  private readonly receiver: HTTPReceiver | undefined;
  /** Sends for the outbox: no retries of its own, a 429 goes back with its Retry-After. */
  private readonly client: webApi.WebClient;
  private readonly locales = new Map<string, string | undefined>();
  /** Per person, their direct message with the app. */
  private readonly dms = new Map<string, string>();
  /** Per DM, the newest question with buttons: clicks on older ones are stale. */
  private readonly latestQuestion = new Map<string, string>();

  constructor(private readonly options: SlackOptions) {
    this.rateLimit = options.rateLimit ?? SLACK_RATE_LIMIT;
    const apiUrl = options.apiUrl ? options.apiUrl.replace(/\/?$/, '/') : undefined;
    const common = { token: options.botToken, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: apiUrl } };
    this.client = new webApi.WebClient(options.botToken, {
      slackApiUrl: apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      timeout: options.timeoutMs ?? SLACK_TIMEOUT_MS,
    });
    this.receiver = options.mode.socket ? undefined : new HTTPReceiver({ signingSecret: options.mode.signingSecret, endpoints: [SLACK_EVENTS_PATH], logLevel: LogLevel.ERROR });
    this.app = options.mode.socket ? new App({ ...common, socketMode: true, appToken: options.mode.appToken }) : new App({ ...common, receiver: this.receiver });
    this.app.error(async (err) => {
      options.logger.error('slack handler failed', { err });
    });
  }

  async start(onInbound: (msg: Inbound) => Promise<void>): Promise<void> {
    const handle = (msg: Inbound) => {
      onInbound(msg).catch((err: unknown) => this.options.logger.error('slack event failed', { eventId: msg.eventId, err }));
    };
    this.app.event('message', async ({ event, body }) => {
      const m = event as { channel_type?: string; subtype?: string; bot_id?: string; user?: string; channel: string; text?: string; files?: unknown[] };
      // Direct messages from people only: not channels, not bots (ourselves included), not edits.
      if (m.channel_type !== 'im' || m.bot_id || !m.user || (m.subtype && m.subtype !== 'file_share')) return;
      const eventId = (body as { event_id?: string }).event_id ?? `${m.channel}:${(event as { ts?: string }).ts ?? ''}`;
      this.dms.set(m.user, m.channel);
      const content = m.files?.length ? { kind: 'media' as const, mediaType: 'document' as const } : { kind: 'text' as const, text: m.text ?? '' };
      handle(await this.inbound(m.user, m.channel, eventId, content));
    });
    this.app.action(new RegExp(`^${CHOICE_ACTION}`), async ({ ack, body, action }) => {
      await ack();
      const b = body as {
        user: { id: string };
        channel?: { id: string };
        message?: { ts: string; text?: string; blocks?: { type: string; text?: { text?: string } }[] };
        trigger_id?: string;
      };
      const a = action as { value?: string; text?: { text?: string }; action_ts?: string };
      const channel = b.channel?.id;
      if (!channel || a.value === undefined) return;
      // A click on an older question (or a second click) is answered as an old button, never as the current one.
      const value = b.message && this.latestQuestion.get(channel) !== b.message.ts ? STALE_CHOICE : a.value;
      if (value !== STALE_CHOICE) this.latestQuestion.delete(channel);
      if (b.message) {
        const question = b.message.blocks?.find((blk) => blk.type === 'section')?.text?.text ?? escapeMrkdwn(b.message.text ?? '');
        await this.client.chat
          .update({ channel, ts: b.message.ts, text: b.message.text ?? '', blocks: answeredBlocks(question, a.text?.text ?? '') })
          .catch((err: unknown) => this.options.logger.warn('could not close the answered question', { err }));
      }
      handle(await this.inbound(b.user.id, channel, `action:${b.trigger_id ?? a.action_ts ?? ''}`, { kind: 'choice', value }));
    });
    this.app.command(SLASH_COMMAND, async ({ ack, command }) => {
      await ack();
      const text = command.text.trim();
      // Typed anywhere (a DM with a colleague too), it is answered in the person's DM with the app.
      handle(await this.inbound(command.user_id, undefined, `command:${command.trigger_id}`, { kind: 'text', text: `/${text === '' ? 'help' : text}` }));
    });
    // Over HTTP, bolt's receiver does not listen itself: the one HTTP server hands it the requests.
    if (this.options.mode.socket) await this.app.start();
  }

  async check(): Promise<string> {
    try {
      const me = await this.client.auth.test();
      return `the token is ${me.user ?? 'a bot'}'s in ${me.team ?? 'a workspace'}${this.options.mode.socket ? ', Socket Mode' : ', HTTP'}`;
    } catch (err) {
      throw new ConfigError([`SLACK_BOT_TOKEN: Slack did not accept it (${err instanceof Error ? err.message : String(err)})`]);
    }
  }

  routes(): HttpRoute[] {
    return this.receiver ? [slackEventsRoute(this.receiver, this.options.logger)] : [];
  }

  async send(to: ConversationRef, message: RenderedMessage): Promise<SendResult> {
    try {
      const user = String(to.user);
      const channel = typeof to.channel === 'string' ? to.channel : (this.dms.get(user) ?? (await this.openDm(user)));
      // A long text goes in parts, the buttons under the last one.
      const parts = splitText(message.text, SLACK_MAX_TEXT / 2);
      for (const [i, part] of parts.entries()) {
        const last = i === parts.length - 1;
        const piece = { ...message, text: part, choices: last ? message.choices : [] };
        const posted = await this.client.chat.postMessage({ channel, text: part, blocks: blocksFor(piece) });
        if (last && piece.choices.length > 0 && posted.ts) this.latestQuestion.set(channel, posted.ts);
      }
      return { ok: true };
    } catch (err) {
      return sendFailure(err);
    }
  }

  async stop(): Promise<void> {
    if (this.options.mode.socket) await this.app.stop().catch(() => undefined);
  }

  private async openDm(user: string): Promise<string> {
    const opened = await this.client.conversations.open({ users: user });
    const id = opened.channel?.id;
    if (!id) throw new Error('conversations.open gave no channel');
    this.dms.set(user, id);
    return id;
  }

  /** An event as Kompis reads it, with the person's Slack locale (asked once per person). */
  private async inbound(user: string, channel: string | undefined, eventId: string, content: Inbound['content']): Promise<Inbound> {
    if (!this.locales.has(user)) {
      const info = await this.client.users.info({ user, include_locale: true }).catch(() => undefined);
      this.locales.set(user, info?.user?.locale);
    }
    const conversationRef: ConversationRef = channel ? { user, channel } : { user };
    return { channel: 'slack', externalUserId: user, conversationRef, eventId, content, locale: this.locales.get(user), receivedAt: new Date() };
  }
}
