import { isScale } from '../../flows/parseAnswer';
import type { Translator } from '../text/i18n';
import { isolate, withoutIsolation, writtenNumber } from '../text/languages';
import type { OutMessage } from '../text/messages';
import type { ChannelCapabilities, RenderedMessage } from '../channels/channel';

/**
 * Renders a message in `language` for a channel. Choices become buttons when the channel can show
 * them all with their labels whole; otherwise they are written as a numbered list, and the person
 * answers with the number or the words. Choices with a number of their own are not written again:
 * the lines show their numbers. A file goes along where the channel sends files, else its
 * content is written after the text.
 */
export function renderMessage(message: OutMessage, language: string, translator: Translator, capabilities: ChannelCapabilities): RenderedMessage {
  const choices = (message.choices ?? []).map((c) => ({
    value: c.value,
    label: translator.translate(c.label, language),
  }));
  const asButtons =
    choices.length > 0 &&
    choices.length <= capabilities.maxButtons &&
    choices.every((c) => c.label.length <= capabilities.maxButtonLabel && Buffer.byteLength(c.value) <= (capabilities.maxChoiceValueBytes ?? Number.POSITIVE_INFINITY));
  // Where nothing can be tapped, the words say to write a number instead ("tap a button" would mislead).
  const typed = capabilities.maxButtons === 0 || (choices.length > 0 && !asButtons);
  const lines = message.lines.map((line) => (typed ? translator.translateTyped(line, language) : translator.translate(line, language)));
  // On a scale the labels are the numbers people type, so the list is not numbered again; choices
  // whose values are numbers but whose labels are words ("One", "Two") are numbered like any other.
  const ownNumbers =
    isScale(choices) && choices.every((c) => c.value.startsWith('@') || [c.value, writtenNumber(c.value, language)].some((n) => withoutIsolation(c.label).startsWith(n)));
  const numbered = (c: { label: string }, i: number) => (ownNumbers ? c.label : `${isolate(`${writtenNumber(i + 1, language)}.`, language)} ${c.label}`);
  // A choice with its own number (a coordinator's list) is shown, with that number, in the lines.
  const listed = choices.filter((_, i) => message.choices?.[i]?.number === undefined);
  const list = listed.length > 0 && !asButtons ? `\n\n${listed.map(numbered).join('\n')}` : '';
  const { document } = message;
  // A calendar file only repeats the lines' time and place: where no file can be sent, it is left out.
  const inline = document && !capabilities.documents && document.mimeType !== 'text/calendar' ? `\n\n${document.content}` : '';
  return {
    text: lines.join('\n') + list + inline,
    choices: asButtons ? choices : [],
    keys: message.lines.map((line) => line.key),
    language,
    ...(document && capabilities.documents ? { document } : {}),
  };
}
