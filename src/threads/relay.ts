import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { pairs, threads, threadWriters } from '../../db/schema';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { button } from '../conversation/actions';
import { participant } from '../people/people';
import { memberOf, type Pair, pairIdsOf, partnerOf, RUNNING_PAIR_STATES } from '../pairs/pairs';
import { t } from '../text/messages';
import { oneLine } from '../text/oneLine';
import { personName } from '../text/personText';
import { writeButton } from '../pairs/introduction';
import { startWriting, stopWriting, type Thread, type ThreadScope } from './threads';

/**
 * The relay: a member of a running pair writes to the partner through Kompis, who passes the words
 * on at the partner's own channel, marked with the writer's first name, never their number or
 * account. It is a thread of kind `relay` whose words are not kept: they exist only in the message to
 * the partner, whose outbox row keeps no text once it is sent (see the outbox).
 *
 * `/write` (one pair) or `/write P` starts writing (the next plain messages go to the partner, until
 * `/done`); `/write TEXT` or `/write P TEXT` sends at once.
 */
export function writeCommand(c: CommandContext, args: string[]): CommandResult {
  const running = runningPairsOf(c.tx, c.actorId);
  if (running.length === 0) return reply(t('relay.noPair'));
  const named = running.find((p) => p.id === idArg(args[0]));
  const pair = named ?? (running.length === 1 ? running[0] : undefined);
  const text = (named ? args.slice(1) : args).join(' ').trim();
  if (!pair) {
    return { messages: [{ lines: [t('relay.whichPair')], choices: running.map((p) => writeButton(c.tx, p, c.actorId)) }], notices: [] };
  }
  if (text !== '') return relay(c, pair, text);
  // In a form, the next plain messages answer its questions: the message comes on the same line.
  if (c.inForm) return reply(t('relay.inForm'));
  startWriting(scopeOf(c), c.actorId, relayThreadOf(c, pair));
  return reply(t('relay.prompt', { name: partnerName(c.tx, pair, c.actorId) }));
}

/** A plain message from a person writing in a relay: it goes to the partner, if the pair still runs. */
export function writeInRelay(c: CommandContext, thread: Thread, text: string): CommandResult {
  const pair = runningPairsOf(c.tx, c.actorId).find((p) => p.id === thread.pairId);
  if (thread.participantId !== c.actorId || !pair) {
    stopWriting(scopeOf(c), c.actorId);
    return reply(t('relay.pairOver'));
  }
  return relay(c, pair, text);
}

/** Everything of the relays in the person's pairs goes: theirs and their partners', with the rows that route messages into them. */
export function eraseRelaysOf(tx: Tx, participantId: number): void {
  const pairIds = pairIdsOf(tx, participantId);
  if (pairIds.length === 0) return;
  const ids = tx
    .select({ id: threads.id })
    .from(threads)
    .where(and(eq(threads.kind, 'relay'), inArray(threads.pairId, pairIds)))
    .all()
    .map((r) => r.id);
  if (ids.length === 0) return;
  tx.delete(threadWriters).where(inArray(threadWriters.threadId, ids)).run();
  tx.delete(threads).where(inArray(threads.id, ids)).run();
}

/** The words go to the partner in one message, with how to answer; the writer is told they went. */
function relay(c: CommandContext, pair: Pair, text: string): CommandResult {
  const partnerId = partnerOf(pair, c.actorId);
  const partner = participant(c.tx, partnerId);
  const name = partnerName(c.tx, pair, c.actorId);
  if (!partner || partner.erasedAt || partner.unreachable) return reply(t('relay.notDelivered', { name }));
  const me = personName(participant(c.tx, c.actorId) ?? { id: c.actorId, name: null });
  return {
    messages: [{ lines: [t('relay.sent', { name })] }],
    notices: [
      {
        participantId: partnerId,
        message: {
          lines: [t('relay.from', { name: me, words: t('common.theirWords', { words: oneLine(text) }) }), t('relay.answerHint')],
          choices: [button({ name: 'write', pair: pair.id }, t('relay.writeTo', { name: me }))],
          // The words are the writer's: if they delete their data before it is sent, it is not sent.
          about: [c.actorId],
        },
      },
    ],
  };
}

/** The person's relay to the partner of `pair`, open while they write in it. */
function relayThreadOf(c: CommandContext, pair: Pair): Thread {
  const open = c.tx
    .select()
    .from(threads)
    .where(and(eq(threads.participantId, c.actorId), eq(threads.kind, 'relay'), eq(threads.pairId, pair.id), eq(threads.status, 'open')))
    .get();
  if (open) return open;
  return c.tx
    .insert(threads)
    .values({ programmeId: c.ctx.programme.id, participantId: c.actorId, kind: 'relay', pairId: pair.id, status: 'open', openedAt: c.ctx.now.toISOString() })
    .returning()
    .get();
}

function scopeOf(c: CommandContext): ThreadScope {
  return { tx: c.tx, programmeId: c.ctx.programme.id, actorId: c.actorId, now: c.ctx.now };
}

function runningPairsOf(tx: Tx, participantId: number): Pair[] {
  return tx
    .select()
    .from(pairs)
    .where(and(memberOf(participantId), inArray(pairs.status, [...RUNNING_PAIR_STATES])))
    .all();
}

function partnerName(tx: Tx, pair: Pair, memberId: number) {
  const id = partnerOf(pair, memberId);
  return personName(participant(tx, id) ?? { id, name: null });
}
