import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { outbox, pairIntroductions, pairs } from '../../db/schema';
import { CHANNELS, isChannelName } from '../../adapters/channels';
import type { ChannelContact } from '../channels/channel';
import { button } from '../conversation/actions';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { notify } from '../conversation/notify';
import { addressOf, participant } from '../people/people';
import type { Choice, OutMessage, Text } from '../text/messages';
import { t } from '../text/messages';
import { personName } from '../text/personText';
import { type Pair, pairById, pairIdsOf, partnerOf, RUNNING_PAIR_STATES, sideOf } from './pairs';

/**
 * The pair's introduction: once both said yes, each member is asked whether Kompis may give the
 * partner the contact their own channel has (a WhatsApp number, a Telegram username, a Slack member
 * id), or whether they write to each other only through Kompis (`/write`). What a member allows is
 * sent to the partner once; it can be taken back in `/privacy`, after which it is never sent again.
 *
 * `introduce` adds the question to the message that tells a member the pair is active: call it once
 * for each member, from where the pair becomes active.
 */
export function introduce(tx: Tx, { pair, memberId, message }: { pair: Pair; memberId: number; message: OutMessage }): OutMessage {
  const partnerId = partnerOf(pair, memberId);
  const partner = personName(participant(tx, partnerId) ?? { id: partnerId, name: null });
  const contact = contactOf(tx, memberId);
  const write = writeButton(tx, pair, memberId);
  if (!contact) {
    return { ...message, lines: [...message.lines, t('introduction.onlyKompis', { name: partner })], choices: [...(message.choices ?? []), write] };
  }
  return {
    ...message,
    lines: [...message.lines, t('introduction.question', { name: partner, contact: contactText(contact) })],
    choices: [
      ...(message.choices ?? []),
      button({ name: 'introduce', pair: pair.id, answer: 'yes' }, t('introduction.yes')),
      button({ name: 'introduce', pair: pair.id, answer: 'no' }, t('introduction.no')),
    ],
  };
}

/**
 * `/introduce P yes|no` from a member of pair P (the buttons under the question send it): the
 * choice is kept for this pair, and the partner is told, once, either the contact or that the member
 * would rather write through Kompis.
 */
export function answerIntroduction(c: CommandContext, [pairArg, answer]: string[]): CommandResult {
  const pair = pairById(c.tx, idArg(pairArg));
  if (!pair || !sideOf(pair, c.actorId) || !(RUNNING_PAIR_STATES as readonly string[]).includes(pair.status)) return reply(t('proposal.notYours'));
  if (answer !== 'yes' && answer !== 'no') return reply(t('introduction.usage'));
  const partnerId = partnerOf(pair, c.actorId);
  const partner = personName(participant(c.tx, partnerId) ?? { id: partnerId, name: null });
  if (choiceOf(c.tx, pair.id, c.actorId)) return reply(t('introduction.alreadyAnswered'));
  const contact = contactOf(c.tx, c.actorId);
  const share = answer === 'yes' && contact !== undefined;
  c.tx.insert(pairIntroductions).values({ pairId: pair.id, participantId: c.actorId, shareContact: share, answeredAt: c.ctx.now.toISOString() }).run();
  const me = personName(participant(c.tx, c.actorId) ?? { id: c.actorId, name: null });
  const toPartner: OutMessage = {
    lines: [contact && share ? t('introduction.toPartner.shared', { name: me, contact: contactText(contact) }) : t('introduction.toPartner.onlyKompis', { name: me })],
    choices: [writeButton(c.tx, pair, partnerId)],
    about: [c.actorId],
  };
  // Once per member and pair, whatever happens to this turn: the key is the pair's and the member's.
  notify(c.tx, c.ctx.programme, { participantId: partnerId, message: toPartner, dedupeKey: introductionKey(pair.id, c.actorId) }, c.ctx.now);
  const lines = contact && share ? [t('introduction.shared', { name: partner, contact: contactText(contact) })] : [t('introduction.kept', { name: partner })];
  return { messages: [{ lines, choices: [writeButton(c.tx, pair, c.actorId)] }], notices: [] };
}

/**
 * `/privacy contact P no`: Kompis gives the partner of pair P the person's contact no more. A message
 * with it that is still waiting is not sent; one already sent cannot be called back, and the person
 * is told so kindly.
 */
