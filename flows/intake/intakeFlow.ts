import { z } from 'zod';
import { defineFlow } from '../defineFlow';
import { known, t } from '../../src/text/messages';
import type { FlowSettings } from '../flowSettings';
import {
  choices as choicesOf,
  consentStep,
  includes,
  multi as multiOf,
  nameStep,
  optionalConsentSteps,
  placeSteps,
  profileAnswers,
  type QuestionSpec,
  question as questionOf,
  sectorChoice,
  SHORT_TEXT,
  spokenLanguages,
  TEXT,
} from '../questions';
import type { Answers, FlowContext, Step } from '../types';
import { type EligibilityFlag, eligibilityFlags, flagNote } from './eligibility';

const LEVELS = ['none', 'A2', 'B1', 'B2', 'C1'];
const HIGHER_EDUCATION = ['vocational', 'bachelor', 'master'];
/** What the person does at intake: the baseline the outcomes at the end are compared with. */
export const WORK_NOW = ['none', 'belowEducation', 'fitsEducation', 'education', 'introduction', 'other'];
export const AGE_BANDS = ['under26', '26-35', '36-45', '46-55', '56plus'];
export const HEARD_FROM = ['friend', 'jobCentre', 'socialMedia', 'poster', 'organisation', 'other'];

/**
 * The application of a migrant who wants a mentor: what the programme is, consent, name, the
 * programme's eligibility questions, the profile, a summary to check, submit. (The language was
 * chosen just before, in the welcome.)
 */
export const intakeFlow = defineFlow({
  given: z.object({ edit: z.coerce.boolean().default(false) }),
  id: 'intake',
  // Still 2: the optional consents are new steps before the others, which keep their meaning, and a
  // conversation begun before them goes on where it was (without being asked them).
  version: 2,
  steps: (ctx, given) => [...(given.edit ? [nameStep()] : openingSteps(ctx)), ...eligibilitySteps(ctx.programme), ...profileSteps(ctx.programme)],
  review: { intro: t('intake.review.intro') },
  submit(answers, ctx, given) {
    const application = { answers: profileAnswers(answers), flags: eligibilityFlags(answers, ctx.programme) };
    if (given.edit) return { effects: [{ type: 'updateApplication', ...application }], lines: [t('privacy.profileSaved')] };
    return {
      effects: [{ type: 'submitApplication', ...application }],
      lines: [t('intake.submitted.thanks'), t('intake.submitted.next', { contact: known(ctx.programme.contact) })],
    };
  },
});

/** What the programme is, consent, the optional consents and the name; `/profile` starts after them. */
function openingSteps(ctx: FlowContext): Step[] {
  const p = ctx.programme;
  return [
    {
      id: 'about',
      prompt: [
        t('intake.about.what', { programme: known(p.name), country: known(p.country) }),
        t('intake.about.notJob'),
        t('intake.about.how', { months: p.durations.pairMonths, count: p.durations.pairMonths }),
      ],
      input: { kind: 'none', continueLabel: t('intake.about.continue') },
    },
    consentStep(ctx, 'intake'),
    ...optionalConsentSteps(p),
    nameStep(),
  ];
}

