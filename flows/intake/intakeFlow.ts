import type { Text } from '../../src/messages';
import { t } from '../../src/messages';
import type { Programme } from '../../src/programme';
import type { Answers, FlowContext, FormFlow, Option, Step } from '../types';
import { eligibilityFlags, flagNote } from './eligibility';

const TEXT = { kind: 'text', maxLength: 1000 } as const;
const SHORT_TEXT = { kind: 'text', maxLength: 200 } as const;

/** The languages a mentee may say they speak; `other` asks for the rest in words. */
const SPOKEN_LANGUAGES = ['en', 'ar', 'uk', 'so', 'ti', 'fa', 'ur', 'tr', 'ru', 'fr', 'es'];
const LEVELS = ['none', 'A2', 'B1', 'B2', 'C1'];
const HIGHER_EDUCATION = ['vocational', 'bachelor', 'master'];
/** Steps before the profile; their answers are kept elsewhere (language, consent) or are none. */
const OPENING_STEPS = ['language', 'about', 'consent'];

/**
 * The application of a migrant who wants a mentor: language, what the programme is, consent, the
 * programme's eligibility questions, the profile, a summary to check, submit.
 */
export const intakeFlow: FormFlow = {
  id: 'intake',
  version: 1,
  steps: (ctx) => [...openingSteps(ctx), ...eligibilitySteps(ctx.programme), ...profileSteps(ctx.programme)],
  review: { intro: t('intake.review.intro') },
  submit(answers, ctx) {
    const profile = Object.fromEntries(Object.entries(answers).filter(([id]) => !OPENING_STEPS.includes(id)));
    return {
      effects: [
        { type: 'submitApplication', answers: profile, flags: eligibilityFlags(answers, ctx.programme) },
      ],
      lines: [t('intake.submitted.thanks'), t('intake.submitted.next', { contact: ctx.programme.contact })],
    };
  },
};

function openingSteps(ctx: FlowContext): Step[] {
  const p = ctx.programme;
  const offered = [ctx.language, ...p.languages.filter((l) => l !== ctx.language)].filter((l) =>
    p.languages.includes(l),
  );
  return [
    {
      id: 'language',
      prompt: offered.map((lng) => ({ key: 'language.prompt', lng })),
      input: {
        kind: 'choice',
        options: offered.map((lng) => ({ value: lng, label: { key: 'language.self', lng } })),
      },
      onAnswer: (answer) => ({ effects: [{ type: 'setLanguage', language: String(answer) }] }),
    },
    {
      id: 'about',
      prompt: [
        t('intake.about.what', { programme: p.name, country: p.country }),
        t('intake.about.notJob'),
        t('intake.about.how', { months: p.durations.pairMonths, count: p.durations.pairMonths }),
      ],
      input: { kind: 'none', continueLabel: t('intake.about.continue') },
    },
    {
      id: 'consent',
      prompt: [
        t('intake.consent.text', { programme: p.name, contact: p.contact }),
        t('intake.consent.question'),
      ],
      input: { kind: 'choice', options: [opt('yes', 'intake.consent.yes'), opt('no', 'intake.consent.no')] },
      onAnswer: (answer) => {
        const decision = answer === 'yes' ? 'granted' : 'declined';
        const effects = [{ type: 'consent', kind: 'intake', version: p.consent.version, decision } as const];
        return decision === 'granted'
          ? { effects, notes: [t('intake.consent.thanks')] }
          : { effects, end: [t('intake.consent.declined', { contact: p.contact })] };
      },
    },
  ];
}

function eligibilitySteps(p: Programme): Step[] {
  const rules = p.eligibility;
  const steps: Step[] = [];
  if (rules.rightToWork) {
    steps.push(
      question(p, 'rightToWork', {
        prompt: [t('intake.rightToWork.prompt', { country: p.country })],
        input: choices('rightToWork', ['yes', 'no', 'notSure']),
        flag: 'rightToWork',
      }),
    );
  }
  steps.push(
    rules.regions.length > 0
      ? question(p, 'region', {
          input: {
            kind: 'choice',
            options: [
              ...rules.regions.map((r) => ({ value: r, label: t('intake.region.name', { name: r }) })),
              opt('other', 'intake.region.other'),
            ],
          },
          flag: 'region',
        })
      : question(p, 'region', { input: SHORT_TEXT }),
  );
  steps.push(
    question(p, 'localLevel', {
      prompt: [t('intake.localLevel.prompt', { language: p.localLanguage })],
      label: t('intake.localLevel.label', { language: p.localLanguage }),
      input: choices('level', LEVELS),
      flag: 'languageLevel',
    }),
  );
  if (rules.age) {
    steps.push(question(p, 'age', { input: { kind: 'number', min: 15, max: 99 }, flag: 'age' }));
  }
  if (rules.womenOnly) {
    steps.push(question(p, 'woman', { input: choices('woman', ['yes', 'no']), flag: 'gender' }));
  }
  if (rules.commitmentMonths) {
    const months = rules.commitmentMonths;
    steps.push(
      question(p, 'commitment', {
        prompt: [t('intake.commitment.prompt', { months, count: months })],
        input: choices('commitment', ['yes', 'no', 'notSure']),
        flag: 'commitment',
      }),
    );
  }
  return steps;
}

