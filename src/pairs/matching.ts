import { normalise } from '../../flows/parseAnswer';
import { SECTORS, SPOKEN_LANGUAGES } from '../../flows/questions';
import type { Answers } from '../../flows/types';
import type { Text } from '../text/messages';
import { known, t } from '../text/messages';
import { oneLine } from '../text/oneLine';
import { END_REASONS, type EndReason } from './endReasons';

export interface MatchingWeights {
  field: number;
  language: number;
  location: number;
  capacity: number;
  gender: number;
  migrationBackground: number;
  interests: number;
}

export const DEFAULT_WEIGHTS: MatchingWeights = {
  field: 4,
  language: 2,
  location: 2,
  capacity: 1,
  gender: 1,
  migrationBackground: 1,
  interests: 1,
};

export interface MentorCandidate {
  id: number;
  name: string;
  answers: Answers;
  capacity: number;
  /** Mentees the mentor has now (proposed, active or paused pairs). */
  load: number;
  /** The mentor and this mentee said no to each other before. */
  declinedBefore: boolean;
  /** Why the last pair the mentor and this mentee were in ended (`endReason`), if they were one. */
  pairedBefore: string | null;
  /** The day of the last mentor training the mentor came to, if any (shown as "prepared"). */
  preparedOn?: string | null;
  /** The programme requires a training before a mentor is suggested, and this mentor has none. */
  trainingMissing?: boolean;
  /** A coordinator approved the mentor after their registration (see `screenMentor`). */
  approved: boolean;
}

export interface Suggestion {
  mentorId: number;
  name: string;
  score: number;
  reasons: Text[];
}

/**
 * The best mentors for a mentee, with the reasons in words. The mentee's field counts most: the field
 * of work the mentee chose (or the one they want) is the mentor's, or, when the chosen fields do not
 * meet or an application from before the fields were asked has none, their words share a stem;
 * then a shared language, where they can meet, room left, the gender the mentee asked for, the
 * mentor's own migration background and shared interests. A mentor with no room, of another gender
 * than the mentee asked for, or declined before, is never suggested, nor one whose pair with the
 * mentee ended because they did not work together, nor one no coordinator has approved, nor one
 * who misses the training the programme requires. A mentor the mentee was paired with before comes
 * after the others, whatever the points, with the reason the pair ended: a new mentor is the first
 * thing to try, and the coordinator sees why that one is lower. Ties go to the mentor who registered
 * first, so the same data always gives the same list.
 */
export function suggestMentors(mentee: Answers, mentors: MentorCandidate[], weights: MatchingWeights, limit = 5): Suggestion[] {
  return mentors
    .filter(maySuggest)
    .filter((m) => !m.declinedBefore && m.pairedBefore !== 'relationship' && genderFits(mentee, m.answers))
    .map((m) => ({ before: m.pairedBefore !== null, suggestion: score(mentee, m, weights) }))
    .sort((a, b) => Number(a.before) - Number(b.before) || b.suggestion.score - a.suggestion.score || a.suggestion.mentorId - b.suggestion.mentorId)
    .map((s) => s.suggestion)
    .slice(0, limit);
}

/**
 * What rules a mentor out whoever the mentee is: not approved, no room, or a required training
 * missing. `suggestMentors` applies it, and the bank is narrowed by it before any answers are read,
 * so the mentors it rules out are never parsed nor scored.
 */
export function maySuggest(m: Pick<MentorCandidate, 'approved' | 'capacity' | 'load' | 'trainingMissing'>): boolean {
  return m.approved && m.capacity > m.load && m.trainingMissing !== true;
}