function eligibilitySteps(p: FlowSettings): Step[] {
  const rules = p.eligibility;
  const steps: Step[] = [];
  if (rules.rightToWork) {
    steps.push(
      question(p, 'rightToWork', {
        prompt: [t('intake.rightToWork.prompt', { country: known(p.country) })],
        input: choices('rightToWork', ['yes', 'no', 'notSure']),
        flag: 'rightToWork',
      }),
    );
  }
  steps.push(...placeSteps({ ns: 'intake', id: 'region', inWords: 'regionOther' }, p, { onAnswer: flagged(p, 'region') }));
  steps.push(
    question(p, 'localLevel', {
      prompt: [t('intake.localLevel.prompt', { language: known(p.localLanguage) })],
      label: t('intake.localLevel.label', { language: known(p.localLanguage) }),
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

function profileSteps(p: FlowSettings): Step[] {
  const on = p.intake.questions;
  const has = (id: string, values: string[]) => (a: Answers) => values.includes(String(a[id]));
  const steps: (Step | false)[] = [
    question(p, 'goal', { input: TEXT }),
    question(p, 'goalType', {
      input: choices('goalType', ['relevantJob', 'anyJob', 'education', 'business', 'society', 'network']),
    }),
    on.expectations &&
      question(p, 'expectations', {
        input: multi('expectations', ['guidance', 'fieldKnowledge', 'network', 'leadership', 'mentorCompany']),
      }),
    question(p, 'educationLevel', {
      input: choices('educationLevel', ['none', 'primary', 'secondary', 'vocational', 'bachelor', 'master']),
      flag: 'degree',
    }),
    question(p, 'educationField', {
      input: SHORT_TEXT,
      when: has('educationLevel', ['secondary', ...HIGHER_EDUCATION]),
    }),
    on.educationCountry && question(p, 'educationCountry', { input: SHORT_TEXT, when: (a) => a.educationLevel !== 'none' }),
    on.recognition &&
      question(p, 'recognition', {
        prompt: [t('intake.recognition.prompt', { country: known(p.country) })],
        input: choices('recognition', ['yes', 'inProgress', 'no', 'notNeeded', 'dontKnow']),
        when: has('educationLevel', HIGHER_EDUCATION),
      }),
    question(p, 'profession', { input: SHORT_TEXT }),
    question(p, 'sector', { input: sectorChoice() }),
    on.experienceYears &&
      question(p, 'experienceYears', {
        input: choices('experienceYears', ['0', '1-2', '3-5', '6-10', '10+']),
      }),
    on.targetOccupation && question(p, 'targetOccupation', { input: SHORT_TEXT }),
    on.targetOccupation && question(p, 'targetSector', { input: sectorChoice() }),
    question(p, 'languages', { input: spokenLanguages(p) }),
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
    on.meetingMode && question(p, 'meetingMode', { input: choices('meetingMode', ['inPerson', 'video', 'both']) }),
    on.strengths && question(p, 'strengths', { input: TEXT }),
    on.challenges && question(p, 'challenges', { input: TEXT }),
    on.workNow && question(p, 'workNow', { input: choices('workNow', WORK_NOW), optional: true }),
    on.yearsInCountry &&
      question(p, 'yearsInCountry', {
        prompt: [t('intake.yearsInCountry.prompt', { country: known(p.country) })],
        input: choices('yearsInCountry', ['lessThan1', '1-2', '3-5', '6plus']),
        optional: true,
      }),
    on.gender && question(p, 'gender', { input: choices('gender', ['woman', 'man', 'other', 'preferNot']), optional: true }),
    on.ageBand && question(p, 'ageBand', { input: choices('ageBand', AGE_BANDS), optional: true }),
    on.heardFrom &&
      question(p, 'heardFrom', {
        input: choices('heardFrom', HEARD_FROM),
      }),
    on.mentorGender &&
      question(p, 'mentorGender', {
        input: choices('mentorGender', ['woman', 'man', 'noPreference']),
        optional: true,
      }),
    on.migrationReason &&
      question(p, 'migrationReason', {
        prompt: [t('intake.migrationReason.prompt', { country: known(p.country) })],
        input: choices('migrationReason', ['work', 'family', 'study', 'protection', 'other', 'preferNot']),
        optional: true,
      }),
  ];
  return steps.filter((s): s is Step => s !== false);
}

interface IntakeQuestion extends QuestionSpec {
  /** The eligibility criterion this answer may not meet; a kind note follows such an answer. */
  flag?: EligibilityFlag;
}

/** A question whose texts are `intake.<id>.prompt` and `intake.<id>.label`, with its eligibility note. */
function question(p: FlowSettings, id: string, spec: IntakeQuestion): Step {
  const { flag, ...rest } = spec;
  return questionOf('intake', id, { ...rest, onAnswer: flag ? flagged(p, flag) : undefined });
}

/** The kind note that follows an answer which does not meet the criterion `flag`. */
function flagged(p: FlowSettings, flag: EligibilityFlag): NonNullable<Step['onAnswer']> {
  return (_answer, answers) => ({ notes: eligibilityFlags(answers, p).includes(flag) ? flagNote(flag, p) : [] });
}

function choices(group: string, values: string[]) {
  return choicesOf(`intake.options.${group}`, values);
}

function multi(group: string, values: string[]) {
  return multiOf(`intake.options.${group}`, values);
}
