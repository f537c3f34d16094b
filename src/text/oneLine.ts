/** Line breaks of every kind, with the spaces around them. */
// eslint-disable-next-line no-control-regex -- vertical tab and form feed break lines too
const LINE_BREAKS = /[^\S\n\r\u000b\u000c\u0085\u2028\u2029]*[\n\r\u000b\u000c\u0085\u2028\u2029]+\s*/gu;
/**
 * Control characters, and the bidirectional embeddings, overrides and isolates that would reorder
 * the rest of the line around a text (the renderer isolates texts itself where a language needs it).
 */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** More combining marks on one letter than any script writes ("Zalgo" text spills over the lines around it). */
const STACKED_MARKS = /(\p{M}{4})\p{M}+/gu;

/** What a line break becomes: visible, so a text cannot pass for lines of Kompis's own. */
export const LINE_BREAK_MARK = ' ↵ ';

/**
 * A text a person wrote, fit to stand inside a line of Kompis's own (a coordinator's list, a menu, an
 * alert): one line, line breaks shown as ↵, tabs as spaces, no control or direction characters, at
 * most four combining marks on a letter. Use it wherever such a text is shown to someone else; what
 * is stored stays as the person wrote it.
 */
export function oneLine(text: string): string {
  return withoutStackedMarks(text.normalize('NFC')).replace(CONTROLS, '').trim().replace(LINE_BREAKS, LINE_BREAK_MARK).replace(/\t+/g, ' ');
}

/** The text with at most four combining marks on a letter; scripts that stack marks use fewer. */
export function withoutStackedMarks(text: string): string {
  return text.replace(STACKED_MARKS, '$1');
}
