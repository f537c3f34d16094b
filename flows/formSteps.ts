import { t, type Text } from '../src/text/messages';
import { oneLine } from '../src/text/oneLine';
import type { Answer, Answers, FlowContext, FormFlow, FormState, Step } from './types';
import { planOf } from './flowPlan';

/** Which of a form's steps apply now, and how an answer is shown: the reading side of the form runner. */

export function currentStep(flow: FormFlow, state: FormState, ctx: FlowContext): Step {
  const step = planOf(flow, ctx, state.given).byId.get(state.stepId);
  if (!step) throw new Error(`flow ${flow.id} has no step ${state.stepId}`);
  return step;
}

export function activeSteps(flow: FormFlow, ctx: FlowContext, state: Pick<FormState, 'answers' | 'given'>): Step[] {
  return planOf(flow, ctx, state.given).steps.filter((s) => !s.when || s.when(state.answers));
}

/** The answers to the questions that apply, so a changed answer cannot leave a stale one behind. */
export function activeAnswers(flow: FormFlow, state: FormState, ctx: FlowContext): Answers {
  const answers: Answers = {};
  for (const step of activeSteps(flow, ctx, state)) {
    const answer = state.answers[step.id];
    if (answer !== undefined) answers[step.id] = answer;
  }
  return answers;
}

/** How an answer is shown in the summary: option labels for choices, the words for text. */
export function answerText(step: Step, answer: Answer): string | number | Text | Text[] {
  const input = step.input;
  // A typed day is kept as 2026-11-20 and shown as the person's language writes a day.
  if (input.kind === 'date' && typeof answer === 'string') return t('form.day', { date: answer });
  // What the person wrote is shown on one line: in a coordinator's view of an application it must not pass for lines of Kompis's own.
  if (input.kind !== 'choice' && input.kind !== 'multi') return typeof answer === 'string' ? oneLine(answer) : (answer as string | number);
  const label = (v: string): Text => input.options.find((o) => o.value === v)?.label ?? { key: 'form.unknown' };
  return Array.isArray(answer) ? answer.map(label) : label(String(answer));
}
