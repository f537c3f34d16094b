import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import type { Answers } from '../../flows/types';
import { parseJson } from '../runtime/parseJson';

export const answersSchema = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.number()]));

/** Answers as stored in a JSON column; anything that is not an answer is left out. */
export function parseAnswers(json: string): Answers {
  return parseJson(json, answersSchema) ?? {};
}

/**
 * One text answer read in SQL from a stored answers column, as `parseAnswers(json)[name]` gives it
 * when it is text (null otherwise): for lists of thousands, where parsing every document costs more
 * than the rest of the page.
 */
export function textAnswer(column: SQLiteColumn, name: string): SQL<unknown> {
  const path = `$.${name}`;
  return sql`(case when json_valid(${column}) and json_type(${column}, ${path}) = 'text' then json_extract(${column}, ${path}) end)`;
}
