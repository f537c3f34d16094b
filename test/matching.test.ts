import { describe, expect, it } from 'vitest';
import { createTranslator } from '../src/text/i18n';
import { DEFAULT_WEIGHTS, type MentorCandidate, suggestMentors } from '../src/pairs/matching';

const translator = createTranslator();
const english = (s: ReturnType<typeof suggestMentors>) => s.map((x) => ({ id: x.mentorId, score: x.score, reasons: x.reasons.map((r) => translator.translate(r, 'en')) }));

const mentee = {
  profession: 'Civil engineer',
  educationField: 'Structural engineering',
  goal: 'Work as an engineer again',
  languages: ['en', 'uk'],
  region: 'Bergen',
  meetingMode: 'both',
  strengths: 'Drawing and chess',
};

function mentor(id: number, answers: Record<string, string | string[]>, extra: Partial<MentorCandidate> = {}): MentorCandidate {
  return { id, name: `M${id}`, answers, capacity: 1, load: 0, declinedBefore: false, pairedBefore: null, approved: true, ...extra };
}

describe('mentor suggestions', () => {
  const engineerInBergen = mentor(1, {
    profession: 'Structural engineer',
    role: 'Project lead',
    languages: ['en'],
    city: 'bergen',
    meetingMode: 'inPerson',
  });
  const engineerOnVideo = mentor(2, {
    profession: 'Engineering manager',
    languages: ['en', 'uk'],
    city: 'Oslo',
    meetingMode: 'video',
    migrationBackground: 'yes',
    interests: 'chess',
  });
  const nurseInBergen = mentor(3, { profession: 'Nurse', languages: ['ar'], city: 'Bergen', meetingMode: 'both' }, { capacity: 2 });

  it('ranks by field first, then language and place, and says why in words', () => {
    const ranked = english(suggestMentors(mentee, [nurseInBergen, engineerOnVideo, engineerInBergen], DEFAULT_WEIGHTS));
    expect(ranked).toEqual([
      {
        id: 2,
        score: 11,
        reasons: ['same field (engineering)', 'both speak English and Ukrainian', 'both can meet by video', 'room for 1 more mentee', 'moved here too', 'shared interests (chess)'],
      },
      {
        id: 1,
        score: 9,
        reasons: ['same field (structural, engineer)', 'both speak English', 'both in Bergen', 'room for 1 more mentee'],
      },
      { id: 3, score: 3, reasons: ['both in Bergen', 'room for 2 more mentees'] },
    ]);
  });

  it('never suggests a mentor with no room, of another gender than asked, or declined before', () => {
    const full = mentor(4, { profession: 'Civil engineer', gender: 'woman' }, { capacity: 2, load: 2 });
    const man = mentor(5, { profession: 'Civil engineer', gender: 'man' });
    const declined = mentor(6, { profession: 'Civil engineer', gender: 'woman' }, { declinedBefore: true });
    const woman = mentor(7, { profession: 'Teacher', gender: 'woman' });
    const ranked = english(suggestMentors({ ...mentee, mentorGender: 'woman' }, [full, man, declined, woman], DEFAULT_WEIGHTS));
    expect(ranked).toEqual([{ id: 7, score: 2, reasons: ['room for 1 more mentee', 'a woman, as the mentee asked'] }]);
  });

  it('gives the same order for the same data, ties to the mentor who registered first, at most five', () => {
    const same = [9, 3, 7, 1, 5, 8].map((id) => mentor(id, { profession: 'Baker' }));
    const ids = suggestMentors(mentee, same, DEFAULT_WEIGHTS).map((s) => s.mentorId);
    expect(ids).toEqual([1, 3, 5, 7, 8]);
    expect(suggestMentors(mentee, [...same].reverse(), DEFAULT_WEIGHTS).map((s) => s.mentorId)).toEqual(ids);
  });

  it('counts the field chosen from the list first, whatever language each wrote their profession in', () => {
    const electrician = mentor(1, { profession: 'Electrician', sector: 'construction' });
    const nurse = mentor(2, { profession: 'Nurse', sector: 'health' });
    const elektriker = { profession: 'Elektriker', sector: 'construction' };
    expect(english(suggestMentors(elektriker, [nurse, electrician], DEFAULT_WEIGHTS))[0]).toEqual({
      id: 1,
      score: 5,
      reasons: ['same field (Building and construction)', 'room for 1 more mentee'],
    });
    // The field the mentee wants to work in counts as much as the one they come from.
    const wantsCare = { profession: 'ممرضة', sector: 'other', targetSector: 'health' };
    expect(english(suggestMentors(wantsCare, [electrician, nurse], DEFAULT_WEIGHTS))[0]?.reasons[0]).toBe('same field (Health and care)');
    // "Other" is no field two people share.
    const other = mentor(3, { profession: 'Pilot', sector: 'other' });
    expect(english(suggestMentors({ profession: 'Baker', sector: 'other' }, [other], DEFAULT_WEIGHTS))[0]?.reasons).toEqual(['room for 1 more mentee']);
  });

  it('meets on the place chosen from the programme\'s list, or on the words written after "somewhere else"', () => {
    const inBergen = mentor(1, { city: 'Bergen' });
    const inStord = mentor(2, { city: 'other', cityOther: 'Stord' });
    const reasons = (m: Record<string, string>) => english(suggestMentors(m, [inBergen, inStord], DEFAULT_WEIGHTS)).map((s) => s.reasons[0]);
    expect(reasons({ region: 'Bergen' })).toEqual(['both in Bergen', 'room for 1 more mentee']);
    expect(reasons({ region: 'other', regionOther: 'stord ' })).toEqual(['both in stord', 'room for 1 more mentee']);
    // "Somewhere else" alone is no place two people share.
    expect(reasons({ region: 'other' })).toEqual(['room for 1 more mentee', 'room for 1 more mentee']);
  });
});
