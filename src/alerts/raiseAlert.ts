import { tellCoordinators } from './tellCoordinators';
import { type AlertKind, type AlertScope, OPEN, OUTLIVE_PAIR, PER_MEMBER, PRIORITY } from './alertKinds';
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { alerts } from '../../db/schema';

/**
 * Opens an alert unless this occasion (`dedupeKey`) raised one before or the pair (or person) already
 * has an open alert of this kind, and tells the coordinators: at once, or in the daily digest when the
 * programme wants one (a request to be contacted goes at once either way). Returns the new alert's id.
 */
export function raiseAlert(
  s: AlertScope,
  alert: { kind: AlertKind; dedupeKey: string; pairId?: number; participantId?: number; details?: Record<string, string | number> },
): number | undefined {
  const { tx, programme, now } = s;
  const member = alert.participantId === undefined ? undefined : eq(alerts.participantId, alert.participantId);
  const subject = alert.pairId === undefined ? member : and(eq(alerts.pairId, alert.pairId), PER_MEMBER.includes(alert.kind) ? member : undefined);
  const open = tx
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(eq(alerts.kind, alert.kind), subject, inArray(alerts.status, [...OPEN])))
    .get();
  if (open) return undefined;
  const created = tx
    .insert(alerts)
    .values({
      programmeId: programme.id,
      kind: alert.kind,
      priority: PRIORITY[alert.kind],
      dedupeKey: alert.dedupeKey,
      pairId: alert.pairId ?? null,
      participantId: alert.participantId ?? null,
      details: JSON.stringify(alert.details ?? {}),
      status: 'open',
      openedAt: now.toISOString(),
    })
    .onConflictDoNothing()
    .returning()
    .get();
  if (!created) return undefined;
  if (!programme.alerts.digest || PRIORITY[alert.kind] === 'high') tellCoordinators(s, created, `alert:${created.id}`);
  return created.id;
}

/**
 * Closes a pair's open alerts of these kinds, or all that end with the pair when none are named: what
 * they were about is over.
 */
export function resolveAlertsOf(tx: Tx, pairId: number, now: Date, kinds?: AlertKind[]): void {
  const which = kinds ? inArray(alerts.kind, kinds) : notInArray(alerts.kind, OUTLIVE_PAIR);
  tx.update(alerts)
    .set({ status: 'resolved', resolvedAt: now.toISOString() })
    .where(and(eq(alerts.pairId, pairId), inArray(alerts.status, [...OPEN]), which))
    .run();
}

/** Closes a person's open alerts of these kinds (they wrote again; they got a proposal). */
export function resolvePersonAlerts(tx: Tx, participantId: number, now: Date, kinds: AlertKind[]): void {
  tx.update(alerts)
    .set({ status: 'resolved', resolvedAt: now.toISOString() })
    .where(and(eq(alerts.participantId, participantId), inArray(alerts.status, [...OPEN]), inArray(alerts.kind, kinds)))
    .run();
}
