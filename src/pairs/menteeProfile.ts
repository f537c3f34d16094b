import { answerText, activeSteps } from '../../flows/formSteps';
import { intakeFlow } from '../../flows/intake/intakeFlow';
import type { Answers, FlowContext } from '../../flows/types';
import { t, type Text } from '../text/messages';
import { oneLine } from '../text/oneLine';

/**
 * What a proposed mentor sees of the mentee, in this order, each with its label as the mentor reads
 * it: a key of its own (with the mentee's `name`, since Kompis does not know whether to write "her"
 * or "his"), or `null` for the question's own label, which already reads well to anyone. Never the
 * eligibility answers, the flags or the private answers.
 */
const FOR_MENTOR: [id: string, label: string | null][] = [
  ['goal', 'proposal.mentee.goal'],
  ['goalType', null],
  ['sector', 'proposal.mentee.sector'],
  ['profession', null],
  ['educationLevel', null],
  ['educationField', 'proposal.mentee.educationField'],
  ['targetSector', 'proposal.mentee.targetSector'],
  ['targetOccupation', 'proposal.mentee.targetOccupation'],
  ['localLevel', 'proposal.mentee.speaks'],
  ['englishLevel', 'proposal.mentee.speaks'],
  ['languages', null],
  ['otherLanguages', null],
  ['region', 'proposal.mentee.region'],
  ['meetingMode', 'proposal.mentee.meetingMode'],
  ['availability', 'proposal.mentee.availability'],
];

/**
 * The mentee's profile in a proposal, written for the mentor: "• Amina's goal: “…”", the fields of
 * work she chose beside her own words (marked as hers), and how well she speaks the local language
 * and English, in words. `name` is the mentee's name as a person text (`personName`).
 */
export function menteeProfile(answers: Answers, name: Text, ctx: FlowContext): Text[] {
  const steps = new Map(activeSteps(intakeFlow, ctx, { answers, given: {} }).map((s) => [s.id, s]));
  return FOR_MENTOR.flatMap(([id, key]) => {
    const step = steps.get(id);
    // "Somewhere else" says less than the place the mentee then wrote.
    const inWords = id === 'region' && answers.region === 'other' && typeof answers.regionOther === 'string';
    const answer = inWords ? answers.regionOther : answers[id];
    if (!step || answer === undefined) return [];
    const language = id === 'englishLevel' ? 'en' : ctx.programme.localLanguage;
    const question = key ? t(key, { name, language }) : step.label;
    if (!question) return [];
    const words = typeof answer === 'string' && (step.input.kind === 'text' || inWords);
    const shown = words ? t('proposal.mentee.words', { words: oneLine(answer) }) : answerText(step, answer);
    return [t('form.summaryLine', { question, answer: shown })];
  });
}
