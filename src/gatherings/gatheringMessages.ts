import type { Tx } from '../../db/client';
import { button } from '../conversation/actions';
import { notify } from '../conversation/notify';
import { languageFor } from '../delivery/enqueue';
import { addressOf, participant } from '../people/people';
import type { Programme } from '../settings/programme';
import { localDay } from '../text/calendar';
import { type OutMessage, t, type Text } from '../text/messages';
import { countsOf, type Gathering, textIn, whenAndWhere } from './gatherings';
import { icsFile } from './icsFile';

/** What Kompis tells a person invited to a gathering. */
export type GatheringNews = 'invitation' | 'reminder' | 'changed' | 'cancelled' | 'placeOpened';

/**
 * Queues one message about a gathering to one person, in their language, under `dedupeKey` (a key
 * queued before queues nothing). The invitation and a change carry the calendar file and the answer
 * buttons. The gathering's title and texts are the coordinators' words: one line, in quotation marks.
 */
export function tellInvited(tx: Tx, programme: Programme, news: { gathering: Gathering; participantId: number; kind: GatheringNews; dedupeKey: string; now: Date }): boolean {
  const person = participant(tx, news.participantId);
  if (!person) return false;
  const language = languageFor(programme, person.language, addressOf(tx, person.id)?.locale ?? undefined);
  const message = gatheringMessage(tx, programme, news.gathering, news.kind, language, news.now);
  return notify(tx, programme, { participantId: person.id, message, dedupeKey: news.dedupeKey }, news.now);
}

/** One gathering as a message in `language`: what the news is, when and where, and what to do. */
export function gatheringMessage(tx: Tx, programme: Programme, g: Gathering, kind: GatheringNews | 'show', language: string, now: Date): OutMessage {
  const title = textIn(g.title, language, programme);
  const description = textIn(g.description, language, programme);
  const details = [...whenAndWhere(g, programme), ...(description === '' ? [] : [t('gatherings.description', { text: description })])];
  const count: Text[] = g.showCount ? [t('gatherings.count', { number: countsOf(tx, g.id).yes })] : [];
  const answers = [
    button({ name: 'rsvp', gathering: g.id, answer: 'yes' }, t('gatherings.answer.yes')),
    button({ name: 'rsvp', gathering: g.id, answer: 'no' }, t('gatherings.answer.no')),
    button({ name: 'rsvp', gathering: g.id, answer: 'maybe' }, t('gatherings.answer.maybe')),
  ];
  const file = icsFile(g, programme, language, now);
  switch (kind) {
    case 'invitation':
    case 'show':
      return {
        lines: [t('gatherings.invitation', { title, kind: t(`gatherings.kind.${g.kind}`) }), ...details, ...count, t('gatherings.question')],
        choices: answers,
        document: file,
      };
    case 'changed':
      return { lines: [t('gatherings.changed', { title }), ...details, t('gatherings.question')], choices: answers, document: file };
    case 'reminder':
      return { lines: [t('gatherings.reminder', { title }), ...details] };
    case 'placeOpened':
      return { lines: [t('gatherings.placeOpened', { title }), ...details] };
    case 'cancelled':
      return { lines: [t('gatherings.cancelled', { title, date: localDay(new Date(g.startsAt), programme.timezone) })], document: file };
  }
}
