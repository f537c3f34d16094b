import type { z } from 'zod';
import type { WrittenHere } from './writtenHere';

/** JSON from the database or a file, checked against `schema`; undefined when it is not valid. */
export function parseJson<T>(json: string, schema: z.ZodType<T>): T | undefined {
  try {
    const result = schema.safeParse(JSON.parse(json));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** Like `parseJson`, but JSON this process wrote (see `WrittenHere`) is only parsed, not checked again. */
export function parseJsonWrittenHere<T>(json: string, schema: z.ZodType<T>, written: WrittenHere): T | undefined {
  if (!written.has(json)) return parseJson(json, schema);
  try {
    return JSON.parse(json) as T;
  } catch {
    return undefined;
  }
}
