import type { Choice, OutMessage, Reply, Text } from '../src/text/messages';
import { t } from '../src/text/messages';
import { CONTINUE, cleanText, matchOption, matchOptions, normalise, parseAnswer } from './parseAnswer';
import type { Answer, Answers, FlowContext, FormFlow, FormResult, FormState, Option, Step } from './types';
import { activeAnswers, activeSteps, answerText, currentStep } from './formSteps';
import { planOf } from './flowPlan';

/** Pseudo steps after the questions: the summary, and the list of answers to change. */
export const REVIEW = '@review';
export const CHANGE = '@change';
const SKIP = '@skip';
const DONE = '@done';
const SUBMIT = '@submit';

/** Starts a form at its first step, with what it is `given` (e.g. a poster link's choice, a pair). */
export function startForm(flow: FormFlow, ctx: FlowContext, given: Answers = {}): FormResult {
  const first = planOf(flow, ctx, given).steps.find((s) => !s.when || s.when({}));
  if (!first) throw new Error(`flow ${flow.id} has no steps`);
  const state: FormState = {
    flowId: flow.id,
    version: flow.version,
    stepId: first.id,
    answers: {},
    given,
    history: [],
    editing: false,
    picked: [],
  };
  return { state, effects: [], messages: [promptForm(flow, state, ctx)] };
}

/**
 * Opens a form on answers kept before (a profile to change): at a required question they leave open
 * (one added since), else at the summary.
 */
export function reopenForm(flow: FormFlow, ctx: FlowContext, given: Answers, answers: Answers): FormResult {
  const open = activeSteps(flow, ctx, { answers, given }).find((s) => s.label && !s.optional && answers[s.id] === undefined);
  const state: FormState = { flowId: flow.id, version: flow.version, stepId: open?.id ?? REVIEW, answers, given, history: [], editing: open !== undefined, picked: [] };
  return { state, effects: [], messages: [promptForm(flow, state, ctx)] };
}

/** The message that asks the current question again, with `before` lines first. */
export function promptForm(flow: FormFlow, state: FormState, ctx: FlowContext, before: Text[] = []): OutMessage {
  if (state.stepId === REVIEW) return reviewMessage(flow, state, ctx, before);
  return questionMessage(flow, state, ctx, before);
}

/**
 * The current question again after `before` (a status, the help), shorter where it can be: at the
 * summary only its question and choices, not the whole summary again.
 */
export function remindForm(flow: FormFlow, state: FormState, ctx: FlowContext, before: Text[]): OutMessage {
  if (state.stepId === REVIEW) return { lines: [...before, t('form.reviewQuestion')], choices: reviewChoices() };
  return questionMessage(flow, state, ctx, before);
}

function questionMessage(flow: FormFlow, state: FormState, ctx: FlowContext, before: Text[]): OutMessage {
  if (state.stepId === CHANGE) {
    return { lines: [...before, t('form.changeWhich')], choices: changeChoices(flow, state, ctx) };
  }
  const step = currentStep(flow, state, ctx);
  const lines = [...before, ...progress(flow, state, ctx, step), ...step.prompt];
  if (step.input.kind === 'multi') {
    lines.push(state.picked.length > 0 ? t('form.picked', { items: pickedLabels(step, state) }) : t('form.multiHint'));
  }
  const choices = shownOptions(step, state);
  return choices.length > 0 ? { lines, choices } : { lines };
}

/**
 * Takes a reply to the current question. An answer that does not fit re-asks with a specific
 * error; the state is then unchanged.
 */
