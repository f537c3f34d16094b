import { t, type Text } from './messages';
import { oneLine } from './oneLine';

/**
 * A person's name in a message is a text tagged with their id, never the bare string: when they
 * erase their data, their name can be taken out of messages still waiting and menus still open
 * without guessing which strings are theirs (another person may have the same name, and a name may
 * be any word: `yes`, `form`). Do not put a person's name into a message any other way.
 */
export const PERSON_TEXT_KEYS: ReadonlySet<string> = new Set(['people.label', 'people.name']);

/**
 * "#12 Amina": how coordinators see a person. The name is made one line (`oneLine`), so no name, not
 * even one stored before names were checked, can add entries to a list.
 */
export function personLabel(person: { id: number; name: string | null }): Text {
  const name = person.name === null ? '' : oneLine(person.name);
  // Before the application is sent, Kompis does not know the name yet.
  return name === '' ? t('people.labelNoName', { id: person.id }) : t('people.label', { id: person.id, name });
}

/** "Amina": a person's first name, as their pair sees it. */
export function personName(person: { id: number; name: string | null }): Text {
  return t('people.name', { id: person.id, name: person.name ?? '' });
}
