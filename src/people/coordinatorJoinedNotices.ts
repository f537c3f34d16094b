import { personLabel } from '../text/personText';
import type { Tx } from '../../db/client';
import { t } from '../text/messages';
import { coordinatorsOf, type Notice, participant } from './people';

/**
 * The message to every coordinator but the new one that `newId` is now a coordinator: with the
 * invite code on `channel`, or added by the operator. A code that leaked is noticed the day it is
 * used. Call it before the new coordinator's role is set, or also after: they are left out.
 */
export function coordinatorJoinedNotices(tx: Tx, programmeId: string, newId: number, how: { channel: string } | 'operator'): Notice[] {
  const person = participant(tx, newId);
  const who = personLabel(person ?? { id: newId, name: null });
  const message =
    how === 'operator'
      ? { lines: [t('coordinator.joined.operator', { who })] }
      : { lines: [t('coordinator.joined.code', { who, channel: CHANNEL_NAMES[how.channel] ?? how.channel })] };
  return coordinatorsOf(tx, programmeId)
    .filter((id) => id !== newId)
    .map((participantId) => ({ participantId, message }));
}

/** The platforms' own names, the same in every language. */
const CHANNEL_NAMES: Record<string, string> = { console: 'Console', telegram: 'Telegram', slack: 'Slack', whatsapp: 'WhatsApp' };
