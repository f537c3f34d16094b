import type { Tx } from '../../db/client';
import type { AlertScope } from '../alerts/alertKinds';
import { localDay } from '../text/calendar';
import type { Programme } from '../settings/programme';
import type { ErasedAddress } from '../privacy/afterErasure';

/** What a scheduled job works with: the open transaction, the programme and the moment of the run (an `AlertScope`), and the day. */
export interface JobContext extends AlertScope {
  /** The day it is in the programme's time zone. */
  today: string;
  /** A stored moment as a day in the programme's time zone. */
  dayOf(iso: string): string;
  /** Whom the job erased, for what is done once its transaction is committed (see `afterErasure`). */
  erased: ErasedAddress[];
}

/** A scheduled job: computes from the database what is due at `j.now` and does it. Idempotent. */
export type Job = (j: JobContext) => void;

export function jobContext(tx: Tx, programme: Programme, now: Date): JobContext {
  return { tx, programme, now, today: localDay(now, programme.timezone), dayOf: (iso) => localDay(new Date(iso), programme.timezone), erased: [] };
}

export function daysAgo(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}
