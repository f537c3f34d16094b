import type { Survey } from './survey/surveySchema';
import type { RoundWindow } from './applicationRounds';

/** The language levels of the Common European Framework, lowest first. */
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;

/** Profile questions a programme may switch off; the core of the intake is always asked. */
export const OPTIONAL_INTAKE_QUESTIONS = [
  'expectations',
  'educationCountry',
  'recognition',
  'experienceYears',
  'targetOccupation',
  'availability',
  'meetingMode',
  'strengths',
  'challenges',
  'heardFrom',
  'mentorGender',
  'migrationReason',
  // The baseline for the report: what the person does now and how long they have lived in the country.
  'workNow',
  'yearsInCountry',
  // For the report's breakdowns only, asked where a programme turns them on.
  'gender',
  'ageBand',
] as const;
export type OptionalIntakeQuestion = (typeof OPTIONAL_INTAKE_QUESTIONS)[number];

/** Optional questions a programme must turn on: personal data asked only where the report needs it. */
export const INTAKE_QUESTIONS_OFF_BY_DEFAULT: readonly OptionalIntakeQuestion[] = ['gender', 'ageBand'];

/**
 * What the flows read of a programme's settings. Flows declare it here instead of importing the
 * settings module, so they stay pure; the compiler checks that a loaded programme
 * (`src/settings/programme.ts`) provides it wherever a `FlowContext` is built.
 */
export interface FlowSettings {
  name: string;
  country: string;
  localLanguage: string;
  languages: string[];
  timezone: string;
  contact: string;
  consent: {
    version: string;
    texts: Partial<Record<string, { intake?: string; mentor?: string }>>;
    partner: string | null;
  };
  eligibility: {
    rightToWork: boolean;
    degreeRequired: boolean;
    minimumLanguageLevel: (typeof CEFR_LEVELS)[number] | null;
    regions: string[];
    age: { min: number; max: number } | null;
    womenOnly: boolean;
    commitmentMonths: number | null;
  };
  intake: { questions: Record<(typeof OPTIONAL_INTAKE_QUESTIONS)[number], boolean> };
  durations: { pairMonths: number };
  /** Application windows; empty for rolling intake (see `applicationRounds.ts`). */
  rounds: RoundWindow[];
  /** Company agreements a mentor can register under with a code. */
  companies: { code: string; name: string }[];
  surveys: { followUp: string; followUpMonths: number[] };
  surveyDefinitions: Record<string, Survey>;
}
