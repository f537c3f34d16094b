import { type Db, placeholders, prepared, type Tx } from '../../db/client';
import { outbox } from '../../db/schema';
import { matchLocale } from '../text/languages';
import type { OutMessage } from '../text/messages';
import type { Programme } from '../settings/programme';
import { WrittenHere } from '../runtime/writtenHere';

/** The messages and addresses this process queued: the outbox reads them back without checking them again. */
export const queuedHere = new WrittenHere(50_000);

/** The language to write in: the one chosen; before a choice, the platform's locale when offered, else the default. */
export function languageFor(programme: Programme, chosen: string | null, locale: string | undefined): string {
  if (chosen && programme.languages.includes(chosen)) return chosen;
  return matchLocale(locale, programme.languages) ?? programme.defaultLanguage;
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
    /** Not sent before this moment (quiet hours); now when left out. */
    sendAt?: Date;
  },
): boolean {
  const message = JSON.stringify(item.message);
  const result = prepared(tx, insertOutbox).run({
    dedupeKey: item.dedupeKey,
    participantId: item.participantId,
    channel: item.channel,
    conversationRef: item.conversationRef,
    language: item.language,
    message,
    nextAttemptAt: (item.sendAt ?? item.now).toISOString(),
  });
  if (result.changes === 0) return false;
  queuedHere.add(message);
  return true;
}

function insertOutbox(db: Db | Tx) {
  return db
    .insert(outbox)
    .values(placeholders('dedupeKey', 'participantId', 'channel', 'conversationRef', 'language', 'message', 'nextAttemptAt'))
    .onConflictDoNothing()
    .prepare();
}
