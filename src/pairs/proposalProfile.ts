import { answerText, activeSteps } from '../../flows/formSteps';
import { intakeFlow } from '../../flows/intake/intakeFlow';
import { mentorFlow } from '../../flows/mentor/mentorFlow';
import type { Answer, Answers, FlowContext, FormFlow } from '../../flows/types';
import { t, type Text } from '../text/messages';
import { theirWords } from '../people/answerLines';
import { aboutApplicant } from '../people/aboutApplicant';

/**
 * What each side of a proposal sees of the other, in this order, each with its label as the other
 * reads it: a key of its own (with the person's `name`, since Kompis does not know whether to write
 * "her" or "his"), or `null` for the question's label as someone else reads it (`aboutApplicant`). Never contact
 * details, eligibility answers, flags or private answers.
 */
const SHOWN: Record<'mentee' | 'mentor', { flow: FormFlow; fields: [id: string, label: string | null][] }> = {
  mentee: {
    flow: intakeFlow,
    fields: [
      ['goal', 'proposal.profile.goal'],
      ['goalType', null],
      ['sector', 'proposal.profile.sector'],
      ['profession', null],
      ['educationLevel', null],
      ['educationField', 'proposal.profile.educationField'],
      ['targetSector', 'proposal.profile.targetSector'],
      ['targetOccupation', 'proposal.profile.targetOccupation'],
      ['localLevel', 'proposal.profile.speaks'],
      ['englishLevel', 'proposal.profile.speaks'],
      ['languages', null],
      ['otherLanguages', null],
      ['region', 'proposal.profile.region'],
      ['meetingMode', 'proposal.profile.meetingMode'],
      ['availability', 'proposal.profile.availability'],
    ],
  },
  mentor: {
    flow: mentorFlow,
    fields: [
      ['profession', null],
      ['sector', null],
      ['role', null],
      ['experienceYears', null],
      ['languages', null],
      ['city', 'proposal.profile.region'],
      ['meetingMode', 'proposal.profile.meetingMode'],
    ],
  },
};

/** The places answered in words after "somewhere else": shown instead of "somewhere else". */
const IN_WORDS: Record<string, string> = { region: 'regionOther', city: 'cityOther' };

/**
 * The profile of the mentee (for the mentor) or of the mentor (for the mentee) in a proposal: "•
 * Amina's goal: “…”", the fields of work chosen beside the person's own words (marked as theirs), and
 * how well a mentee speaks the local language and English, in words. `name` is the person's name as
 * a person text (`personName`).
 */
export function proposalProfile(side: 'mentee' | 'mentor', answers: Answers, name: Text, ctx: FlowContext): Text[] {
  const { flow, fields } = SHOWN[side];
  // The mentee's questions and options are written for the mentee; the mentor reads them written for a reader.
  const steps = new Map(activeSteps(flow, ctx, { answers, given: {} }).map((s) => [s.id, side === 'mentee' ? aboutApplicant(s) : s]));
  return fields.flatMap(([id, key]) => {
    const step = steps.get(id);
    const own = IN_WORDS[id];
    const inWords = own !== undefined && answers[id] === 'other' && typeof answers[own] === 'string';
    const answer = inWords && own ? answers[own] : answers[id];
    if (!step || answer === undefined) return [];
    const language = id === 'englishLevel' ? 'en' : ctx.programme.localLanguage;
    const question = key ? t(key, { name, language }) : step.label;
    if (!question) return [];
    const words = typeof answer === 'string' && (step.input.kind === 'text' || inWords);
    const shown = words ? theirWords(answer) : answerText(step, bothWays(id, answer));
    return [t('form.summaryLine', { question, answer: shown })];
  });
}

/** "Both" ways of meeting, named: read on its own, under someone else's name, "Both" says nothing. */
function bothWays(id: string, answer: Answer): Answer {
  return id === 'meetingMode' && answer === 'both' ? ['inPerson', 'video'] : answer;
}
