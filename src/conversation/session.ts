import { z } from 'zod';
import { asciiDigits, cleanText, matchActionStrictly, optionsByFirstWord } from '../../flows/parseAnswer';
import { actsOnOneWord, decodeAction } from './actions';
import type { FlowContext, FormState } from '../../flows/types';
import { choiceSchema } from '../delivery/messageSchema';
import type { Choice, OutMessage } from '../text/messages';
import type { InboundContent } from '../channels/channel';

/**
 * What is kept between two messages of one person: the form they are filling in, and a small
 * question asked over it (which language, or "do you really want to stop?").
 */
export interface Session {
  form: FormState | null;
  overlay: 'language' | 'cancel' | null;
  /**
   * The command choices last offered outside a form (a coordinator's list, a proposal's yes and
   * no), so that typing a number or the words of one works as pressing its button.
   */
  menu?: Choice[];
  /** The command that showed a menu of numbered choices (`/alerts 2`): how to see the list again. */
  menuCommand?: string;
}

/** A list's command is kept this long at most: a command with its number, not a message. */
const MENU_COMMAND_MAX = 60;

const answer = z.union([z.string(), z.array(z.string()), z.number()]);

const formStateSchema = z.object({
  flowId: z.string(),
  version: z.int(),
  stepId: z.string(),
  answers: z.record(z.string(), answer),
  given: z.record(z.string(), answer).default({}),
  history: z.array(z.string()),
  editing: z.boolean(),
  picked: z.array(z.string()),
});

const sessionSchema = z.object({
  form: formStateSchema.nullable(),
  overlay: z.enum(['language', 'cancel']).nullable(),
  menu: z.array(choiceSchema).optional(),
  menuCommand: z.string().max(MENU_COMMAND_MAX).optional(),
});

/** Parses a stored session; undefined when it is not a session any more (a bug or a hand edit). */
export function parseSession(json: string): Session | undefined {
  try {
    const result = sessionSchema.safeParse(JSON.parse(json));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

export function isEmptySession(session: Session | null): boolean {
  return session === null || (session.form === null && session.overlay === null && !session.menu?.length);
}

/** Outside a form, a typed number or the words of a choice from the last menu mean that choice. */
export function menuChoice(session: Session | null, content: InboundContent, ctx: FlowContext): InboundContent | undefined {
  if (session?.form || !session?.menu || content.kind !== 'text' || cleanText(content.text).startsWith('/')) {
    return undefined;
  }
  const numbered = numberedChoice(session.menu, content.text);
  if (numbered !== undefined) return numbered ? { kind: 'choice', value: numbered.value } : undefined;
  const option = matchActionStrictly(session.menu, content.text, ctx.translate) ?? firstWordChoice(session.menu, content.text, ctx);
  return option ? { kind: 'choice', value: option.value } : undefined;
}

/**
 * The last menu's choices, when a typed word outside a form begins one or more of their labels but
 * `menuChoice` did not take it (it begins several, or an action a word must not do on its own):
 * the person meant the menu, so it is shown again rather than a reply about something else.
 */
export function menuAgain(session: Session | null, content: InboundContent, ctx: FlowContext): Choice[] | undefined {
  if (session?.form || !session?.menu || content.kind !== 'text' || cleanText(content.text).startsWith('/')) return undefined;
  return optionsByFirstWord(session.menu, content.text, ctx.translate).length > 0 ? session.menu : undefined;
}

/**
 * The one choice whose label begins with the typed word ("nudge" → "Nudge the pair"), when a word is
 * enough for what it does (`actsOnOneWord`: nudging, snoozing, showing); ending or pausing a pair,
 * deciding on an application and the like still need the number or the whole label.
 */
function firstWordChoice(menu: Choice[], typed: string, ctx: FlowContext): Choice | undefined {
  const found = optionsByFirstWord(menu, typed, ctx.translate);
  const only = found.length === 1 ? found[0] : undefined;
  const action = only ? decodeAction(only.value) : undefined;
  return only && action && actsOnOneWord(action) ? only : undefined;
}

/**
 * The session with `message`'s command choices as its menu (or none); a form in it is kept. `from`
 * is the command that showed the message, kept with a list of numbered choices to show it again.
 */
export function withMenu(session: Session | null, message: OutMessage | undefined, from?: string): Session | null {
  if (session?.form) return session;
  const choices = message?.choices ?? [];
  const menu = choices.length > 0 && choices.every((c) => c.value.startsWith('/')) ? choices : undefined;
  const numbered = menu?.some((c) => c.number !== undefined) && from !== undefined && from.length <= MENU_COMMAND_MAX;
  return numbered ? { form: null, overlay: null, menu, menuCommand: from } : { form: null, overlay: null, menu };
}

/**
 * A typed number that is not among the numbers of the last list (a coordinator's `/alerts`,
 * `/applications`, `/suggest`), with the command that shows that list again; undefined otherwise.
 */
export function missingFromMenu(session: Session | null, content: InboundContent): { number: string; command: string } | undefined {
  if (session?.form || !session?.menu || !session.menuCommand || content.kind !== 'text') return undefined;
  const typed = asciiDigits(cleanText(content.text));
  if (numberedChoice(session.menu, typed) !== null) return undefined;
  return { number: typed.replace(/^#\s*/, ''), command: session.menuCommand };
}

/**
 * In a menu whose choices carry their own numbers (a coordinator's list), a typed number ("12",
 * "#12") means the choice with that number, never the twelfth: null when none has it. Undefined when
 * the menu has no such numbers or the text is not a number.
 */
function numberedChoice(menu: Choice[], typed: string): Choice | null | undefined {
  if (!menu.some((c) => c.number !== undefined)) return undefined;
  const digits = /^#?\s*(\d{1,15})$/.exec(asciiDigits(cleanText(typed)))?.[1];
  if (digits === undefined) return undefined;
  return menu.find((c) => c.number === Number(digits)) ?? null;
}
