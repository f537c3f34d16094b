import type { z } from 'zod';

/** JSON from the database or a file, checked against `schema`; undefined when it is not valid. */
export function parseJson<T>(json: string, schema: z.ZodType<T>): T | undefined {
  try {
    const result = schema.safeParse(JSON.parse(json));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
