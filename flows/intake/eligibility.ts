import type { Text } from '../../src/text/messages';
import { known, t } from '../../src/text/messages';
import type { FlowSettings } from '../flowSettings';
import { CEFR_LEVELS } from '../flowSettings';
import type { Answers } from '../types';

/** The criteria a programme may set; an unmet one is flagged for the coordinator, never a rejection. */
export type EligibilityFlag = 'rightToWork' | 'region' | 'languageLevel' | 'degree' | 'age' | 'gender' | 'commitment';

const DEGREES = ['bachelor', 'master'];

/**
 * The criteria that the answers so far do not meet. A question not answered yet flags nothing: the
 * coordinator sees what the person said, not guesses.
 */
export function eligibilityFlags(answers: Answers, programme: FlowSettings): EligibilityFlag[] {
  const rules = programme.eligibility;
  const flags: EligibilityFlag[] = [];
  if (rules.rightToWork && answers.rightToWork !== undefined && answers.rightToWork !== 'yes') {
    flags.push('rightToWork');
  }
  if (rules.regions.length > 0 && answers.region === 'other') flags.push('region');
  const level = answers.localLevel;
  if (rules.minimumLanguageLevel && typeof level === 'string' && levelRank(level) < levelRank(rules.minimumLanguageLevel)) {
    flags.push('languageLevel');
  }
  const education = answers.educationLevel;
  if (rules.degreeRequired && typeof education === 'string' && !DEGREES.includes(education)) flags.push('degree');
  const age = answers.age;
  if (rules.age && typeof age === 'number' && (age < rules.age.min || age > rules.age.max)) flags.push('age');
  if (rules.womenOnly && answers.woman === 'no') flags.push('gender');
  if (rules.commitmentMonths && answers.commitment !== undefined && answers.commitment !== 'yes') {
    flags.push('commitment');
  }
  return flags;
}

/** The kind explanation shown right after an answer that does not meet `flag`. */
export function flagNote(flag: EligibilityFlag, programme: FlowSettings): Text[] {
  const rules = programme.eligibility;
  const params = {
    country: known(programme.country),
    // The level in words, as the question offered it ("Everyday talk (B1)"), not a bare "B1".
    level: rules.minimumLanguageLevel ? t(`intake.options.level.${LEVEL_OPTION[rules.minimumLanguageLevel]}`) : '',
    language: known(programme.localLanguage),
    min: rules.age?.min ?? 0,
    max: rules.age?.max ?? 0,
    count: rules.commitmentMonths ?? 0,
  };
  return [t(`intake.flag.${flag}`, params), t('intake.flag.stillApply')];
}

/** The answer option of the language question that holds each level. */
const LEVEL_OPTION: Record<(typeof CEFR_LEVELS)[number], string> = { A1: 'A2', A2: 'A2', B1: 'B1', B2: 'B2', C1: 'C1', C2: 'C1' };

/** Orders levels: `none` (and anything unknown) below A1. */
function levelRank(level: string): number {
  const levels: readonly string[] = CEFR_LEVELS;
  return levels.indexOf(level) + 1;
}