export function answerForm(flow: FormFlow, state: FormState, content: Reply, ctx: FlowContext): FormResult {
  if (state.stepId === REVIEW) return answerReview(flow, state, content, ctx);
  if (state.stepId === CHANGE) return answerChange(flow, state, content, ctx);
  const step = currentStep(flow, state, ctx);
  const shown = shownOptions(step, state);
  const meta = metaChoice(step, shown, content, ctx);
  if (meta === SKIP) return skipForm(flow, state, ctx);
  if (meta === DONE) {
    if (state.picked.length === 0) return reask(flow, state, ctx, t('errors.pickOptions'));
    return accept(flow, state, step, state.picked, ctx);
  }
  const parsed = parseAnswer(step.input, content, ctx.translate, planOf(flow, ctx, state.given).labels(step));
  if (!parsed.ok) return reask(flow, state, ctx, parsed.error);
  if (step.input.kind === 'multi' && content.kind === 'choice') {
    const [value] = parsed.answer as string[];
    const picked = state.picked.includes(value ?? '') ? state.picked.filter((v) => v !== value) : [...state.picked, value ?? ''];
    const next = { ...state, picked };
    return { state: next, effects: [], messages: [promptForm(flow, next, ctx)] };
  }
  return accept(flow, state, step, parsed.answer, ctx);
}

/** `/back`: the previous question again; its answer is kept until it is answered anew. */
export function backForm(flow: FormFlow, state: FormState, ctx: FlowContext): FormResult {
  const previous = state.history.at(-1);
  if (previous === undefined) {
    return { state, effects: [], messages: [promptForm(flow, state, ctx, [t('form.noBack')])] };
  }
  const next: FormState = { ...state, stepId: previous, history: state.history.slice(0, -1), picked: [] };
  return { state: next, effects: [], messages: [promptForm(flow, next, ctx)] };
}

/** `/skip`: leaves an optional question unanswered; a required one is asked again. */
export function skipForm(flow: FormFlow, state: FormState, ctx: FlowContext): FormResult {
  const step = isQuestion(state) ? currentStep(flow, state, ctx) : undefined;
  if (!step?.optional) return reask(flow, state, ctx, t('form.cannotSkip'));
  const answers = Object.fromEntries(Object.entries(state.answers).filter(([id]) => id !== step.id));
  return moveOn(flow, { ...state, answers }, step, ctx, []);
}

/**
 * Resumes a stored state after the flow changed (another version): keeps the answers to steps that
 * still exist and goes to the first question not yet answered.
 */
export function migrateForm(flow: FormFlow, state: FormState, ctx: FlowContext): FormState {
  const { byId } = planOf(flow, ctx, state.given);
  const answers = Object.fromEntries(Object.entries(state.answers).filter(([id]) => byId.has(id)));
  const active = activeSteps(flow, ctx, { ...state, answers });
  const open = active.find((s) => answers[s.id] === undefined);
  return {
    ...state,
    version: flow.version,
    answers,
    stepId: open?.id ?? REVIEW,
    history: [],
    editing: false,
    picked: [],
  };
}

/** Whether the state's current step is still one of the flow's (a survey file may have changed). */
export function formStepExists(flow: FormFlow, state: FormState, ctx: FlowContext): boolean {
  return !isQuestion(state) || planOf(flow, ctx, state.given).byId.has(state.stepId);
}

/**
 * The step's question number and the number of questions, counting the questions asked of everyone
 * (those without a `when`). A question asked only after some answer is a follow-up and has no
 * number, so the total never changes on the way. None for a form of one such question.
 */
export function formProgress(flow: FormFlow, state: FormState, ctx: FlowContext): { n: number; total: number } | undefined {
  const { main } = planOf(flow, ctx, state.given);
  const index = main.findIndex((s) => s.id === state.stepId);
  // "Question 1 of 1" tells nothing, and misleads when follow-ups come after it (the goals' steps).
  return index < 0 || main.length < 2 ? undefined : { n: index + 1, total: main.length };
}

function progress(flow: FormFlow, state: FormState, ctx: FlowContext, step: Step): Text[] {
  const p = step.label ? formProgress(flow, state, ctx) : undefined;
  return p ? [t('form.progress', p)] : [];
}

