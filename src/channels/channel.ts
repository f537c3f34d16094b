import type { Document, Reply } from '../text/messages';
import type { HttpRoute } from './httpRoute';
import type { RateLimit } from './rateLimiter';

/**
 * The contract between Kompis and a chat platform: adapters turn platform events into `Inbound` and
 * send `RenderedMessage`. This folder is all an adapter may import from `src/` (besides
 * `src/runtime/`'s errors and logger).
 */

export type { Document };

export type ChannelName = 'console' | 'telegram' | 'slack' | 'whatsapp' | 'whatsapp-cloud';

/** How a started channel is doing, as `/readyz` reports it. */
export type ChannelState = 'connected' | 'reconnecting' | 'failed';

/** What the person sent. `choice` is the value of a button they pressed. */
export type InboundContent = Reply | { kind: 'media'; mediaType: 'photo' | 'voice' | 'video' | 'document' | 'sticker' | 'location' | 'other' };

export interface Inbound {
  channel: ChannelName;
  externalUserId: string;
  /** Everything the adapter needs to write to this person later, as plain JSON. */
  conversationRef: ConversationRef;
  /** The platform's id for this event; the same id delivered twice is handled once. */
  eventId: string;
  content: InboundContent;
  /** The platform's locale for the user (e.g. Telegram's language_code), if it tells us. */
  locale?: string;
  /** The person's public name on the platform (a Telegram username), if they have one. */
  handle?: string;
  receivedAt: Date;
  /**
   * Where the id is a phone number: the same number as another channel writes it. A person Kompis
   * does not know on this channel yet, but knows there (by that id, or by the `phone` its address
   * records), is that person: their conversation goes on where it was.
   */
  sameNumberAs?: { channel: ChannelName; externalUserId: string; phone: string };
}

export type ConversationRef = Record<string, string | number>;

/** A person on a channel as Kompis stores them: their id there, and how to write to them. */
export interface ChannelIdentity {
  externalUserId: string;
  conversationRef: ConversationRef;
}

/**
 * How a partner could reach a person outside Kompis, as the person's channel has it: a phone number
 * (WhatsApp), a Telegram username, a Slack member id. Shown to nobody unless the person allows it.
 */
export interface ChannelContact {
  kind: 'phone' | 'telegram' | 'slack';
  value: string;
}

export interface RenderedChoice {
  value: string;
  label: string;
}

/** A message in one language, ready for a channel. Adapters decide how to show `choices`. */
export interface RenderedMessage {
  text: string;
  choices: RenderedChoice[];
  /** The message keys it was rendered from; for logs and tests, never shown. */
  keys: string[];
  /** The language it was rendered in, so an adapter can set text direction. */
  language: string;
  /** Only on channels that send files; elsewhere its content is written into `text`. */
  document?: Document;
  /**
   * Set instead of everything else on channels with a reply window: the approved message saying the
   * programme has a new message, with a button to see it (`REPLY_WINDOW_OPENED`).
   */
  replyInvitation?: true;
}

/**
 * What became of a send. `permanent` failures are not retried; `unreachable` says the person cannot
 * be reached on this channel any more (blocked the bot, deleted the account).
 */
export type SendResult = { ok: true; messageId?: string } | { ok: false; permanent: boolean; unreachable?: boolean; error: string; retryAfterMs?: number };

export interface ChannelCapabilities {
  /** How many buttons a message can carry; 0 means choices are written as a numbered list. */
  maxButtons: number;
  maxButtonLabel: number;
  /** The most bytes a button's value may have (Telegram's callback data: 64); absent means no limit. */
  maxChoiceValueBytes?: number;
  maxText: number;
  /** Whether the bot may write first (Telegram: only after the person pressed Start). */
  canInitiate: boolean;
  /** Whether a message can carry a file (`RenderedMessage.document`). */
  documents?: boolean;
  /**
   * How long after the person last wrote the bot may write freely (WhatsApp's Cloud API: 24 hours).
   * Later, the outbox sends one `RenderedMessage.replyInvitation` and holds the rest until they write.
   */
  replyWindowMs?: number;
  /**
   * The platform reports later whether a message was delivered (`ChannelEvents.onStatus`): a sent
   * message keeps its content until then, so a temporary failure can be sent again.
   */
  reportsDelivery?: boolean;
}

/**
 * The value of the button on a reply invitation: pressing it only opens the reply window, so the
 * messages held for the person go out; it is no answer to anything.
 */
export const REPLY_WINDOW_OPENED = '@window';

/** What became of a message the platform accepted (`SendResult.messageId`), as it reports later. */
export interface DeliveryStatus {
  channel: ChannelName;
  messageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  /** For `failed`: whether trying again cannot help, and whether the person cannot be reached at all. */
  permanent?: boolean;
  unreachable?: boolean;
  /** For `failed`: the message is outside the reply window; it waits until the person writes. */
  outsideWindow?: boolean;
  error?: string;
}

/** What a platform reports besides people's messages. */
export interface ChannelEvents {
  onStatus(status: DeliveryStatus): void;
}

export interface ChannelAdapter {
  readonly channel: ChannelName;
  readonly capabilities: ChannelCapabilities;
  /** How fast the platform lets a bot write; the outbox keeps to it. Absent means no limit. */
  readonly rateLimit?: RateLimit;
  /**
   * When the `onInbound` given to `start` settles. `stored`, for a platform: as soon as the turn is
   * stored (the platform is answered at once, and nobody's replies are waited for; the outbox sends
   * them), rejecting with `TurnNotStored` when it could not be, so the platform delivers the event
   * again. Absent: once the replies that may go now are sent too (the console prints them before its
   * next prompt).
   */
  readonly inboundSettles?: 'stored';
  start(onInbound: (msg: Inbound) => Promise<void>, events?: ChannelEvents): Promise<void>;
  send(to: ConversationRef, msg: RenderedMessage): Promise<SendResult>;
  stop(): Promise<void>;
  /**
   * Whether this process can deliver to `to` now. The console reaches only the person it runs as;
   * messages to others wait in the outbox until they open the console. Absent means always.
   */
  reaches?(to: ConversationRef): boolean;
  /**
   * The webhooks the platform posts to, served on the one HTTP server. They are answered 503 (the
   * platform tries again) until every adapter has started. Absent: the adapter does not listen.
   */
  routes?(): HttpRoute[];
  /**
   * Checks the credentials with the platform without sending anything to anyone, for `kompis doctor`:
   * resolves with what the platform says the bot is, rejects with a `ConfigError` naming the setting.
   */
  check?(): Promise<string>;
  /** How the connection to the platform is doing once started. Absent means always connected. */
  state?(): ChannelState;
  /**
   * Removes what the adapter keeps for a person outside the database (the console's files), after
   * the person's data was erased. Absent means it keeps nothing.
   */
  forget?(to: ConversationRef): void;
}