export function withdrawContact(c: CommandContext, pairArg: string | undefined): CommandResult {
  const pair = pairById(c.tx, idArg(pairArg));
  const choice = pair && sideOf(pair, c.actorId) ? choiceOf(c.tx, pair.id, c.actorId) : undefined;
  if (!pair || !choice?.shareContact) return reply(t('introduction.notShared'));
  const partnerId = partnerOf(pair, c.actorId);
  const partner = personName(participant(c.tx, partnerId) ?? { id: partnerId, name: null });
  c.tx.update(pairIntroductions).set({ shareContact: false, withdrawnAt: c.ctx.now.toISOString() }).where(eq(pairIntroductions.id, choice.id)).run();
  const waiting = c.tx
    .delete(outbox)
    .where(and(eq(outbox.dedupeKey, introductionKey(pair.id, c.actorId)), eq(outbox.status, 'pending')))
    .run();
  return reply(t(waiting.changes > 0 ? 'introduction.withdrawnBeforeSent' : 'introduction.withdrawn', { name: partner }));
}

/** For `/privacy`: each running pair where the person's contact was given, with a button that stops it. */
export function sharedContacts(c: CommandContext): { lines: Text[]; choices: Choice[] } {
  const rows = c.tx
    .select({ pair: pairs, choice: pairIntroductions })
    .from(pairIntroductions)
    .innerJoin(pairs, eq(pairs.id, pairIntroductions.pairId))
    .where(
      and(
        eq(pairIntroductions.participantId, c.actorId),
        eq(pairIntroductions.shareContact, true),
        isNull(pairIntroductions.withdrawnAt),
        inArray(pairs.status, [...RUNNING_PAIR_STATES]),
      ),
    )
    .all();
  const lines: Text[] = [];
  const choices: Choice[] = [];
  for (const { pair } of rows) {
    const partnerId = partnerOf(pair, c.actorId);
    const name = personName(participant(c.tx, partnerId) ?? { id: partnerId, name: null });
    lines.push(t('introduction.privacyShared', { name }));
    choices.push(button({ name: 'privacyContact', pair: pair.id }, t('introduction.privacyStop', { name })));
  }
  return { lines, choices };
}

/** For `/mydata`: how the person let each partner reach them. */
export function introductionsForMyData(tx: Tx, participantId: number) {
  return tx
    .select({ pair: pairIntroductions.pairId, contactShared: pairIntroductions.shareContact, answeredAt: pairIntroductions.answeredAt, withdrawnAt: pairIntroductions.withdrawnAt })
    .from(pairIntroductions)
    .where(eq(pairIntroductions.participantId, participantId))
    .all();
}

/** Everything of the introductions in the person's pairs goes: their own choices and their partners' for those pairs. */
export function eraseIntroductionsOf(tx: Tx, participantId: number): void {
  const pairIds = pairIdsOf(tx, participantId);
  tx.delete(pairIntroductions).where(eq(pairIntroductions.participantId, participantId)).run();
  if (pairIds.length > 0) tx.delete(pairIntroductions).where(inArray(pairIntroductions.pairId, pairIds)).run();
}

/** "Write to Maria": the button after a pair's messages that starts a message to the partner through Kompis. */
export function writeButton(tx: Tx, pair: Pair, memberId: number): Choice {
  const partnerId = partnerOf(pair, memberId);
  return button({ name: 'write', pair: pair.id }, t('relay.writeTo', { name: personName(participant(tx, partnerId) ?? { id: partnerId, name: null }) }));
}

function choiceOf(tx: Tx, pairId: number, participantId: number) {
  return tx
    .select()
    .from(pairIntroductions)
    .where(and(eq(pairIntroductions.pairId, pairId), eq(pairIntroductions.participantId, participantId)))
    .get();
}

/** What the person's channel lets a partner reach them by, from the address they wrote from last. */
function contactOf(tx: Tx, participantId: number): ChannelContact | undefined {
  const address = addressOf(tx, participantId);
  if (!address || !isChannelName(address.channel)) return undefined;
  return CHANNELS[address.channel].contact({ externalUserId: address.externalUserId, handle: address.handle });
}

function contactText(contact: ChannelContact): Text {
  return t(`introduction.contact.${contact.kind}`, { value: contact.value });
}

function introductionKey(pairId: number, memberId: number): string {
  return `introduction:${pairId}:${memberId}`;
}
