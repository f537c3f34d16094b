import { and, count, eq, gte, like, lte, min } from 'drizzle-orm';
import type { Store } from '../../db/client';
import { outbox } from '../../db/schema';
import type { ChannelAdapter, ChannelState } from '../channels/channel';
import type { Clock } from '../runtime/clock';
import type { Readiness } from './httpServer';
import { INVITATION_KEY } from '../delivery/outboxQueries';

export interface ReadinessDeps {
  store: Store;
  adapters: ChannelAdapter[];
  clock: Clock;
  /** Whether every adapter has started (before that, Kompis is not ready). */
  started: () => boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What `/readyz` answers: ready when every channel has started and none has failed, and the database
 * takes writes. The outbox's figures are shown for the operator's monitoring, not judged: a queue
 * that waits for a rate limit is normal.
 */
export function readiness(deps: ReadinessDeps): Readiness {
  const database = databaseWritable(deps.store);
  const channels: Record<string, ChannelState | 'starting'> = {};
  for (const adapter of deps.adapters) channels[adapter.channel] = deps.started() ? (adapter.state?.() ?? 'connected') : 'starting';
  const states = Object.values(channels);
  return {
    ready: database === 'writable' && states.every((s) => s !== 'failed' && s !== 'starting'),
    database,
    outbox: readable(() => outboxFigures(deps.store, deps.clock.now())),
    channels,
    // What WhatsApp charges for: the approved templates sent outside the reply window.
    ...(deps.adapters.some((a) => a.capabilities.replyWindowMs !== undefined)
      ? { templates: readable(() => ({ sentLastDay: templatesSent(deps.store, new Date(deps.clock.now().getTime() - DAY_MS)) })) }
      : {}),
  };
}

/** The reply invitations (WhatsApp templates, which Meta charges for) sent since `since`. */
export function templatesSent(store: Store, since: Date): number {
  return (
    store.db
      .select({ n: count() })
      .from(outbox)
      .where(and(eq(outbox.status, 'sent'), like(outbox.dedupeKey, `${INVITATION_KEY}%`), gte(outbox.sentAt, since.toISOString())))
      .get()?.n ?? 0
  );
}

/** The outbox as a monitor reads it. `givenUpLastDay` counts by the time of each message's last try. */
export function outboxFigures(store: Store, now: Date): { pending: number; oldestDueSeconds: number | null; givenUpLastDay: number } {
  const { db } = store;
  const iso = now.toISOString();
  const pending = db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending')).get()?.n ?? 0;
  const oldest = db
    .select({ at: min(outbox.nextAttemptAt) })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, iso)))
    .get()?.at;
  const givenUp =
    db
      .select({ n: count() })
      .from(outbox)
      .where(and(eq(outbox.status, 'dead'), gte(outbox.nextAttemptAt, new Date(now.getTime() - DAY_MS).toISOString())))
      .get()?.n ?? 0;
  const oldestDueSeconds = oldest ? Math.max(0, Math.round((now.getTime() - Date.parse(oldest)) / 1000)) : null;
  return { pending, oldestDueSeconds, givenUpLastDay: givenUp };
}

function readable<T>(read: () => T): T | 'unreadable' {
  try {
    return read();
  } catch {
    return 'unreadable';
  }
}

/**
 * Whether SQLite takes a write now: the write lock is taken and a write that changes nothing is run,
 * then rolled back, so the check leaves nothing in the file or its log.
 */
function databaseWritable(store: Store): string {
  const { sqlite } = store;
  try {
    sqlite.exec('begin immediate');
    try {
      sqlite.prepare('update programmes set name = name where 0').run();
    } finally {
      sqlite.exec('rollback');
    }
    return 'writable';
  } catch (err) {
    return `not writable: ${err instanceof Error ? err.message : String(err)}`;
  }
}
