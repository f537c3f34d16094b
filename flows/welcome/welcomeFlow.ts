import { z } from 'zod';
import { defineFlow } from '../defineFlow';
import { t } from '../../src/text/messages';
import { opt } from '../questions';
import type { FlowContext, Step } from '../types';

/**
 * The first words with Kompis: the language, then whether the person wants a mentor or wants to be
 * one (asked only when a poster link did not already say). Hands over to the intake or the mentor
 * registration.
 */
export const welcomeFlow = defineFlow({
  given: z.object({ preset: z.string().optional() }),
  id: 'welcome',
  version: 1,
  // A poster link presets the role (`/start mentor`), and then the question is not asked.
  steps: (ctx, given) => (given.preset === undefined ? [languageStep(ctx), roleStep()] : [languageStep(ctx)]),
  submit: (answers, _ctx, given) => ({
    effects: [{ type: 'startFlow', flowId: (answers.role ?? given.preset) === 'mentor' ? 'mentor' : 'intake' }],
    lines: [],
  }),
});

function languageStep(ctx: FlowContext): Step {
  const { languages } = ctx.programme;
  const offered = [ctx.language, ...languages.filter((l) => l !== ctx.language)].filter((l) => languages.includes(l));
  return {
    id: 'language',
    prompt: offered.map((lng) => ({ key: 'language.prompt', lng })),
    input: { kind: 'choice', options: offered.map((lng) => ({ value: lng, label: { key: 'language.self', lng } })) },
    onAnswer: (answer) => ({ effects: [{ type: 'setLanguage', language: String(answer) }] }),
  };
}

function roleStep(): Step {
  return {
    id: 'role',
    prompt: [t('welcome.role.prompt')],
    input: { kind: 'choice', options: [opt('mentee', 'welcome.role.mentee'), opt('mentor', 'welcome.role.mentor')] },
  };
}
