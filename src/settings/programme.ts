import { dirname } from 'node:path';
import { z } from 'zod';
import { ProgrammeError } from '../runtime/errors';
import { LANGUAGE_CODES } from '../text/languages';
import { DEFAULT_WEIGHTS } from '../pairs/matching';
import { CEFR_LEVELS, INTAKE_QUESTIONS_OFF_BY_DEFAULT, OPTIONAL_INTAKE_QUESTIONS, type OptionalIntakeQuestion } from '../../flows/flowSettings';
import type { Survey } from '../../flows/survey/surveySchema';
import { type LocaleTree, readLocaleOverrides } from './localeOverrides';
import { readJsonFile } from './readJsonFile';
import { isDay } from '../text/calendar';
import { loadSurveys } from './surveys';
import { projectPath } from '../runtime/projectRoot';

const languageCode = z.enum(LANGUAGE_CODES as [string, ...string[]]);

const intakeQuestions = z.strictObject(
  Object.fromEntries(OPTIONAL_INTAKE_QUESTIONS.map((q) => [q, z.boolean().default(!INTAKE_QUESTIONS_OFF_BY_DEFAULT.includes(q))])) as Record<
    OptionalIntakeQuestion,
    z.ZodDefault<z.ZodBoolean>
  >,
);

/**
 * Texts of the programme shown to people. A name or address is one line; a text sent as a message
 * leaves room for the lines Kompis adds, within the smallest channel limit (Telegram's 4096).
 */
const line = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\n\r\u2028\u2029]*$/, 'must be one line');
const message = z.string().min(1).max(3000);

const day = z.string().refine(isDay, 'must be a day such as 2027-01-15');
const days = (fallback: number) => z.int().min(1).max(365).default(fallback);
const weight = (fallback: number) => z.number().min(0).max(100).default(fallback);

const timezone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a known time zone (use a name such as Europe/Oslo)' },
);

/**
 * A programme's settings file. Unknown fields are refused so that a typo is reported instead of
 * silently ignored.
 */