function accept(flow: FormFlow, state: FormState, step: Step, answer: Answer, ctx: FlowContext): FormResult {
  const answers = { ...state.answers, [step.id]: answer };
  const outcome = step.onAnswer?.(answer, answers) ?? {};
  if (outcome.end) return { state: null, effects: outcome.effects ?? [], messages: [{ lines: outcome.end }] };
  const moved = moveOn(flow, { ...state, answers }, step, ctx, outcome.notes ?? []);
  return { ...moved, effects: [...(outcome.effects ?? []), ...moved.effects] };
}

function moveOn(flow: FormFlow, state: FormState, from: Step, ctx: FlowContext, notes: Text[]): FormResult {
  const steps = activeSteps(flow, ctx, state);
  const nextStep = state.editing
    ? steps.find((s) => s.label && state.answers[s.id] === undefined && (!s.optional || cameToApply(s, from, steps, state)))
    : steps[steps.findIndex((s) => s.id === from.id) + 1];
  const stepId = nextStep?.id ?? (flow.review ? REVIEW : undefined);
  if (stepId === undefined) return finish(flow, state, ctx, notes);
  const next: FormState = {
    ...state,
    stepId,
    history: [...state.history, from.id],
    editing: stepId === REVIEW ? false : state.editing,
    picked: [],
  };
  return { state: next, effects: [], messages: [promptForm(flow, next, ctx, notes)] };
}

/**
 * Whether an optional question left open comes after the changed answer and asks only on a condition
 * never met before: a changed answer made it apply (one skipped earlier is in the history).
 */
function cameToApply(step: Step, from: Step, steps: Step[], state: FormState): boolean {
  const after = steps.findIndex((s) => s.id === step.id) > steps.findIndex((s) => s.id === from.id);
  return after && step.when !== undefined && !state.history.includes(step.id);
}

function finish(flow: FormFlow, state: FormState, ctx: FlowContext, before: Text[]): FormResult {
  const answers = activeAnswers(flow, state, ctx);
  const { effects, lines } = flow.submit(answers, ctx, state.given);
  const all = [...before, ...lines];
  return { state: null, effects, messages: all.length > 0 ? [{ lines: all }] : [] };
}

function answerReview(flow: FormFlow, state: FormState, content: Reply, ctx: FlowContext): FormResult {
  const choice = pickChoice(reviewChoices(), content, ctx);
  if (choice === SUBMIT) return finish(flow, state, ctx, []);
  if (choice === CHANGE) {
    const next = { ...state, stepId: CHANGE };
    return { state: next, effects: [], messages: [promptForm(flow, next, ctx)] };
  }
  // The summary is long: asked again, only its question and choices are shown.
  const error = choice === AMBIGUOUS ? t('errors.ambiguous') : t('errors.pickOption');
  return { state, effects: [], messages: [remindForm(flow, state, ctx, [error])] };
}

function answerChange(flow: FormFlow, state: FormState, content: Reply, ctx: FlowContext): FormResult {
  const choice = pickChoice(changeChoices(flow, state, ctx), content, ctx);
  if (choice === undefined) return reask(flow, state, ctx, t('errors.pickOption'));
  if (choice === AMBIGUOUS) return reask(flow, state, ctx, t('errors.ambiguous'));
  const next: FormState = { ...state, stepId: choice, editing: choice !== REVIEW, picked: [] };
  return { state: next, effects: [], messages: [promptForm(flow, next, ctx)] };
}

function reask(flow: FormFlow, state: FormState, ctx: FlowContext, error: Text): FormResult {
  return { state, effects: [], messages: [promptForm(flow, state, ctx, [error])] };
}

function reviewMessage(flow: FormFlow, state: FormState, ctx: FlowContext, before: Text[]): OutMessage {
  const intro = flow.review ? [flow.review.intro] : [];
  const lines = [...before, ...intro, ...summaryLines(flow, state.answers, ctx, state.given), t('form.reviewQuestion')];
  return { lines, choices: reviewChoices() };
}

