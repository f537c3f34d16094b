import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { alerts, checkins } from '../../db/schema';
import { OPEN } from '../alerts/alertKinds';
import { parseAnswers } from '../people/storedAnswers';
import type { Pair } from './pairs';
import { lastMeetingOf } from './meetingSign';
import { t, type Text } from '../text/messages';

/** How a pair is doing, as a coordinator's list shows it. */
export interface PairHealth {
  /** The day of the last sign of a meeting (YYYY-MM-DD, see `lastMeetingOf`), or null before the pair started. */
  lastSign: string | null;
  /** Each member's latest check-in rating (1–5), or null. */
  ratings: { mentee: number | null; mentor: number | null };
  openAlerts: number;
}

/** The health of one pair, from its meetings, check-ins and open alerts. */
export function pairHealth(tx: Tx, pair: Pick<Pair, 'id' | 'menteeId' | 'mentorId'>, timeZone: string): PairHealth {
  const answered = tx
    .select({ participantId: checkins.participantId, answers: checkins.answers, answeredAt: checkins.answeredAt })
    .from(checkins)
    .where(and(eq(checkins.pairId, pair.id), isNotNull(checkins.answeredAt)))
    .orderBy(desc(checkins.round))
    .all()
    .map((c) => ({ ...c, answers: parseAnswers(c.answers ?? '{}') }));
  const rating = (memberId: number) => {
    const value = answered.find((c) => c.participantId === memberId)?.answers.rating;
    return typeof value === 'number' ? value : typeof value === 'string' && /^[1-5]$/.test(value) ? Number(value) : null;
  };
  const openAlerts =
    tx
      .select({ n: sql<number>`count(*)` })
      .from(alerts)
      .where(and(eq(alerts.pairId, pair.id), inArray(alerts.status, [...OPEN])))
      .get()?.n ?? 0;
  return {
    lastSign: lastMeetingOf(tx, pair.id, timeZone)?.day ?? null,
    ratings: { mentee: rating(pair.menteeId), mentor: rating(pair.mentorId) },
    openAlerts,
  };
}

/** "Last sign of a meeting: … · ratings: … · open alerts: … · ends …", under a running pair. */
export function healthLine(health: PairHealth, pair: Pair): Text {
  return t('coordinator.pairs.health', {
    date: health.lastSign ?? '',
    mentee: health.ratings.mentee ?? '–',
    mentor: health.ratings.mentor ?? '–',
    alerts: health.openAlerts,
    ends: pair.endsOn ?? '',
  });
}