export const programmeSchema = z
  .strictObject({
    id: z
      .string()
      .max(50)
      .regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and dashes'),
    name: line(100),
    /** ISO 3166 country code, e.g. NO; shown in the person's language ("Norway", "Norge"). */
    country: z.string().regex(/^[A-Z]{2}$/, 'use a two-letter country code such as NO'),
    /** The language of the local labour market, e.g. nb; its level is asked at intake. */
    localLanguage: z.string().min(2).max(10),
    languages: z.array(languageCode).min(1),
    defaultLanguage: languageCode,
    timezone: timezone.default('Europe/Oslo'),
    /** How a person reaches a coordinator by hand: an e-mail address or phone number. */
    contact: line(200),
    consent: z.strictObject({
      /** Bump this when the consent text changes; people are asked again at their next message. */
      version: line(50),
      /** Per language, the programme's own consent text for applicants (`intake`) and mentors (`mentor`). */
      texts: z.partialRecord(languageCode, z.strictObject({ intake: message.optional(), mentor: message.optional() })).default({}),
      /** A partner the programme may tell how a mentee is doing (e.g. the job centre that referred them), only with their consent. */
      partner: line(100).nullable().default(null),
    }),
    eligibility: z
      .strictObject({
        rightToWork: z.boolean().default(true),
        degreeRequired: z.boolean().default(false),
        minimumLanguageLevel: z.enum(CEFR_LEVELS).nullable().default(null),
        regions: z.array(line(60)).max(50).default([]),
        age: z
          .strictObject({ min: z.int().min(0), max: z.int().max(120) })
          .nullable()
          .default(null),
        womenOnly: z.boolean().default(false),
        commitmentMonths: z.int().min(1).max(36).nullable().default(null),
      })
      .prefault({}),
    intake: z.strictObject({ questions: intakeQuestions.prefault({}) }).prefault({}),
    durations: z.strictObject({ pairMonths: z.int().min(1).max(36).default(6) }).prefault({}),
    cadences: z
      .strictObject({
        checkinEveryMonths: z.int().min(1).max(12).default(1),
        sendHour: z.int().min(0).max(23).default(10),
      })
      .prefault({}),
    /** When the scheduler reminds, nudges and alerts; days unless named otherwise (see the README). */
    thresholds: z
      .strictObject({
        nudgeAfterDays: days(30),
        alertAfterNudgeDays: days(7),
        checkinReminderDays: days(3),
        checkinAnswerDays: days(7),
        unansweredCheckins: z.int().min(1).max(6).default(2),
        lowRating: z.int().min(1).max(4).default(2),
        waitingForMatchDays: days(42),
        stillInterestedDays: days(28),
        proposalReminderDays: days(3),
        proposalUnansweredDays: days(7),
        threadReminderHours: z.int().min(1).max(720).default(24),
      })
      .prefault({}),
    /**
     * The evaluation: end surveys when a pair ends, follow-ups some months after, WHO-5 at intake and
     * end when `wellbeing` is on. `files` add surveys or replace bundled ones (same id); paths are
     * relative to the programme file.
     */
    surveys: z
      .strictObject({
        files: z.array(z.string().min(1)).default([]),
        menteeEnd: z.string().default('mentee-end'),
        mentorEnd: z.string().default('mentor-end'),
        followUp: z.string().default('mentee-followup'),
        followUpMonths: z.array(z.int().min(1).max(36)).max(4).default([6]),
        reminderDays: z.int().min(1).max(60).default(7),
        wellbeing: z.boolean().default(false),
      })
      .prefault({}),
    /** Personal data is erased this many months after a person's last activity (see the README). */
    retention: z.strictObject({ months: z.int().min(1).max(120).default(24) }).prefault({}),
    /**
     * `minimumCell`: a figure resting on fewer cases is hidden ("<5") in the exported report, and in
     * every figure from people's answers; never below 3, or small groups could be recognised.
     */
    report: z
      .strictObject({
        minimumCell: z.int().min(3, 'must be 3 or more: a figure on fewer people could show who answered what').max(100).default(5),
      })
      .prefault({}),
    /**
     * The start of a pair: `coordinatorJoins` tells the coordinators the time and place of each pair's
     * first meeting so one can join; `firstMeetingPromptDays` after the pair started without a first
     * meeting agreed, the mentor is asked once more to propose one.
     */
    kickoff: z.strictObject({ coordinatorJoins: z.boolean().default(false), firstMeetingPromptDays: days(5) }).prefault({}),
    /** The early fit check: each member is asked if the match is good, this many days after the first meeting or after the start, whichever comes first. */
    fitCheck: z.strictObject({ afterFirstMeetingDays: days(3), afterStartDays: days(14) }).prefault({}),
    /** `digest`: coordinators get one message a day with the open alerts instead of one per alert. */
    alerts: z.strictObject({ digest: z.boolean().default(false) }).prefault({}),
    coordinatorInviteCode: z.string().min(8).max(64).regex(/^\S+$/, 'use no spaces (it is typed after /coordinator)').optional(),
    /** Per language: the booking text sent with an interview invitation, the referral sent with a decline. */
    screening: z
      .strictObject({
        interviewText: z.partialRecord(languageCode, message).default({}),
        referralText: z.partialRecord(languageCode, message).default({}),
        /** Per language, the programme's kind words to a mentor the coordinators decline (where else to help). */
        mentorDeclineText: z.partialRecord(languageCode, message).default({}),
      })
      .prefault({}),
    /**
     * Application rounds: windows (`opens`–`closes`, days in the programme's time zone) and the day the
     * round's pairs start together (`cohortStart`). Empty: rolling intake, applications any day.
     */
    rounds: z
      .array(z.strictObject({ opens: day, closes: day, cohortStart: day }))
      .max(50)
      .default([]),
    /** Company agreements: a mentor who starts with `/start mentor CODE` (or the link `mentor-CODE`) registers under the company. */
    companies: z
      .array(
        z.strictObject({
          code: z
            .string()
            .min(2)
            .max(30)
            .regex(/^[A-Za-z0-9]+$/, 'use letters and digits only (it is part of a link)'),
          name: line(100),
        }),
      )
      .max(200)
      .default([]),
    /** How much each reason counts when mentors are suggested, and whether a training is required first (see the README). */
    matching: z
      .strictObject({
        weights: z
          .strictObject({
            field: weight(DEFAULT_WEIGHTS.field),
            language: weight(DEFAULT_WEIGHTS.language),
            location: weight(DEFAULT_WEIGHTS.location),
            capacity: weight(DEFAULT_WEIGHTS.capacity),
            gender: weight(DEFAULT_WEIGHTS.gender),
            migrationBackground: weight(DEFAULT_WEIGHTS.migrationBackground),
            interests: weight(DEFAULT_WEIGHTS.interests),
          })
          .prefault({}),
        /** A mentor is suggested only after coming to a mentor training (a gathering of kind `training`). */
        requireTraining: z.boolean().default(false),
      })
      .prefault({}),
  })
  .superRefine((p, ctx) => {
    if (!p.languages.includes(p.defaultLanguage)) {
      ctx.addIssue({ code: 'custom', path: ['defaultLanguage'], message: 'must be one of languages' });
    }
    if (p.eligibility.age && p.eligibility.age.min > p.eligibility.age.max) {
      ctx.addIssue({ code: 'custom', path: ['eligibility', 'age'], message: 'min is above max' });
    }
    const sorted = [...p.rounds].sort((a, b) => a.opens.localeCompare(b.opens));
    p.rounds.forEach((r, i) => {
      if (r.opens > r.closes) ctx.addIssue({ code: 'custom', path: ['rounds', i, 'closes'], message: 'is before opens' });
      if (r.cohortStart < r.opens) ctx.addIssue({ code: 'custom', path: ['rounds', i, 'cohortStart'], message: 'is before opens' });
    });
    sorted.forEach((r, i) => {
      const next = sorted[i + 1];
      if (next && next.opens <= r.closes) ctx.addIssue({ code: 'custom', path: ['rounds'], message: `the round opening ${next.opens} overlaps the one opening ${r.opens}` });
    });
    const codes = p.companies.map((c) => c.code.toUpperCase());
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: 'custom', path: ['companies'], message: 'two companies have the same code' });
  });

