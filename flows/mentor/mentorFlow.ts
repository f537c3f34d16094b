import { z } from 'zod';
import { defineFlow } from '../defineFlow';
import { known, t } from '../../src/text/messages';
import type { FlowSettings } from '../flowSettings';
import { choices, consentStep, includes, multi, nameStep, placeSteps, profileAnswers, question, sectorChoice, SHORT_TEXT, spokenLanguages } from '../questions';
import type { FlowContext, Step } from '../types';

/**
 * Registration in the mentor bank: what mentoring is, consent, name, profession and sector in
 * detail, experience, languages, where and how they can meet, how many mentees at once, and the
 * optional gender, own migration background and interests.
 */
export const mentorFlow = defineFlow({
  /** `company`: the code of the company agreement the mentor registers under (a known one; see the welcome). */
  given: z.object({ edit: z.coerce.boolean().default(false), company: z.string().optional() }),
  id: 'mentor',
  version: 1,
  steps: (ctx, given) => (given.edit ? profileSteps(ctx.programme, false) : [...openingSteps(ctx, given.company), ...profileSteps(ctx.programme, given.company !== undefined)]),
  review: { intro: t('intake.review.intro') },
  submit: (answers, _ctx, given) => ({
    effects: [{ type: 'registerMentor', answers: profileAnswers(answers), ...(given.company === undefined ? {} : { company: given.company }) }],
    lines: given.edit ? [t('privacy.profileSaved')] : [t('mentor.submitted.thanks'), t('mentor.submitted.next')],
  }),
});

/** What mentoring is and consent; `/profile` starts after them. */
function openingSteps(ctx: FlowContext, companyCode: string | undefined): Step[] {
  const p = ctx.programme;
  const company = p.companies.find((c) => c.code === companyCode);
  return [
    {
      id: 'about',
      prompt: [
        t('mentor.about.what', { country: known(p.country) }),
        t('mentor.about.time', { count: p.durations.pairMonths }),
        ...(company ? [t('mentor.company.joining', { company: known(company.name) })] : []),
      ],
      input: { kind: 'none', continueLabel: t('intake.about.continue') },
    },
    consentStep(ctx, 'mentor'),
  ];
}

/** `company`: the mentor came through a company agreement, so their employer is known already. */
function profileSteps(p: FlowSettings, company: boolean): Step[] {
  const q = (id: string, spec: Parameters<typeof question>[2]) => question('mentor', id, spec);
  return [
    nameStep(),
    q('profession', { input: SHORT_TEXT }),
    q('sector', { input: sectorChoice() }),
    q('role', { input: SHORT_TEXT }),
    ...(company ? [] : [q('employer', { input: SHORT_TEXT, optional: true })]),
    q('experienceYears', { input: choices('intake.options.experienceYears', ['0', '1-2', '3-5', '6-10', '10+']) }),
    q('languages', { input: spokenLanguages(p) }),
    q('otherLanguages', { input: SHORT_TEXT, when: (a) => includes(a.languages, 'other') }),
    ...placeSteps({ ns: 'mentor', id: 'city', inWords: 'cityOther' }, p),
    q('meetingMode', { input: choices('intake.options.meetingMode', ['inPerson', 'video', 'both']) }),
    q('capacity', { input: choices('mentor.options.capacity', ['1', '2', '3']) }),
    q('gender', { input: choices('mentor.options.gender', ['woman', 'man', 'other']), optional: true }),
    q('migrationBackground', {
      prompt: [t('mentor.migrationBackground.prompt', { country: known(p.country) })],
      input: choices('mentor.options.migrationBackground', ['yes', 'no']),
      optional: true,
    }),
    q('interests', { input: SHORT_TEXT, optional: true }),
    q('availability', {
      input: multi('intake.options.availability', ['weekdayDay', 'weekdayEvening', 'weekend']),
    }),
  ];
}
