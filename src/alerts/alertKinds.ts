import type { Tx } from '../../db/client';
import { alerts } from '../../db/schema';
import type { Programme } from '../settings/programme';

export type Alert = typeof alerts.$inferSelect;

/** Every kind of alert, and how urgent it is. */
export const PRIORITY = {
  contactRequest: 'high',
  lowRating: 'normal',
  inactive: 'normal',
  checkinsUnanswered: 'normal',
  unreachable: 'normal',
  waitingForMatch: 'normal',
  proposalUnanswered: 'normal',
  disagreement: 'low',
  fitNo: 'normal',
  fitUnsure: 'low',
} as const satisfies Record<string, Alert['priority']>;
export type AlertKind = keyof typeof PRIORITY;

/** Kinds about one member: each member of a pair can have one open, so one never hides the other's. */
export const PER_MEMBER: AlertKind[] = ['contactRequest', 'lowRating', 'unreachable', 'checkinsUnanswered', 'fitNo', 'fitUnsure'];
/** Kinds that stay open when their pair ends: a person who asked to be contacted still waits for it. */
export const OUTLIVE_PAIR: AlertKind[] = ['contactRequest'];
export const OPEN = ['open', 'snoozed'] as const;

export interface AlertScope {
  tx: Tx;
  programme: Programme;
  now: Date;
}
