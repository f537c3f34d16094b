import type { Tx } from '../../db/client';
import { enqueue, languageFor } from '../delivery/enqueue';
import { type Notice, recipientOf } from '../people/people';
import type { Programme } from '../settings/programme';
import { withMenu } from './session';
import { loadSession, saveSession } from './sessionStore';
import { questionAsked } from '../threads/threads';

/**
 * Queues a message to someone at the address they wrote from last, in their language. The key makes
 * it idempotent: a key already queued is not queued again. True when the message was queued now.
 *
 * A message with command buttons (a proposal's yes and no, a check-in's Start) becomes the person's
 * menu unless they are in a form, so typing its number works; a message without replaces it. Not for coordinators: a number they type
 * must mean the list they asked for, not a message that arrived meanwhile.
 * Such a message also ends a participant's writing in a thread (see `questionAsked`).
 */
export function notify(tx: Tx, programme: Programme, notice: Notice & { dedupeKey: string; sendAt?: Date }, now: Date): boolean {
  const recipient = recipientOf(tx, notice.participantId);
  // Nobody is written to after they blocked the bot (or could not be reached), until they write again.
  if (!recipient || recipient.unreachable) return false;
  const queued = enqueue(tx, {
    dedupeKey: notice.dedupeKey,
    participantId: notice.participantId,
    channel: recipient.channel,
    conversationRef: recipient.conversationRef,
    language: languageFor(programme, recipient.language, recipient.locale ?? undefined),
    message: notice.message,
    now,
    ...(notice.sendAt ? { sendAt: notice.sendAt } : {}),
  });
  if (queued && recipient.role !== 'coordinator') {
    questionAsked(tx, notice.participantId, notice.message);
    const stored = loadSession(tx, notice.participantId);
    const session = stored?.session ?? null;
    if (!session?.form && !session?.overlay) saveSession(tx, notice.participantId, withMenu(session, notice.message), now);
  }
  return queued;
}
