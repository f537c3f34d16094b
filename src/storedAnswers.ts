import { z } from 'zod';
import type { Answers } from '../flows/types';

const answersSchema = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.number()]));

/** Answers as stored in a JSON column; anything that is not an answer is left out. */
export function parseAnswers(json: string): Answers {
  try {
    const result = answersSchema.safeParse(JSON.parse(json));
    return result.success ? result.data : {};
  } catch {
    return {};
  }
}
