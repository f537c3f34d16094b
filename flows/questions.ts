import type { Text } from '../src/text/messages';
import { known, t } from '../src/text/messages';
import type { FlowSettings } from './flowSettings';
import type { Answers, FlowContext, Option, Step } from './types';
import { type MainConsent, OPTIONAL_CONSENTS, type OptionalConsent } from './consentKinds';

/** Free text of a sentence or two, and of a few words. */
export const TEXT = { kind: 'text', maxLength: 1000 } as const;
export const SHORT_TEXT = { kind: 'text', maxLength: 200 } as const;

/**
 * The fields of work, one list for mentors and applicants: matching compares the chosen field, so an
 * Arabic-speaking nurse and a nurse mentor meet whatever words each wrote. Named in the reader's
 * language (`mentor.options.sector.<value>`).
 */
export const SECTORS = [
  'health',
  'it',
  'engineering',
  'education',
  'finance',
  'publicSector',
  'retail',
  'hospitality',
  'construction',
  'transport',
  'culture',
  'research',
  'law',
  'other',
];

/** One field of work from `SECTORS`. */
export function sectorChoice(): { kind: 'choice'; options: Option[] } {
  return choices('mentor.options.sector', SECTORS);
}

/**
 * Where the person lives: one of the programme's places (its own words) or "somewhere else" and then
 * the place in their words (step `inWords`), when it has a list; otherwise their words only.
 */
export function placeSteps(at: { ns: string; id: string; inWords: string }, p: FlowSettings, spec: Omit<QuestionSpec, 'input'> = {}): Step[] {
  const regions = p.eligibility.regions;
  if (regions.length === 0) return [question(at.ns, at.id, { ...spec, input: SHORT_TEXT })];
  const places = regions.map((r) => ({ value: r, label: t('intake.region.name', { name: r }) }));
  return [
    question(at.ns, at.id, {
      prompt: [t('intake.region.choose')],
      ...spec,
      input: { kind: 'choice', options: [...places, opt('other', 'intake.region.other')] },
    }),
    { ...question('intake', 'regionOther', { input: SHORT_TEXT, when: (a) => a[at.id] === 'other' }), id: at.inWords },
  ];
}

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
export function spokenLanguages(p: FlowSettings): { kind: 'multi'; options: Option[] } {
  return {
    kind: 'multi',
    options: [
      ...SPOKEN_LANGUAGES.filter((l) => l !== p.localLanguage).map((code) => ({
        value: code,
        label: t('intake.languages.name', { code: known(code) }),
      })),
      opt('other', 'intake.languages.other'),
    ],
  };
}

export function includes(answer: Answers[string] | undefined, value: string): boolean {
  return Array.isArray(answer) && answer.includes(value);
}

/**
 * The consent question, in the programme's own words when it has them in the person's language. Yes
 * is recorded and the flow goes on; no is recorded and the flow ends kindly. `renewal`: asked again
 * after the text changed, when the person's answers are already kept.
 */
export function consentStep(ctx: FlowContext, kind: MainConsent, renewal = false): Step {
  const p = ctx.programme;
  const own = p.consent.texts[ctx.language]?.[kind];
  return {
    id: 'consent',
    prompt: [own ? t('common.raw', { text: own }) : t(`${kind}.consent.text`, { programme: known(p.name), contact: known(p.contact) }), t('intake.consent.question')],
    input: { kind: 'choice', options: [opt('yes', 'intake.consent.yes'), opt('no', 'intake.consent.no')] },
    onAnswer: (answer) => {
      const decision = answer === 'yes' ? 'granted' : 'declined';
      const effects = [{ type: 'consent', kind, version: p.consent.version, decision } as const];
      if (decision === 'granted') return { effects, notes: renewal ? [] : [t('intake.consent.thanks')] };
      return { effects, end: [t(renewal ? 'privacy.renewDeclined' : 'intake.consent.declined', { contact: known(p.contact) })] };
    },
  };
}

/**
 * The optional consents an applicant is asked for, each on its own and each free to refuse: being
 * asked for the follow-up surveys after the programme, and (when the programme names a partner)
 * letting the programme tell that partner how the mentoring goes.
 */
export function optionalConsentSteps(p: FlowSettings): Step[] {
  const steps: Step[] = [];
  if (p.surveys.followUpMonths.length > 0 && p.surveyDefinitions[p.surveys.followUp]) {
    steps.push(optionalConsent(p, 'followUp', t('privacy.followUp.question')));
  }
  if (p.consent.partner) {
    steps.push(optionalConsent(p, 'partner', t('privacy.partner.question', { partner: known(p.consent.partner) })));
  }
  return steps;
}

function optionalConsent(p: FlowSettings, kind: OptionalConsent, prompt: Text): Step {
  return {
    id: consentStepId(kind),
    prompt: [prompt],
    input: { kind: 'choice', options: [opt('yes', 'privacy.optional.yes'), opt('no', 'privacy.optional.no')] },
    onAnswer: (answer) => ({
      effects: [{ type: 'consent', kind, version: p.consent.version, decision: answer === 'yes' ? 'granted' : 'declined' }],
    }),
  };
}

function consentStepId(kind: OptionalConsent): string {
  return `consent${kind[0]?.toUpperCase()}${kind.slice(1)}`;
}

/** The person's first name, so coordinators and their mentor or mentee can address them. */
export function nameStep(): Step {
  return question('common', 'name', { input: { kind: 'text', maxLength: 60, name: true } });
}

/** The opening steps: what the programme is and the consents (kept in the consent history, not as answers). */
const OPENING = new Set(['about', 'consent', ...OPTIONAL_CONSENTS.map(consentStepId)]);

/** The answers without those of the opening steps, which are kept elsewhere or are none. */
export function profileAnswers(answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([id]) => !OPENING.has(id)));
}
