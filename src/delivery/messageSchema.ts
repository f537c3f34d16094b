import { z } from 'zod';
import type { Choice, OutMessage, Text } from '../text/messages';

/** Stored messages and choices are parsed on read: the database is untrusted input too. */
export const textSchema: z.ZodType<Text> = z.lazy(() =>
  z.object({
    key: z.string(),
    lng: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.object({ known: z.string() }), textSchema, z.array(textSchema)])).optional(),
  }),
);

export const choiceSchema: z.ZodType<Choice> = z.object({
  value: z.string(),
  label: textSchema,
  means: z.enum(['yes', 'no']).optional(),
  number: z.int().positive().optional(),
});

export const messageSchema: z.ZodType<OutMessage> = z.object({
  lines: z.array(textSchema),
  choices: z.array(choiceSchema).optional(),
  document: z.object({ filename: z.string(), mimeType: z.enum(['application/json', 'text/calendar']), content: z.string() }).optional(),
  about: z.array(z.int()).optional(),
});
