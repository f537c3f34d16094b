import type { Choice, OutMessage, Param, Text } from '../text/messages';
import type { Session } from '../conversation/session';
import { PERSON_TEXT_KEYS } from '../text/personText';

/** What an erased person's name becomes where it was shown to others. */
export const ERASED_NAME = '…';

/** Who is being erased, and the pairs and check-ins a partner's open conversation may name them by. */
export interface ErasedPerson {
  id: number;
  pairIds: ReadonlySet<number>;
  checkinIds: ReadonlySet<number>;
}

/**
 * A waiting message for someone else, without the erased person: undefined when the message is
 * about them (carries their answers, goals or notes) and must not be sent at all; else the message
 * with their name taken out of every text tagged with their id, and nothing else changed.
 */
export function messageWithoutPerson(message: OutMessage, personId: number): OutMessage | undefined {
  if (message.about?.includes(personId)) return undefined;
  return {
    ...message,
    lines: message.lines.map((line) => textWithout(line, personId)),
    ...(message.choices ? { choices: choicesWithout(message.choices, personId) } : {}),
  };
}

/**
 * Someone else's open conversation without the erased person: their name out of the menu's labels
 * (the choices stay, so a number typed still means what was shown) and out of a form started about
 * their pair (a kickoff, a meeting, a check-in). Answers the owner gave are theirs and stay as they are.
 */
export function sessionWithoutPerson(session: Session, person: ErasedPerson): Session {
  const form = session.form;
  const given = form?.given;
  const names =
    given !== undefined &&
    (given.partnerId === person.id ||
      (given.partnerId === undefined &&
        ((typeof given.pair === 'number' && person.pairIds.has(given.pair)) || (typeof given.checkin === 'number' && person.checkinIds.has(given.checkin)))));
  return {
    ...session,
    form: form && names && given.partner !== undefined ? { ...form, given: { ...given, partner: ERASED_NAME } } : form,
    ...(session.menu ? { menu: choicesWithout(session.menu, person.id) } : {}),
  };
}

function choicesWithout(choices: Choice[], personId: number): Choice[] {
  return choices.map((choice) => ({ ...choice, label: textWithout(choice.label, personId) }));
}

function textWithout(text: Text, personId: number): Text {
  if (!text.params) return text;
  if (PERSON_TEXT_KEYS.has(text.key) && text.params.id === personId) return { ...text, params: { ...text.params, name: ERASED_NAME } };
  const params: Record<string, Param> = {};
  for (const [name, value] of Object.entries(text.params)) params[name] = paramWithout(value, personId);
  return { ...text, params };
}

function paramWithout(value: Param, personId: number): Param {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (Array.isArray(value)) return value.map((v) => textWithout(v, personId));
  if ('known' in value) return value;
  return textWithout(value, personId);
}
