import { z } from 'zod';
import { LANGUAGE_CODES } from '../../src/text/languages';

/** The format of a survey file (`surveys/*.json` or a programme's own): validated when the programme is loaded. */
const languageCode = z.enum(LANGUAGE_CODES as [string, ...string[]]);

/** A text in each language the survey is written in; English is required, as the fallback. */
const localText = z.partialRecord(languageCode, z.string().min(1).max(1000)).refine((t) => t.en !== undefined, { message: 'needs an English text ("en")' });
export type LocalText = z.infer<typeof localText>;

const itemId = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_-]*$/, 'use letters, digits, - and _');
const option = z.strictObject({ value: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/, 'use letters, digits, - and _'), text: localText });
const base = {
  id: itemId,
  text: localText,
  /** The person may skip it with /skip. */
  optional: z.boolean().default(false),
  /** Asked only when an earlier answer is (`equals`) or includes (`includes`) a value. */
  when: z.strictObject({ item: itemId, equals: z.string().optional(), includes: z.string().optional() }).optional(),
};

const itemSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...base, kind: z.literal('single'), options: z.array(option).min(2) }),
  z.strictObject({ ...base, kind: z.literal('multi'), options: z.array(option).min(2) }),
  /** 1–5, or 0–10 (how likely to recommend); `low` and `high` name the ends. */
  z.strictObject({ ...base, kind: z.literal('scale5'), low: localText.optional(), high: localText.optional() }),
  z.strictObject({ ...base, kind: z.literal('scale10'), low: localText.optional(), high: localText.optional() }),
  z.strictObject({ ...base, kind: z.literal('yesPartlyNo') }),
  z.strictObject({ ...base, kind: z.literal('text') }),
]);
export type SurveyItem = z.infer<typeof itemSchema>;

export const surveySchema = z.strictObject({
  id: itemId,
  /** Who answers it. */
  audience: z.enum(['mentee', 'mentor']),
  intro: localText,
  items: z.array(itemSchema).min(1),
});
export type Survey = z.infer<typeof surveySchema>;

/** A survey text in `language`, or in English when it has none in that language. */
export function inLanguage(text: LocalText, language: string): string {
  return text[language as keyof LocalText] ?? text.en ?? '';
}
