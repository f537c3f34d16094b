import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { keepsNothingOf } from '../privacy/forgetRefusal';
import { channelIdentities, consents, flowStates, joinCodes, participants } from '../../db/schema';
import { cleanText } from '../../flows/parseAnswer';
import type { Inbound } from '../channels/channel';
import { parseCommand } from '../conversation/actions';
import { joinCodeOwner, readJoinCode } from './joinCodes';

/**
 * What a `/start CODE` (or a start link carrying the code) with an imported person's personal code
 * did: `linked` — this chat is now theirs and the code is used up; `inUse` — the chat already
 * belongs to someone Kompis keeps data about, so it is not moved and the code stays as it was.
 */
export type Joined = { kind: 'linked'; participantId: number } | { kind: 'inUse' };

/**
 * Links the chat a message comes from to the imported person whose personal code it carries. A chat
 * that only just began (nothing kept about its person: no consent, application or registration) is
 * moved to them, and what little there was of it is forgotten. Undefined when the message carries no
 * code of anyone: it is then an ordinary message (and a wrong code counts as a wrong try).
 */
export function joinWithCode(tx: Tx, inbound: Inbound, now: Date): Joined | undefined {
  if (inbound.content.kind !== 'text') return undefined;
  const command = parseCommand(cleanText(inbound.content.text));
  const code = command?.name === 'start' ? readJoinCode(command.args.join('')) : undefined;
  const owner = code === undefined ? undefined : joinCodeOwner(tx, code);
  if (owner === undefined) return undefined;
  const identity = tx
    .select({ id: channelIdentities.id, participantId: channelIdentities.participantId })
    .from(channelIdentities)
    .where(and(eq(channelIdentities.channel, inbound.channel), eq(channelIdentities.externalUserId, inbound.externalUserId)))
    .get();
  if (identity && !keepsNothingOf(tx, identity.participantId)) return { kind: 'inUse' };
  if (identity) {
    tx.update(channelIdentities).set({ participantId: owner }).where(eq(channelIdentities.id, identity.id)).run();
    forgetStub(tx, identity.participantId, now);
  } else {
    tx.insert(channelIdentities)
      .values({
        participantId: owner,
        channel: inbound.channel,
        externalUserId: inbound.externalUserId,
        conversationRef: JSON.stringify(inbound.conversationRef),
        locale: inbound.locale ?? null,
      })
      .run();
  }
  tx.delete(joinCodes).where(eq(joinCodes.participantId, owner)).run();
  return { kind: 'linked', participantId: owner };
}

/** The chat's first person, now empty: their conversation and language go, as after a refusal (see `forgetRefusal`). */
function forgetStub(tx: Tx, participantId: number, now: Date): void {
  tx.delete(consents).where(eq(consents.participantId, participantId)).run();
  tx.delete(flowStates).where(eq(flowStates.participantId, participantId)).run();
  tx.update(participants).set({ name: null, language: null, erasedAt: now.toISOString() }).where(eq(participants.id, participantId)).run();
}
