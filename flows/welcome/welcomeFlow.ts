import { z } from 'zod';
import { defineFlow } from '../defineFlow';
import { t } from '../../src/text/messages';
import { opt } from '../questions';
import type { Answers, FlowContext, Step } from '../types';
import { intakeOn } from '../applicationRounds';
import { localDay } from '../../src/text/calendar';

/**
 * The first words with Kompis: the language, then whether the person wants a mentor or wants to be
 * one (asked only when a poster link did not already say). Hands over to the intake or the mentor
 * registration.
 */
export const welcomeFlow = defineFlow({
  given: z.object({ preset: z.string().optional(), company: z.string().optional() }),
  id: 'welcome',
  version: 1,
  // A poster link presets the role (`/start mentor`), and then the question is not asked.
  steps: (ctx, given) => [languageStep(ctx), ...(given.preset === undefined ? [roleStep()] : []), interestStep(ctx, given)],
  submit: (answers, ctx, given) => {
    if ((answers.role ?? given.preset) === 'mentor') {
      const forMentor: Answers = given.company === undefined ? {} : { company: given.company };
      return { effects: [{ type: 'startFlow', flowId: 'mentor', given: forMentor }], lines: [] };
    }
    if (intakeNow(ctx).kind !== 'closed') return { effects: [{ type: 'startFlow', flowId: 'intake' }], lines: [] };
    // Outside an application round nothing is applied for; the person may ask to be told when one opens.
    const next = nextRoundDay(ctx);
    if (answers.interest !== 'yes') return { effects: [], lines: [t('rounds.interest.notSaved')] };
    return { effects: [{ type: 'leaveRoundInterest' }], lines: [next ? t('rounds.interest.saved', { date: next }) : t('rounds.interest.savedNoDate')] };
  },
});

/**
 * Outside an application round: when the next one opens, and whether to write then. Asked only of a
 * future mentee of a programme with rounds, and only while none is open.
 */
function interestStep(ctx: FlowContext, given: Answers): Step {
  const next = nextRoundDay(ctx);
  return {
    id: 'interest',
    when: (a) => (a.role ?? given.preset) !== 'mentor' && intakeNow(ctx).kind === 'closed',
    prompt: [next ? t('rounds.closed', { date: next }) : t('rounds.closedNoDate'), t('rounds.interest.prompt')],
    input: { kind: 'choice', options: [opt('yes', 'rounds.interest.yes'), opt('no', 'rounds.interest.no')] },
  };
}

function intakeNow(ctx: FlowContext) {
  return intakeOn(ctx.programme.rounds, localDay(ctx.now, ctx.programme.timezone));
}

function nextRoundDay(ctx: FlowContext): string | null {
  const intake = intakeNow(ctx);
  return intake.kind === 'closed' && intake.next ? intake.next.opens : null;
}

function languageStep(ctx: FlowContext): Step {
  const { languages } = ctx.programme;
  const offered = [ctx.language, ...languages.filter((l) => l !== ctx.language)].filter((l) => languages.includes(l));
  return {
    id: 'language',
    prompt: offered.map((lng) => ({ key: 'language.prompt', lng })),
    input: { kind: 'choice', options: offered.map((lng) => ({ value: lng, label: { key: 'language.self', lng } })) },
    onAnswer: (answer) => ({ effects: [{ type: 'setLanguage', language: String(answer) }] }),
  };
}

function roleStep(): Step {
  return {
    id: 'role',
    prompt: [t('welcome.role.prompt')],
    input: { kind: 'choice', options: [opt('mentee', 'welcome.role.mentee'), opt('mentor', 'welcome.role.mentor')] },
  };
}
