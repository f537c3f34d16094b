import { randomInt } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { joinCodes, participants } from '../../db/schema';

/** Letters and digits nobody mixes up when reading a code aloud or off a note (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 10;

/** A code as people type it: upper case, without spaces or dashes; undefined for anything that cannot be one. */
export function readJoinCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return code.length === LENGTH && [...code].every((ch) => ALPHABET.includes(ch)) ? code : undefined;
}

/**
 * Gives an imported person a new personal code (about 50 bits of chance, so it cannot be guessed
 * in the few tries the chat allows) and returns it.
 */
export function newJoinCode(tx: Tx, participantId: number, now: Date): string {
  for (;;) {
    const code = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const taken = tx.select({ id: joinCodes.participantId }).from(joinCodes).where(eq(joinCodes.code, code)).get();
    if (taken) continue;
    tx.insert(joinCodes).values({ participantId, code, createdAt: now.toISOString() }).run();
    return code;
  }
}

/** The personal code of someone who has not started a chat with it yet, or undefined. */
export function joinCodeOf(tx: Tx | Db, participantId: number): string | undefined {
  return tx.select({ code: joinCodes.code }).from(joinCodes).where(eq(joinCodes.participantId, participantId)).get()?.code;
}

/** Who a code belongs to, if it is one not used yet. */
export function joinCodeOwner(tx: Tx, code: string): number | undefined {
  return tx.select({ id: joinCodes.participantId }).from(joinCodes).where(eq(joinCodes.code, code)).get()?.id;
}

/** The imported people of a programme who have not started their chat yet, with their codes, oldest first. */
export function waitingJoinCodes(db: Db | Tx, programmeId: string): { participantId: number; name: string; role: string; code: string }[] {
  return db
    .select({ participantId: joinCodes.participantId, name: participants.name, role: participants.role, code: joinCodes.code })
    .from(joinCodes)
    .innerJoin(participants, eq(participants.id, joinCodes.participantId))
    .where(and(eq(participants.programmeId, programmeId), isNull(participants.erasedAt)))
    .orderBy(asc(joinCodes.participantId))
    .all()
    .map((r) => ({ ...r, name: r.name ?? '' }));
}
