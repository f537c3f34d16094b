import { z } from 'zod';
import { defineFlow } from '../defineFlow';
import type { Text } from '../../src/text/messages';
import { t } from '../../src/text/messages';
import { inLanguage, type LocalText, type Survey, type SurveyItem } from './surveySchema';
import { opt, TEXT } from '../questions';
import type { Answers, FlowContext, Input, Step } from '../types';

/**
 * A survey from its definition (`surveys/*.json` or the programme's own files): first whether the
 * person answers with their name or anonymously, then the items in order, each asked only when its
 * condition holds. Given: `survey` (its id) and `invitation`.
 */
export const surveyFlow = defineFlow({
  given: z.object({ survey: z.coerce.string(), invitation: z.coerce.number() }),
  id: 'survey',
  version: 1,
  steps: (ctx, given) => {
    const survey = ctx.programme.surveyDefinitions[given.survey];
    if (!survey) return [];
    return [answerAsStep(survey, ctx), ...survey.items.map((item) => itemStep(item, ctx))];
  },
  submit: (answers, _ctx, given) => {
    const { answerAs, ...rest } = answers;
    return {
      effects: [{ type: 'surveyAnswer', invitationId: given.invitation, anonymous: answerAs === 'anonymous', answers: rest }],
      lines: [t('survey.thanks')],
    };
  },
});

function answerAsStep(survey: Survey, ctx: FlowContext): Step {
  return {
    id: 'answerAs',
    prompt: [raw(survey.intro, ctx), t('survey.answerAs.prompt')],
    input: { kind: 'choice', options: [opt('named', 'survey.answerAs.named'), opt('anonymous', 'survey.answerAs.anonymous')] },
  };
}

function itemStep(item: SurveyItem, ctx: FlowContext): Step {
  const when = item.when;
  return {
    id: item.id,
    prompt: [raw(item.text, ctx)],
    label: raw(item.text, ctx),
    input: inputOf(item, ctx),
    optional: item.optional,
    when: when ? (a: Answers) => holds(a[when.item], when) : undefined,
  };
}

function inputOf(item: SurveyItem, ctx: FlowContext): Input {
  switch (item.kind) {
    case 'single':
    case 'multi':
      return { kind: item.kind === 'single' ? 'choice' : 'multi', options: item.options.map((o) => ({ value: o.value, label: raw(o.text, ctx) })) };
    case 'scale5':
      return scale(1, 5, item.low, item.high, ctx);
    case 'scale10':
      return scale(0, 10, item.low, item.high, ctx);
    case 'yesPartlyNo':
      return { kind: 'choice', options: ['yes', 'partly', 'no'].map((v) => opt(v, `survey.yesPartlyNo.${v}`)) };
    case 'text':
      return TEXT;
  }
}

/** The numbers from `from` to `to`, the ends named when the survey names them ("1 – not at all"). */
function scale(from: number, to: number, low: LocalText | undefined, high: LocalText | undefined, ctx: FlowContext): Input {
  return {
    kind: 'choice',
    options: Array.from({ length: to - from + 1 }, (_, i) => {
      const n = from + i;
      const end = n === from ? low : n === to ? high : undefined;
      return { value: String(n), label: end ? t('survey.scaleEnd', { n, text: inLanguage(end, ctx.language) }) : t('common.raw', { text: String(n) }) };
    }),
  };
}

function holds(answer: Answers[string] | undefined, when: { equals?: string; includes?: string }): boolean {
  if (when.equals !== undefined) return answer === when.equals;
  if (when.includes !== undefined) return Array.isArray(answer) && answer.includes(when.includes);
  return answer !== undefined;
}

function raw(text: LocalText, ctx: FlowContext): Text {
  return t('common.raw', { text: inLanguage(text, ctx.language) });
}
