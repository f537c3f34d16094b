import type { ChannelCapabilities, RenderedMessage } from '../channels/channel';
import { cacheable, type Translator } from '../text/i18n';
import type { OutMessage } from '../text/messages';
import { parseMessage } from './outboxQueries';
import { renderMessage } from './render';

/** Messages kept; beyond this many, the cache starts again. */
const MAX_KEPT = 2_000;

/**
 * Queued messages as they are sent, by their stored JSON, language and channel. The same question
 * goes to many people, and reading, checking and translating it each time costs more than the rest
 * of the outbox's work: a message that carries nothing a person wrote (no words as a parameter, no
 * file) is rendered once and kept. A kept message is shared by every send of it; adapters only read it.
 */
export class RenderedMessages {
  private readonly kept = new Map<string, RenderedMessage>();

  constructor(private readonly translator: Translator) {}

  /** The stored message rendered for the channel; undefined when the JSON is not a message. */
  render(json: string, language: string, channel: string, capabilities: ChannelCapabilities): RenderedMessage | undefined {
    const key = `${channel} ${language} ${json}`;
    const found = this.kept.get(key);
    if (found) return found;
    const message = parseMessage(json);
    if (!message) return undefined;
    const rendered = renderMessage(message, language, this.translator, capabilities);
    if (withoutWords(message)) {
      if (this.kept.size >= MAX_KEPT) this.kept.clear();
      this.kept.set(key, rendered);
    }
    return rendered;
  }
}

function withoutWords(message: OutMessage): boolean {
  return message.document === undefined && message.lines.every(cacheable) && (message.choices ?? []).every((c) => cacheable(c.label));
}
