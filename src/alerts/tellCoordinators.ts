import { alertMessage } from './alertView';
import { type Alert, type AlertScope } from './alertKinds';
import { button } from '../conversation/actions';
import { t } from '../text/messages';
import { notify } from '../conversation/notify';
import { coordinatorsOf, personNameOf } from '../people/people';
import { partnerOf } from '../pairs/pairs';

/** Sends an alert with its context to every coordinator; `key` names this sending. */
export function tellCoordinators(s: AlertScope, alert: Alert, key: string): void {
  const message = alertMessage(s.tx, alert, s.programme.timezone);
  for (const coordinator of coordinatorsOf(s.tx, s.programme.id)) {
    notify(s.tx, s.programme, { participantId: coordinator, message, dedupeKey: `${key}:${coordinator}` }, s.now);
  }
}

/** A kind word to both members of a quiet pair, with a button to log a meeting; false when `key` was used before. */
export function nudgePair(s: AlertScope, pair: { id: number; menteeId: number; mentorId: number }, key: string): boolean {
  let sent = false;
  for (const memberId of [pair.menteeId, pair.mentorId]) {
    const message = {
      lines: [t('nudge.text', { name: personNameOf(s.tx, partnerOf(pair, memberId)) }), t('nudge.why')],
      choices: [button({ name: 'met', pair: pair.id }, t('meeting.action')), button({ name: 'contact' }, t('threads.action.write'))],
    };
    if (notify(s.tx, s.programme, { participantId: memberId, message, dedupeKey: `${key}:${memberId}` }, s.now)) sent = true;
  }
  return sent;
}
