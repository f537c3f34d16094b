import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { deskLinks, deskSessions, participants } from '../../db/schema';

/** A sign-in link works this long after `/desk`, and once. */
export const DESK_LINK_MS = 10 * 60 * 1000;

/** A desk session lasts a working day; then the coordinator asks for a new link. */
export const DESK_SESSION_MS = 12 * 60 * 60 * 1000;

/** The signed-in coordinator behind a desk request. */
export interface DeskSession {
  coordinatorId: number;
  language: string | null;
  csrf: string;
  flash: string | null;
  idHash: string;
}

/** A new one-time sign-in link's token for a coordinator; only its hash is stored. */
export function createDeskLink(tx: Tx, coordinatorId: number, now: Date): string {
  const token = randomBytes(32).toString('base64url');
  tx.insert(deskLinks)
    .values({ tokenHash: hash(token), coordinatorId, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + DESK_LINK_MS).toISOString() })
    .run();
  return token;
}

/**
 * Uses a sign-in link: a new session's cookie value when the link is unused, not expired and its
 * coordinator is still one; else undefined, and the link cannot be used again either way.
 */
export function signIn(db: Db, token: string, now: Date): string | undefined {
  return db.transaction(
    (tx) => {
      const link = tx
        .select()
        .from(deskLinks)
        .where(eq(deskLinks.tokenHash, hash(token)))
        .get();
      if (!link || link.usedAt !== null) return undefined;
      tx.update(deskLinks).set({ usedAt: now.toISOString() }).where(eq(deskLinks.tokenHash, link.tokenHash)).run();
      if (link.expiresAt <= now.toISOString() || !isCoordinator(tx, link.coordinatorId)) return undefined;
      const id = randomBytes(32).toString('base64url');
      tx.insert(deskSessions)
        .values({
          idHash: hash(id),
          coordinatorId: link.coordinatorId,
          csrf: randomBytes(24).toString('base64url'),
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + DESK_SESSION_MS).toISOString(),
        })
        .run();
      return id;
    },
    { behavior: 'immediate' },
  );
}

/** The session behind a cookie's value, while it lasts and its coordinator is still a coordinator. */
export function deskSession(tx: Tx, cookie: string | undefined, now: Date): DeskSession | undefined {
  if (!cookie) return undefined;
  const row = tx
    .select({ coordinatorId: deskSessions.coordinatorId, csrf: deskSessions.csrf, flash: deskSessions.flash, idHash: deskSessions.idHash, language: participants.language })
    .from(deskSessions)
    .innerJoin(participants, eq(participants.id, deskSessions.coordinatorId))
    .where(and(eq(deskSessions.idHash, hash(cookie)), gt(deskSessions.expiresAt, now.toISOString()), eq(participants.role, 'coordinator'), isNull(participants.erasedAt)))
    .get();
  return row;
}

/** Whether a form's token is the session's own (compared in constant time). */
export function csrfMatches(session: DeskSession, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What the last action answered, shown once on the next page (null clears it). */
export function setFlash(tx: Tx, session: DeskSession, flash: string | null): void {
  tx.update(deskSessions).set({ flash }).where(eq(deskSessions.idHash, session.idHash)).run();
}

export function signOut(tx: Tx, session: DeskSession): void {
  tx.delete(deskSessions).where(eq(deskSessions.idHash, session.idHash)).run();
}

function isCoordinator(tx: Tx, id: number): boolean {
  const person = tx.select({ role: participants.role, erasedAt: participants.erasedAt }).from(participants).where(eq(participants.id, id)).get();
  return person?.role === 'coordinator' && person.erasedAt === null;
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
