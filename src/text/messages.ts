/**
 * The message vocabulary that flows speak: texts to translate (keys with parameters, never rendered
 * text), choices, files, and what a person replied. Channels and delivery build on it; it imports
 * nothing.
 */

/** What the person replied: words they typed, or the value of a button they pressed. */
export type Reply = { kind: 'text'; text: string } | { kind: 'choice'; value: string };

/**
 * A piece of text to translate. A param may itself be a `Text`, which is translated first (so a
 * summary line can carry a translated question label and a translated option label).
 */
export interface Text {
  key: string;
  params?: Record<string, Param>;
  /** Render in this language instead of the recipient's (the language picker names each language in itself). */
  lng?: string;
}
/**
 * Words that Kompis or the programme set, never a person's: a code (a country, a language), the
 * programme's name or contact. A sentence with them is translated once and kept, like one with only
 * numbers; a plain string is taken for a person's words, and kept out of memory.
 */
export interface Known {
  known: string;
}
export type Param = string | number | Known | Text | Text[];

export interface Choice {
  value: string;
  label: Text;
  /** The choice answers yes or no, so the language's usual words for it choose it. */
  means?: 'yes' | 'no';
  /**
   * The number a person types for this choice, when it is not its place in the list: the alert's,
   * person's or pair's own number in a coordinator's list. The message's lines must show that number
   * beside what the choice opens; where there are no buttons, such choices are not listed again.
   */
  number?: number;
}

/** A file sent with a message (a person's own data as JSON, a calendar file); the lines are its caption. */
export interface Document {
  filename: string;
  mimeType: 'application/json' | 'text/calendar';
  content: string;
}

/** A message as flows produce it: lines of text to translate and, optionally, choices or a file. */
export interface OutMessage {
  lines: Text[];
  choices?: Choice[];
  document?: Document;
  /**
   * The people whose own data (answers, goals, notes) the message carries, when that is not its
   * recipient: if one of them erases their data while the message waits, it is not sent.
   */
  about?: number[];
}

/** Shorthand used by flows: `t('intake.goal.prompt', { n: 3 })`. */
export function t(key: string, params?: Record<string, Param>): Text {
  return params ? { key, params } : { key };
}

/** Shorthand used by flows: `t('intake.about.what', { country: known(p.country) })`. */
export function known(value: string): Known {
  return { known: value };
}
