import { z } from 'zod';
import type { Answers } from '../../flows/types';
import { parseJson } from '../runtime/parseJson';

export const answersSchema = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.number()]));

/** Answers as stored in a JSON column; anything that is not an answer is left out. */
export function parseAnswers(json: string): Answers {
  return parseJson(json, answersSchema) ?? {};
}
