import type { Step } from '../../flows/types';
import { t } from '../text/messages';

/**
 * The application's questions whose label speaks to the applicant ("Your goal", "Where you live"):
 * someone else reads `about.label.<id>` instead ("Goal", "Lives in").
 */
const LABELS = new Set([
  'region',
  'regionOther',
  'goal',
  'goalType',
  'expectations',
  'educationField',
  'sector',
  'targetOccupation',
  'targetSector',
  'availability',
  'meetingMode',
  'strengths',
  'mentorGender',
  'migrationReason',
  'workNow',
]);

/**
 * The options in the applicant's own voice ("A job in my field", "I am not sure"): someone else reads
 * `about.option.<id>.<value>` instead ("A job in their field", "Not sure").
 */
const OPTIONS: Record<string, readonly string[]> = {
  rightToWork: ['notSure'],
  commitment: ['notSure'],
  goalType: ['relevantJob', 'business', 'network'],
  expectations: ['guidance', 'fieldKnowledge', 'mentorCompany'],
  recognition: ['inProgress', 'notNeeded', 'dontKnow'],
  migrationReason: ['preferNot'],
  workNow: ['none', 'belowEducation', 'fitsEducation', 'education'],
  gender: ['preferNot'],
};

/**
 * An application's question as someone else reads it (a coordinator, the mentor in a proposal):
 * its label and its options written for that reader, not in the applicant's own voice. Only for the
 * steps of the application; any other step is returned as it is.
 */
export function aboutApplicant(step: Step): Step {
  const label = LABELS.has(step.id) ? t(`about.label.${step.id}`) : step.label;
  const own = OPTIONS[step.id];
  const input = step.input;
  if (!own || (input.kind !== 'choice' && input.kind !== 'multi')) return { ...step, label };
  const options = input.options.map((o) => (own.includes(o.value) ? { ...o, label: t(`about.option.${step.id}.${o.value}`) } : o));
  return { ...step, label, input: { ...input, options } };
}
