import { z } from 'zod';
import type { InvitationTemplate } from './whatsappCloudSend';
import replyTemplatesFile from './replyTemplates.json';

const templatesSchema = z.object({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/),
  category: z.literal('UTILITY'),
  languages: z.record(z.string(), z.object({ code: z.string().min(2), body: z.string().includes('{{1}}').max(1024), button: z.string().min(1).max(25) })),
});

export type ReplyTemplates = z.infer<typeof templatesSchema>;

/**
 * The reply invitation as submitted to Meta for approval (`replyTemplates.json`), per Kompis language:
 * Meta's language code, the body (`{{1}}` is the programme's name) and the quick-reply button.
 * WhatsApp has no Somali or Tigrinya templates: those languages are sent the English one.
 */
export function loadReplyTemplates(): ReplyTemplates {
  return templatesSchema.parse(replyTemplatesFile);
}

/** The template to send in each language, or the first language the file lacks. */
export function invitationTemplates(templates: ReplyTemplates, languages: string[]): { byLanguage: Map<string, InvitationTemplate>; missing?: string } {
  const byLanguage = new Map<string, InvitationTemplate>();
  for (const language of languages) {
    const entry = templates.languages[language];
    if (!entry) return { byLanguage, missing: language };
    byLanguage.set(language, { name: templates.name, code: entry.code });
  }
  return { byLanguage };
}

/** What to submit in Meta's WhatsApp Manager: one template, one translation per language code. */
export function templatesToSubmit(templates: ReplyTemplates): string {
  const seen = new Set<string>();
  const lines = [`Template name: ${templates.name}`, `Category: ${templates.category}`, 'Body variable {{1}}: the programme name (sample: Kompis Bergen)', ''];
  for (const [language, entry] of Object.entries(templates.languages)) {
    if (seen.has(entry.code)) {
      lines.push(`(${language}: sent as ${entry.code})`);
      continue;
    }
    seen.add(entry.code);
    lines.push(`Language ${entry.code} (${language})`, `  Body: ${entry.body}`, `  Quick reply button: ${entry.button}`, '');
  }
  return lines.join('\n');
}
