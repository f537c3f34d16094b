import { z } from 'zod';
import type { FormState } from '../flows/types';
import { choiceSchema } from './messageSchema';
import type { Choice } from './messages';

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
}

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
