import { type Db, placeholders, prepared, type Tx } from '../../db/client';
import { outbox } from '../../db/schema';
import { matchLocale } from '../text/languages';
import type { OutMessage } from '../text/messages';
import { addressOf, type Notice, participant } from '../people/people';
import type { Programme } from '../settings/programme';
import { withMenu } from '../conversation/session';
import { loadSession, saveSession } from '../conversation/sessionStore';

/** The language to write in: the one chosen; before a choice, the platform's locale when offered, else the default. */
export function languageFor(programme: Programme, chosen: string | null, locale: string | undefined): string {
  if (chosen && programme.languages.includes(chosen)) return chosen;
  return matchLocale(locale, programme.languages) ?? programme.defaultLanguage;
}

/**
 * Queues a message to someone at the address they wrote from last, in their language. The key makes
 * it idempotent: a key already queued is not queued again. True when the message was queued now.
 *
 * A message with command buttons (a proposal's yes and no, a check-in's Start) becomes the person's
 * menu unless they are in a form, so typing its number works; a message without replaces it. Not for coordinators: a number they type
 * must mean the list they asked for, not a message that arrived meanwhile.
 */
export function notify(tx: Tx, programme: Programme, notice: Notice & { dedupeKey: string }, now: Date): boolean {
  const address = addressOf(tx, notice.participantId);
  const recipient = participant(tx, notice.participantId);
  // Nobody is written to after they blocked the bot (or could not be reached), until they write again.
  if (!address || !recipient || recipient.unreachable) return false;
  const queued = enqueue(tx, {
    dedupeKey: notice.dedupeKey,
    participantId: notice.participantId,
    channel: address.channel,
    conversationRef: address.conversationRef,
    language: languageFor(programme, recipient.language, address.locale ?? undefined),
    message: notice.message,
    now,
  });
  if (queued && recipient.role !== 'coordinator') {
    const stored = loadSession(tx, notice.participantId);
    const session = stored?.session ?? null;
    if (!session?.form && !session?.overlay) saveSession(tx, notice.participantId, withMenu(session, notice.message), now);
  }
  return queued;
}

/** Queues one message; false when its key was queued before. */
export function enqueue(
  tx: Tx,
  item: {
    dedupeKey: string;
    participantId: number;
    channel: string;
    conversationRef: string;
    language: string;
    message: OutMessage;
    now: Date;
  },
): boolean {
  const result = prepared(tx, insertOutbox).run({
    dedupeKey: item.dedupeKey,
    participantId: item.participantId,
    channel: item.channel,
    conversationRef: item.conversationRef,
    language: item.language,
    message: JSON.stringify(item.message),
    nextAttemptAt: item.now.toISOString(),
  });
  return result.changes === 1;
}

function insertOutbox(db: Db | Tx) {
  return db
    .insert(outbox)
    .values(placeholders('dedupeKey', 'participantId', 'channel', 'conversationRef', 'language', 'message', 'nextAttemptAt'))
    .onConflictDoNothing()
    .prepare();
}