function score(mentee: Answers, mentor: MentorCandidate, w: MatchingWeights): Suggestion {
  const parts: { points: number; reason: Text }[] = [];
  const field = sameField(mentee, mentor.answers);
  if (field) parts.push({ points: w.field, reason: field });
  const languages = list(mentee.languages).filter((l) => l !== 'other' && list(mentor.answers.languages).includes(l));
  if (languages.length > 0) {
    const names = languages.map((code) => t('intake.languages.name', { code: known(code) }));
    parts.push({ points: w.language, reason: t('matching.language', { languages: names }) });
  }
  const place = location(mentee, mentor.answers);
  if (place) parts.push({ points: w.location, reason: place });
  const left = mentor.capacity - mentor.load;
  parts.push({
    points: Math.round((w.capacity * left * 10) / mentor.capacity) / 10,
    reason: t('matching.capacity', { count: left }),
  });
  const wanted = mentee.mentorGender;
  if ((wanted === 'woman' || wanted === 'man') && mentor.answers.gender === wanted) {
    parts.push({ points: w.gender, reason: t(`matching.gender.${wanted}`) });
  }
  if (mentor.answers.migrationBackground === 'yes') {
    parts.push({ points: w.migrationBackground, reason: t('matching.migrationBackground') });
  }
  const interests = shared(words(mentee.strengths, mentee.goal, mentee.challenges), words(mentor.answers.interests));
  if (interests.length > 0) {
    parts.push({ points: w.interests, reason: t('matching.interests', { words: interests.join(', ') }) });
  }
  const before = mentor.pairedBefore === null ? [] : [t('matching.pairedBefore', { reason: t(`coordinator.endReason.${endReason(mentor.pairedBefore)}`) })];
  const prepared = mentor.preparedOn ? [t('gatherings.prepared', { date: mentor.preparedOn })] : [];
  return {
    mentorId: mentor.id,
    name: mentor.name,
    score: Math.round(parts.reduce((sum, p) => sum + p.points, 0) * 10) / 10,
    reasons: [...before, ...parts.map((p) => p.reason), ...prepared],
  };
}

/** A stored end reason as one of the reasons with words; one from an older version counts as "other". */
function endReason(stored: string): EndReason {
  return END_REASONS.find((r) => r === stored) ?? 'other';
}

/**
 * The answers with the language the person chats in among the languages they speak: asked "which
 * other languages do you speak?" in Arabic, an applicant may well leave out Arabic. The local
 * language is asked on its own and is not one of these.
 */
export function withChatLanguage(answers: Answers, language: string | null, localLanguage: string): Answers {
  const spoken = list(answers.languages);
  if (!language || language === localLanguage || !SPOKEN_LANGUAGES.includes(language) || spoken.includes(language)) return answers;
  return { ...answers, languages: [...spoken, language] };
}

function genderFits(mentee: Answers, mentor: Answers): boolean {
  const wanted = mentee.mentorGender;
  return !(wanted === 'woman' || wanted === 'man') || mentor.gender === wanted;
}

/** The chosen field of work first; the words people wrote only when the chosen fields do not tell. */
function sameField(mentee: Answers, mentor: Answers): Text | undefined {
  const sector = sectorOf(mentor.sector);
  if (sector && [sectorOf(mentee.sector), sectorOf(mentee.targetSector)].includes(sector)) {
    return t('matching.field', { words: t(`mentor.options.sector.${sector}`) });
  }
  const field = shared(words(mentee.profession, mentee.educationField, mentee.targetOccupation, mentee.goal), words(mentor.profession, mentor.role));
  return field.length > 0 ? t('matching.field', { words: field.join(', ') }) : undefined;
}

/** A field of work from the list, not "other" (which says nothing two people share). */
function sectorOf(answer: Answers[string] | undefined): string | undefined {
  return typeof answer === 'string' && answer !== 'other' && SECTORS.includes(answer) ? answer : undefined;
}

function location(mentee: Answers, mentor: Answers): Text | undefined {
  const city = placeOf(mentee.region, mentee.regionOther);
  if (city && normalise(city) === normalise(placeOf(mentor.city, mentor.cityOther))) return t('matching.sameCity', { city: oneLine(city) });
  const remote = (mode: Answers[string] | undefined) => mode === 'video' || mode === 'both';
  return remote(mentee.meetingMode) && remote(mentor.meetingMode) ? t('matching.video') : undefined;
}

/**
 * Where a person lives: the programme's place they chose, or their words (after "somewhere else",
 * or when the programme has no list of places).
 */
function placeOf(place: Answers[string] | undefined, inWords: Answers[string] | undefined): string {
  if (place === 'other') return typeof inWords === 'string' ? inWords : '';
  return typeof place === 'string' ? place : '';
}

/** Words of four letters or more, each known by its first five letters ("engineer" meets "engineering"). */
function words(...texts: (Answers[string] | undefined)[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    for (const word of normalise(text).split(' ')) {
      if (word.length >= 4 && !STOP_WORDS.has(word) && !found.has(word.slice(0, 5))) found.set(word.slice(0, 5), word);
    }
  }
  return found;
}

function shared(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...b.entries()].filter(([stem]) => a.has(stem)).map(([, word]) => word);
}

function list(answer: Answers[string] | undefined): string[] {
  return Array.isArray(answer) ? answer : [];
}

/** Common words that say nothing about a field. */
const STOP_WORDS = new Set(['work', 'jobb', 'jobbe', 'want', 'with', 'would', 'like', 'some', 'again', 'være', 'eller']);
