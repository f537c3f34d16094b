import { describe, expect, it } from 'vitest';
import { localDay } from '../src/text/calendar';
import { createTranslator } from '../src/text/i18n';
import { known } from '../src/text/messages';

describe('days and texts worked out once', () => {
  it('gives each moment its own day where a zone changed its clock at one minute past midnight', () => {
    // St John's went from -2:30 to -3:30 at 00:01 local time on 7 November 2010.
    expect(localDay(new Date('2010-11-07T02:30:30Z'), 'America/St_Johns')).toBe('2010-11-07');
    expect(localDay(new Date('2010-11-07T02:40:00Z'), 'America/St_Johns')).toBe('2010-11-06');
    expect(localDay(new Date('2010-11-07T02:30:30Z'), 'America/St_Johns')).toBe('2010-11-07');
    expect(localDay(new Date('2026-11-30T23:30:00Z'), 'Europe/Oslo')).toBe('2026-12-01');
    expect(localDay(new Date('2026-11-30T22:59:59Z'), 'Europe/Oslo')).toBe('2026-11-30');
  });

  it('translates the same text with other params anew', () => {
    const translator = createTranslator();
    const progress = (n: number) => translator.translate({ key: 'form.progress', params: { n, total: 6 } }, 'en');
    expect(progress(1)).toBe(progress(1));
    expect(progress(Number.NaN)).not.toBe(progress(Number.POSITIVE_INFINITY));
    expect(translator.translate({ key: 'nudge.text', params: { name: 'Amina' } }, 'en')).toContain('Amina');
    expect(translator.translate({ key: 'nudge.text', params: { name: 'Olena' } }, 'en')).toContain('Olena');
  });

  it("puts each person's own words into a sentence it keeps, isolated in Arabic, and still writes a day as a day", () => {
    const translator = createTranslator();
    const nudge = (name: string, lng: string) => translator.translate({ key: 'nudge.text', params: { name } }, lng);
    expect(nudge('Amina', 'en')).toBe('Hello! We think you and Amina have not met for some time. A short meeting or a call helps you keep going.');
    expect(nudge('Olena $& {{name}}', 'en')).toContain('you and Olena $& {{name}} have not met');
    expect(nudge('Olena', 'ar')).toContain('\u2068Olena\u2069');
    expect(nudge('Amina', 'ar')).toContain('\u2068Amina\u2069');
    // A day given as a string goes through the day formatter every time, never kept with the first one's words.
    const paused = (date: string) => translator.translate({ key: 'mentorCare.pausedUntil', params: { date } }, 'en');
    expect(paused('2027-05-02')).toBe('On pause until May 2, 2027.');
    expect(paused('2027-06-03')).toBe('On pause until June 3, 2027.');
  });

  it("writes a known word (the programme's country) as its plain string would be, each with its own value", () => {
    const translator = createTranslator();
    const prompt = (country: string | ReturnType<typeof known>, lng: string) => translator.translate({ key: 'intake.rightToWork.prompt', params: { country } }, lng);
    expect(prompt(known('NO'), 'en')).toBe(prompt('NO', 'en'));
    expect(prompt(known('NO'), 'en')).toContain('Norway');
    expect(prompt(known('SE'), 'en')).toContain('Sweden');
    expect(prompt(known('NO'), 'en')).toContain('Norway');
    expect(prompt(known('NO'), 'ar')).toBe(prompt('NO', 'ar'));
    expect(prompt(known('SE'), 'ar')).not.toBe(prompt(known('NO'), 'ar'));
  });
});