function profileSteps(p: Programme): Step[] {
  const on = p.intake.questions;
  const has = (id: string, values: string[]) => (a: Answers) => values.includes(String(a[id]));
  const steps: (Step | false)[] = [
    question(p, 'goal', { input: TEXT }),
    question(p, 'goalType', {
      input: choices('goalType', ['relevantJob', 'anyJob', 'education', 'business', 'society', 'network']),
    }),
    on.expectations &&
      question(p, 'expectations', {
        input: multi('expectations', [
          'guidance',
          'fieldKnowledge',
          'network',
          'leadership',
          'mentorCompany',
        ]),
      }),
    question(p, 'educationLevel', {
      input: choices('educationLevel', ['none', 'primary', 'secondary', 'vocational', 'bachelor', 'master']),
      flag: 'degree',
    }),
    question(p, 'educationField', {
      input: SHORT_TEXT,
      when: has('educationLevel', ['secondary', ...HIGHER_EDUCATION]),
    }),
    on.educationCountry &&
      question(p, 'educationCountry', { input: SHORT_TEXT, when: (a) => a.educationLevel !== 'none' }),
    on.recognition &&
      question(p, 'recognition', {
        prompt: [t('intake.recognition.prompt', { country: p.country })],
        input: choices('recognition', ['yes', 'inProgress', 'no', 'notNeeded', 'dontKnow']),
        when: has('educationLevel', HIGHER_EDUCATION),
      }),
    question(p, 'profession', { input: SHORT_TEXT }),
    on.experienceYears &&
      question(p, 'experienceYears', {
        input: choices('experienceYears', ['0', '1-2', '3-5', '6-10', '10+']),
      }),
    on.targetOccupation && question(p, 'targetOccupation', { input: SHORT_TEXT }),
    question(p, 'languages', {
      input: {
        kind: 'multi',
        options: [
          ...SPOKEN_LANGUAGES.filter((l) => l !== p.localLanguage).map((code) => ({
            value: code,
            label: t('intake.languages.name', { code }),
          })),
          opt('other', 'intake.languages.other'),
        ],
      },
    }),
    question(p, 'otherLanguages', { input: SHORT_TEXT, when: (a) => includes(a.languages, 'other') }),
    p.localLanguage !== 'en' &&
      question(p, 'englishLevel', {
        input: choices('level', LEVELS),
        when: (a) => includes(a.languages, 'en'),
      }),
    on.availability &&
      question(p, 'availability', {
        input: multi('availability', ['weekdayDay', 'weekdayEvening', 'weekend']),
      }),
    on.meetingMode &&
      question(p, 'meetingMode', { input: choices('meetingMode', ['inPerson', 'video', 'both']) }),
    on.strengths && question(p, 'strengths', { input: TEXT }),
    on.challenges && question(p, 'challenges', { input: TEXT }),
    on.heardFrom &&
      question(p, 'heardFrom', {
        input: choices('heardFrom', [
          'friend',
          'jobCentre',
          'socialMedia',
          'poster',
          'organisation',
          'other',
        ]),
      }),
    on.mentorGender &&
      question(p, 'mentorGender', {
        input: choices('mentorGender', ['woman', 'man', 'noPreference']),
        optional: true,
      }),
    on.migrationReason &&
      question(p, 'migrationReason', {
        prompt: [t('intake.migrationReason.prompt', { country: p.country })],
        input: choices('migrationReason', ['work', 'family', 'study', 'protection', 'other', 'preferNot']),
        optional: true,
      }),
  ];
  return steps.filter((s): s is Step => s !== false);
}

interface QuestionSpec extends Omit<Step, 'id' | 'prompt' | 'label' | 'onAnswer'> {
  prompt?: Text[];
  label?: Text;
  /** The eligibility criterion this answer may not meet; a kind note follows such an answer. */
  flag?: Parameters<typeof flagNote>[0];
}

/** A profile question whose texts are `intake.<id>.prompt` and `intake.<id>.label`. */
function question(p: Programme, id: string, spec: QuestionSpec): Step {
  const { flag, prompt, label, ...rest } = spec;
  return {
    id,
    prompt: prompt ?? [t(`intake.${id}.prompt`)],
    label: label ?? t(`intake.${id}.label`),
    ...rest,
    onAnswer: flag
      ? (_answer, answers) => ({
          notes: eligibilityFlags(answers, p).includes(flag) ? flagNote(flag, p) : [],
        })
      : undefined,
  };
}

function choices(group: string, values: string[]): { kind: 'choice'; options: Option[] } {
  return { kind: 'choice', options: values.map((v) => opt(v, `intake.options.${group}.${v}`)) };
}

function multi(group: string, values: string[]): { kind: 'multi'; options: Option[] } {
  return { kind: 'multi', options: values.map((v) => opt(v, `intake.options.${group}.${v}`)) };
}

function opt(value: string, key: string): Option {
  return { value, label: t(key) };
}

function includes(answer: unknown, value: string): boolean {
  return Array.isArray(answer) && answer.includes(value);
}
