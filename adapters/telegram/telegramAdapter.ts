import type { RateLimit } from '../../src/channels/rateLimiter';
import { Bot, type Context, GrammyError, HttpError, InputFile } from 'grammy';
import { ConfigError, NoAnswerError } from '../../src/runtime/errors';
import type { Logger } from '../../src/runtime/logger';
import type { ChannelAdapter, ChannelState, ConversationRef, Inbound, RenderedMessage, SendResult } from '../../src/channels/channel';
import type { HttpRoute } from '../../src/channels/httpRoute';
import { telegramInbound } from './telegramInbound';
import { splitText } from '../../src/channels/splitText';
import { keyboardFor, sendFailure, TELEGRAM_MAX_CAPTION, TELEGRAM_MAX_TEXT } from './telegramSend';
import { telegramWebhook } from './telegramWebhook';

export interface TelegramOptions {
  token: string;
  /** A self-hosted Bot API server instead of Telegram's. */
  apiRoot?: string;
  /** Webhook mode: Telegram posts updates to `url`, served on the one HTTP server at its path; otherwise long polling. */
  webhook?: { url: string; secret: string };
  logger: Logger;
  /** The note for a group the bot is added to: Kompis talks only in private chats. */
  groupNotice: (locale: string | undefined, botUsername: string) => string;
  /** How fast to write; Telegram's own limits unless given. */
  rateLimit?: RateLimit;
  /**
   * How long one Bot API call may take before it is given up as a network failure (the outbox tries a
   * message again later). Long polling asks Telegram to answer 10 s before that (at most after 30 s).
   */
  timeoutSeconds?: number;
}

/** Telegram: no more than 30 messages in any second per bot (so a few may go at once), and one a second per chat with short bursts. */
export const TELEGRAM_RATE_LIMIT: RateLimit = { perSecond: 30, burst: 30, perChatPerSecond: 1, perChatBurst: 3 };

/**
 * grammY waits 500 s for an answer; a send that hangs that long would hold up a person's messages and
 * the updates behind it. Each part of a long text gets this long.
 */
const TELEGRAM_TIMEOUT_SECONDS = 45;

/** A press on a keyboard that is no longer the newest one in the chat; the flow treats it as an old button. */
const STALE_CHOICE = '@stale';
const UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

/**
 * Kompis on Telegram through grammY: private chats only, choices as inline keyboards, long polling
 * or a webhook checked with a secret token. Every callback query is answered, and the keyboard of
 * an answered question is closed and marked with the choice, so it cannot be pressed twice.
 */
export class TelegramAdapter implements ChannelAdapter {
  readonly channel = 'telegram' as const;
  readonly capabilities = {
    maxButtons: 12,
    maxButtonLabel: 60,
    maxChoiceValueBytes: 64,
    maxText: TELEGRAM_MAX_TEXT,
    documents: true,
    canInitiate: false,
  };
  readonly rateLimit: RateLimit;
  /** A webhook request is answered once the turn is stored; the outbox sends the replies. */
  readonly inboundSettles = 'stored' as const;
  private readonly bot: Bot;
  private polling: Promise<void> | undefined;
  private pollingFailed = false;
  /** Per chat, the newest unanswered keyboard's message id (0: none): presses on others are stale. */
  private readonly latestKeyboard = new Map<number, number>();
  private readonly toldGroups = new Set<number>();

  private readonly timeoutSeconds: number;

  constructor(private readonly options: TelegramOptions) {
    this.rateLimit = options.rateLimit ?? TELEGRAM_RATE_LIMIT;
    this.timeoutSeconds = options.timeoutSeconds ?? TELEGRAM_TIMEOUT_SECONDS;
    this.bot = new Bot(options.token, { client: { apiRoot: options.apiRoot, timeoutSeconds: this.timeoutSeconds } });
  }

  async start(onInbound: (msg: Inbound) => Promise<void>): Promise<void> {
    await this.init();
    const { bot } = this;
    bot.on('callback_query:data', (ctx) => this.onPress(ctx, onInbound));
    bot.on('message', async (ctx) => {
      if (ctx.chat.type !== 'private') return void this.tellGroup(ctx.chat.id, ctx.from?.language_code);
      const inbound = telegramInbound(ctx.update, new Date());
      if (inbound) await onInbound(inbound);
    });
    bot.on('my_chat_member', async (ctx) => {
      const joined = ['member', 'administrator'].includes(ctx.myChatMember.new_chat_member.status);
      if (joined && ctx.chat.type !== 'private') void this.tellGroup(ctx.chat.id, ctx.from.language_code);
    });
    bot.catch((err) => {
      this.options.logger.error('telegram update failed', { updateId: err.ctx.update.update_id, err: err.error });
    });
    if (this.options.webhook) await this.bot.api.setWebhook(this.options.webhook.url, { secret_token: this.options.webhook.secret, allowed_updates: [...UPDATES] });
    else await this.poll();
  }

  /** In webhook mode, the path of the webhook's address, where Telegram posts each update. */
  routes(): HttpRoute[] {
    const { webhook, logger } = this.options;
    if (!webhook) return [];
    const handle = telegramWebhook({ secret: webhook.secret, handle: (update) => this.bot.handleUpdate(update), logger });
    return [{ method: 'POST', path: new URL(webhook.url).pathname, handle }];
  }

  async check(): Promise<string> {
    await this.init();
    return `the token is @${this.bot.botInfo.username}'s${this.options.webhook ? `, webhook ${this.options.webhook.url}` : ', long polling'}`;
  }

