import type { OutMessage, Text } from '../src/text/messages';
import type { FlowSettings } from './flowSettings';

/** An answer as stored: a choice value, several choice values, free text or a number. */
export type Answer = string | string[] | number;
export type Answers = Record<string, Answer>;

/** A reply read as an answer, or the kind words that say why it could not be. */
export type Parsed = { ok: true; answer: Answer } | { ok: false; error: Text };

export interface Option {
  value: string;
  label: Text;
  /** The option answers yes or no, so the language's usual words for it choose it ("yeah", "نعم"). */
  means?: 'yes' | 'no';
}

/** What a step asks for; decides how the reply is parsed and how choices are shown. */
export type Input =
  | { kind: 'choice'; options: Option[] }
  | { kind: 'multi'; options: Option[] }
  /** `name`: a person's name, one line with letters, as it stands in others' lists. */
  | { kind: 'text'; maxLength: number; name?: true }
  | { kind: 'number'; min: number; max: number }
  /** A day typed as 17.11, 17/11/2026 or 2026-11-17, between `min` and `max` (YYYY-MM-DD). */
  | { kind: 'date'; min: string; max: string }
  /** Information only: any reply, or the Continue button, moves on. */
  | { kind: 'none'; continueLabel: Text };

/** Something a step asks the engine to do in the same transaction as the new state. */
export type Effect =
  | { type: 'setLanguage'; language: string }
  | { type: 'consent'; kind: string; version: string; decision: 'granted' | 'declined' }
  | { type: 'submitApplication'; answers: Answers; flags: string[] }
  /** Changed answers from `/profile`: the person's latest application gets them. */
  | { type: 'updateApplication'; answers: Answers; flags: string[] }
  | { type: 'registerMentor'; answers: Answers; company?: string }
  | { type: 'becomeCoordinator' }
  /** A coordinator code was tried and not accepted (wrong, or too many tries); never carries the code. */
  | { type: 'coordinatorCodeRefused' }
  | { type: 'kickoff'; pairId: number; answers: Answers }
  | { type: 'setGoals'; end: { goalType: string; text: string }; steps: { text: string; month: string }[] }
  | { type: 'changeGoal'; goalId: number; text?: string; month?: string; reason: string }
  | { type: 'dropGoal'; goalId: number; reason: string }
  | { type: 'proposeGoal'; pairId: number; text: string; month: string }
  | { type: 'logMeeting'; pairId: number; day: string; mode: string; topics: string[] }
  /** The first meeting as one member proposes it; `place` null is a video call. */
  | { type: 'proposeFirstMeeting'; pairId: number; day: string; time: string; place: string | null }
  /** A member's words about their answer to the early fit check, for the coordinators. */
  | { type: 'fitWord'; pairId: number; word: string }
  | { type: 'checkin'; checkinId: number; answers: Answers }
  | { type: 'surveyAnswer'; invitationId: number; anonymous: boolean; answers: Answers }
  /** Hand over to another flow at once (the welcome does, to the intake or the mentor registration). */
  | { type: 'startFlow'; flowId: string; given?: Answers }
  /** An applicant who came while no round was open asks to be told when the next one opens. */
  | { type: 'leaveRoundInterest' };

/** What happens right after a step is answered. */
export interface AnswerOutcome {
  effects?: Effect[];
  /** Lines shown before the next question (e.g. a kind word about an eligibility criterion). */
  notes?: Text[];
  /** End the flow here with these lines; no answers are kept. */
  end?: Text[];
}

export interface Step {
  id: string;
  prompt: Text[];
  input: Input;
  /** `/skip` is allowed; the answer is left out. */
  optional?: boolean;
  /** The step is asked only when this holds for the answers so far. */
  when?: (answers: Answers) => boolean;
  /** The question as it is named in the summary; steps without one are not counted or reviewed. */
  label?: Text;
  onAnswer?: (answer: Answer, answers: Answers) => AnswerOutcome;
}

/** What a step sees besides the answers. `S` is wider outside the flows: commands get the whole programme. */
export interface FlowContext<S extends FlowSettings = FlowSettings> {
  programme: S;
  now: Date;
  /** The language messages are written in right now. */
  language: string;
  /** Translates a text in the current language; used to match typed option words. */
  translate: (text: Text) => string;
}

/**
 * A conversation that asks questions in order, then shows a summary where any answer can be changed,
 * then submits. Pure: `steps` and `submit` only compute; the engine does all I/O.
 */
export interface FormFlow {
  id: string;
  /** Bump when steps change meaning; stored states of an older version are resumed politely. */
  version: number;
  /**
   * The steps; `given` is what the flow was started with (e.g. which pair), never asked. Write a flow
   * with `defineFlow`, which reads `given` with the flow's own schema, so the flow sees it typed.
   */
  steps(ctx: FlowContext, given: Answers): Step[];
  review?: { intro: Text };
  submit(answers: Answers, ctx: FlowContext, given: Answers): { effects: Effect[]; lines: Text[] };
}

export interface FormState {
  flowId: string;
  version: number;
  stepId: string;
  answers: Answers;
  /** What the flow was started with (a poster link's choice, a pair id); kept apart from answers. */
  given: Answers;
  /** Steps visited, most recent last, for `/back`. */
  history: string[];
  /** Set while changing an answer from the summary: after it, go back to the summary. */
  editing: boolean;
  /** Options picked one tap at a time in a multiple-choice question, until Done. */
  picked: string[];
}

export interface FormResult {
  state: FormState | null;
  effects: Effect[];
  messages: OutMessage[];
}
