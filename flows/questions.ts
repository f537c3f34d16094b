import type { Text } from '../src/messages';
import { t } from '../src/messages';
import type { Programme } from '../src/programme';
import type { Answers, Option, Step } from './types';

/** Free text of a sentence or two, and of a few words. */
export const TEXT = { kind: 'text', maxLength: 1000 } as const;
export const SHORT_TEXT = { kind: 'text', maxLength: 200 } as const;

/** The languages people may say they speak, besides the local one; `other` asks for the rest in words. */
export const SPOKEN_LANGUAGES = ['en', 'ar', 'uk', 'so', 'ti', 'fa', 'ur', 'tr', 'ru', 'fr', 'es'];

export interface QuestionSpec extends Omit<Step, 'id' | 'prompt' | 'label'> {
  prompt?: Text[];
  label?: Text;
}

/** A question whose texts are `<ns>.<id>.prompt` and `<ns>.<id>.label` unless given. */
export function question(ns: string, id: string, spec: QuestionSpec): Step {
  const { prompt, label, ...rest } = spec;
  return { id, prompt: prompt ?? [t(`${ns}.${id}.prompt`)], label: label ?? t(`${ns}.${id}.label`), ...rest };
}

/** One choice among options labelled `<prefix>.<value>`. */
export function choices(prefix: string, values: string[]): { kind: 'choice'; options: Option[] } {
  return { kind: 'choice', options: values.map((v) => opt(v, `${prefix}.${v}`)) };
}

/** Several choices among options labelled `<prefix>.<value>`. */
export function multi(prefix: string, values: string[]): { kind: 'multi'; options: Option[] } {
  return { kind: 'multi', options: values.map((v) => opt(v, `${prefix}.${v}`)) };
}

export function opt(value: string, key: string): Option {
  return { value, label: t(key) };
}

/** Which languages the person speaks besides the local one, named in the reader's language. */
export function spokenLanguages(p: Programme): { kind: 'multi'; options: Option[] } {
  return {
    kind: 'multi',
    options: [
      ...SPOKEN_LANGUAGES.filter((l) => l !== p.localLanguage).map((code) => ({
        value: code,
        label: t('intake.languages.name', { code }),
      })),
      opt('other', 'intake.languages.other'),
    ],
  };
}

export function includes(answer: Answers[string] | undefined, value: string): boolean {
  return Array.isArray(answer) && answer.includes(value);
}

/**
 * The consent question. Yes is recorded and the flow goes on; no is recorded and the flow ends
 * kindly, keeping no answers.
 */
export function consentStep(p: Programme, kind: string, textKey: string): Step {
  return {
    id: 'consent',
    prompt: [t(textKey, { programme: p.name, contact: p.contact }), t('intake.consent.question')],
    input: { kind: 'choice', options: [opt('yes', 'intake.consent.yes'), opt('no', 'intake.consent.no')] },
    onAnswer: (answer) => {
      const decision = answer === 'yes' ? 'granted' : 'declined';
      const effects = [{ type: 'consent', kind, version: p.consent.version, decision } as const];
      return decision === 'granted'
        ? { effects, notes: [t('intake.consent.thanks')] }
        : { effects, end: [t('intake.consent.declined', { contact: p.contact })] };
    },
  };
}

/** The person's first name, so coordinators and their mentor or mentee can address them. */
export function nameStep(): Step {
  return question('common', 'name', { input: { kind: 'text', maxLength: 60 } });
}

/** The answers without those of the opening steps (about, consent), which are kept elsewhere or are none. */
export function profileAnswers(answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([id]) => id !== 'about' && id !== 'consent'));
}
