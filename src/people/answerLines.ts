import { activeSteps, answerText } from '../../flows/formSteps';
import { intakeFlow } from '../../flows/intake/intakeFlow';
import { mentorFlow } from '../../flows/mentor/mentorFlow';
import { aboutApplicant } from './aboutApplicant';
import type { Answers, FlowContext, FormFlow, Step } from '../../flows/types';
import { t, type Text } from '../text/messages';
import { oneLine } from '../text/oneLine';

/**
 * Answers as someone else reads them (a coordinator an application): one line per question in the
 * order the form asks them, and what the person wrote marked as their words, beside the options they
 * chose, with an application's labels written for its reader ("Goal", not "Your goal"). The
 * person's own summary keeps `summaryLines`.
 */
export function answerLines(flow: FormFlow, answers: Answers, ctx: FlowContext): Text[] {
  return activeSteps(flow, ctx, { answers, given: {} }).flatMap((asked) => {
    // An application's labels and options are written for the applicant; its reader gets their own.
    const step = flow === intakeFlow ? aboutApplicant(asked) : flow === mentorFlow ? aboutMentor(asked) : asked;
    const answer = answers[step.id];
    if (!step.label || answer === undefined) return [];
    const written = step.input.kind === 'text' && !step.input.name && typeof answer === 'string';
    return [t('form.summaryLine', { question: step.label, answer: written ? theirWords(answer) : answerText(step, answer) })];
  });
}

/** A mentor's registration speaks to the mentor ("Where you live"): someone else reads "Lives in". */
const MENTOR_LABELS: Record<string, string> = {
  city: 'about.label.region',
  availability: 'about.label.availability',
  meetingMode: 'about.mentorLabel.meetingMode',
  capacity: 'about.mentorLabel.capacity',
  migrationBackground: 'about.mentorLabel.migrationBackground',
};

function aboutMentor(step: Step): Step {
  const key = MENTOR_LABELS[step.id];
  return key ? { ...step, label: t(key) } : step;
}

/** What a person wrote, on one line and in quotation marks: their words, not Kompis's. */
export function theirWords(text: string): Text {
  return t('common.theirWords', { words: oneLine(text) });
}