export type ProgrammeSettings = z.infer<typeof programmeSchema>;

/** A programme's settings with its surveys read from their files. */
export interface Programme extends ProgrammeSettings {
  surveyDefinitions: Record<string, Survey>;
  /** The programme's own wording, by language: `locales/<code>.json` beside its file (see readLocaleOverrides). */
  localeOverrides: Record<string, LocaleTree>;
}

export const DEMO_PROGRAMME_PATH = projectPath('programmes', 'demo.json');

/** Reads and validates a programme file. Throws `ProgrammeError` listing every problem found. */
export function loadProgramme(path: string): Programme {
  const read = readJsonFile(path);
  if (!read.ok) throw new ProgrammeError([`KOMPIS_PROGRAMME: cannot use ${path}: ${read.reason}`]);
  const programme = parseProgramme(read.value, path, dirname(path));
  const { overrides, problems } = readLocaleOverrides(dirname(path));
  if (problems.length > 0) throw new ProgrammeError(problems);
  return { ...programme, localeOverrides: overrides };
}

export function parseProgramme(raw: unknown, source = 'programme', baseDir = process.cwd()): Programme {
  const result = programmeSchema.safeParse(raw);
  if (!result.success) {
    throw new ProgrammeError(
      result.error.issues.map((issue) => {
        const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
        return `${source}: ${field}: ${issue.message}`;
      }),
    );
  }
  const settings = result.data;
  const { surveys, problems } = loadSurveys(settings.surveys.files, baseDir);
  const audiences = { menteeEnd: 'mentee', mentorEnd: 'mentor', followUp: 'mentee' } as const;
  for (const [field, audience] of Object.entries(audiences)) {
    const id = settings.surveys[field as keyof typeof audiences];
    const survey = surveys[id];
    if (!survey) problems.push(`${source}: surveys.${field}: there is no survey "${id}"`);
    else if (survey.audience !== audience) problems.push(`${source}: surveys.${field}: "${id}" is a survey for ${survey.audience}s, not ${audience}s`);
  }
  if (problems.length > 0) throw new ProgrammeError(problems);
  return { ...settings, surveyDefinitions: surveys, localeOverrides: {} };
}