  state(): ChannelState {
    return this.pollingFailed ? 'failed' : 'connected';
  }

  async send(to: ConversationRef, msg: RenderedMessage): Promise<SendResult> {
    const chatId = Number(to.chatId);
    if (!Number.isSafeInteger(chatId)) return { ok: false, permanent: true, error: 'no Telegram chat id' };
    const { document } = msg;
    // A file goes with its text as the caption when the text is short enough to be one.
    const caption = document && msg.text.length <= TELEGRAM_MAX_CAPTION ? msg.text : undefined;
    const parts = caption === undefined ? splitText(msg.text, TELEGRAM_MAX_TEXT) : [];
    const keyboard = keyboardFor(msg);
    try {
      for (const [i, part] of parts.entries()) {
        const last = i === parts.length - 1;
        const sent = await this.bot.api.sendMessage(chatId, part, last && keyboard ? { reply_markup: keyboard } : {});
        if (last && keyboard) this.latestKeyboard.set(chatId, sent.message_id);
      }
      if (document) {
        await this.bot.api.sendDocument(chatId, new InputFile(Buffer.from(document.content), document.filename), caption === undefined ? {} : { caption });
      }
      return { ok: true };
    } catch (err) {
      return sendFailure(err);
    }
  }

  async stop(): Promise<void> {
    if (this.polling) {
      // Stopping confirms the updates handled; if Telegram cannot be reached, it sends them again at
      // the next start, where they are known and handled once. Stopping goes on either way.
      await this.bot.stop().catch((err: unknown) => this.options.logger.warn('could not confirm the last updates to Telegram', { err }));
      await this.polling;
    }
  }

  /**
   * Checks the token and the API root before anything else, with one line naming what to fix.
   * (grammY's own `init` retries a network error for ever; an operator needs to hear about it.)
   */
  private async init(): Promise<void> {
    try {
      this.bot.botInfo = await answerWithin(this.bot.api.getMe(), 15_000);
    } catch (err) {
      const root = this.options.apiRoot ?? 'https://api.telegram.org';
      if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404)) {
        throw new ConfigError([`TELEGRAM_BOT_TOKEN: Telegram did not accept the token (${err.error_code} ${err.description}); copy it again from @BotFather`]);
      }
      if (err instanceof HttpError || err instanceof NoAnswerError) {
        throw new ConfigError([`TELEGRAM_API_ROOT: cannot reach the Telegram Bot API at ${root}: ${err.message}`]);
      }
      throw err;
    }
  }

  private async poll(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.polling = this.bot
        .start({
          allowed_updates: [...UPDATES],
          // Telegram holds a poll open this long when there is nothing new; it must answer before the call times out.
          timeout: Math.max(0, Math.min(30, Math.floor(this.timeoutSeconds - 10))),
          onStart: () => resolve(),
        })
        .catch((err: unknown) => {
          this.pollingFailed = true;
          this.options.logger.error('telegram polling stopped; is another Kompis running with this token?', { err });
          reject(err);
        });
    });
  }

  private async onPress(ctx: Context & { callbackQuery: { data: string } }, onInbound: (msg: Inbound) => Promise<void>) {
    // The spinner is stopped and the keyboard closed without waiting for Telegram: the turn does not
    // depend on them, and a webhook request is answered once the turn is stored.
    void ctx.answerCallbackQuery().catch((err: unknown) => this.options.logger.warn('answerCallbackQuery failed', { err }));
    const message = ctx.callbackQuery.message;
    const newest = message ? this.latestKeyboard.get(message.chat.id) : undefined;
    // Only answers to questions go stale; a button that carries a command (`/proposal 3 yes`) names
    // what it acts on, so it works from any message.
    const answer = !ctx.callbackQuery.data.startsWith('/');
    const stale = answer && message !== undefined && newest !== undefined && newest !== message.message_id;
    void this.closeKeyboard(ctx, stale);
    const inbound = telegramInbound(ctx.update, new Date());
    if (!inbound) return;
    await onInbound(stale ? { ...inbound, content: { kind: 'choice', value: STALE_CHOICE } } : inbound);
  }

  /** Removes the pressed keyboard; on the current question, also shows what was chosen. */
  private async closeKeyboard(ctx: Context & { callbackQuery: { data: string } }, stale: boolean): Promise<void> {
    const message = ctx.callbackQuery.message;
    if (!message) return;
    // An answered keyboard is no keyboard: a second tap on it is stale too.
    if (message.message_id === this.latestKeyboard.get(message.chat.id)) this.latestKeyboard.set(message.chat.id, 0);
    const text = 'text' in message ? message.text : undefined;
    const label = message.reply_markup?.inline_keyboard.flat().find((b) => 'callback_data' in b && b.callback_data === ctx.callbackQuery.data)?.text;
    try {
      if (!stale && text && label && text.length + label.length < TELEGRAM_MAX_TEXT - 4) {
        await ctx.editMessageText(`${text}\n\n✓ ${label}`);
      } else {
        await ctx.editMessageReplyMarkup();
      }
    } catch (err) {
      this.options.logger.debug('could not close a keyboard', { err });
    }
  }

  private async tellGroup(chatId: number, locale: string | undefined): Promise<void> {
    if (this.toldGroups.has(chatId)) return;
    this.toldGroups.add(chatId);
    try {
      await this.bot.api.sendMessage(chatId, this.options.groupNotice(locale, this.bot.botInfo.username));
    } catch (err) {
      this.options.logger.warn('could not tell a group that Kompis talks only in private', { err });
    }
  }
}

function answerWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswerError(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