/** One line per answered question, "• Question: answer", in the order the form asks them. */
export function summaryLines(flow: FormFlow, answers: Answers, ctx: FlowContext, given: Answers = {}): Text[] {
  const answered = activeSteps(flow, ctx, { answers, given }).filter((step) => step.label && answers[step.id] !== undefined);
  return answered.flatMap((step, i) => {
    const answer = answers[step.id];
    if (!step.label || answer === undefined) return [];
    // A choice such as "Another day" or "A place to meet" whose follow-up, under the same name, holds
    // the person's own answer: only the follow-up is shown, not "Place" twice.
    const next = answered[i + 1];
    if (next?.when && next.label && ctx.translate(next.label) === ctx.translate(step.label)) return [];
    return [t('form.summaryLine', { question: step.label, answer: answerText(step, answer) })];
  });
}

function reviewChoices(): Choice[] {
  return [
    { value: SUBMIT, label: t('form.submit'), means: 'yes' },
    { value: CHANGE, label: t('form.change') },
  ];
}

function changeChoices(flow: FormFlow, state: FormState, ctx: FlowContext): Choice[] {
  const questions = activeSteps(flow, ctx, state).flatMap((s) => (s.label ? [{ value: s.id, label: s.label }] : []));
  return [...questions, { value: REVIEW, label: t('form.changeNothing') }];
}

/** A reply that fits more than one choice. */
const AMBIGUOUS = '@ambiguous';

/** The choice a reply means among `choices`: a button, a number or the words of a label; `AMBIGUOUS` when several fit. */
function pickChoice(choices: Choice[], content: Reply, ctx: FlowContext): string | undefined {
  if (content.kind === 'choice') return choices.find((c) => c.value === content.value)?.value;
  const found = matchOptions(choices, content.text, ctx.translate);
  return found.length > 1 ? AMBIGUOUS : found[0]?.value;
}

/** A Skip or Done press, or the typed number or words of one. */
function metaChoice(step: Step, shown: Option[], content: Reply, ctx: FlowContext): string | undefined {
  const metas = shown.filter((o) => o.value === SKIP || o.value === DONE);
  if (metas.length === 0) return undefined;
  if (content.kind === 'choice') return metas.find((m) => m.value === content.value)?.value;
  const typed = cleanText(content.text);
  // Where Skip is written as "1. Skip" under a question answered in words, its number means Skip.
  const numbered = /^\d+$/.test(normalise(typed)) ? shown[Number(normalise(typed)) - 1] : undefined;
  if (step.input.kind === 'text' && numbered && metas.includes(numbered)) return numbered.value;
  const hasList = step.input.kind === 'choice' || step.input.kind === 'multi';
  const option = hasList ? matchOption(shown, typed, ctx.translate) : undefined;
  if (option && metas.includes(option)) return option.value;
  return metas.find((m) => normalise(ctx.translate(m.label)) === normalise(typed))?.value;
}

/** The choices shown with a step: its options, then Done and Skip where they apply. */
function shownOptions(step: Step, state: FormState): Option[] {
  const input = step.input;
  const options: Option[] = [];
  if (input.kind === 'choice' || input.kind === 'multi') options.push(...input.options);
  // Done only once something is picked: before that it would end the question with nothing (and, in a
  // typed list, read as one more option).
  if (input.kind === 'multi' && state.picked.length > 0) options.push({ value: DONE, label: t('form.done') });
  if (input.kind === 'none') options.push({ value: CONTINUE, label: input.continueLabel });
  if (step.optional && state.answers[step.id] === undefined) options.push({ value: SKIP, label: t('form.skip') });
  return options;
}

function pickedLabels(step: Step, state: FormState): Text[] {
  return answerText(step, state.picked) as Text[];
}

function isQuestion(state: FormState): boolean {
  return state.stepId !== REVIEW && state.stepId !== CHANGE;
}
