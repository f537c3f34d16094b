import { REVIEW, answerForm, backForm, formStepExists, migrateForm, promptForm, remindForm, skipForm, reopenForm, startForm } from '../../flows/form';
import { cleanText, matchOption } from '../../flows/parseAnswer';
import { planOf } from '../../flows/flowPlan';
import type { Programme } from '../settings/programme';
import { parseCommand } from './actions';
import type { Answers, Effect, FlowContext, FormFlow, FormResult, FormState } from '../../flows/types';
import { welcomeFlow } from '../../flows/welcome/welcomeFlow';
import { FLOWS } from './flowRegistry';
import { intlLocale } from '../text/languages';
import type { OutMessage, Reply, Text } from '../text/messages';
import type { InboundContent } from '../channels/channel';
import { known, t } from '../text/messages';
import type { Session } from './session';
import type { OpenDecision } from './openDecision';

export interface ApplicationSummary {
  status: 'submitted' | 'interview' | 'accepted' | 'waitlisted' | 'declined' | 'withdrawn';
  submittedAt: Date;
}

export type Role = 'applicant' | 'mentee' | 'mentor' | 'coordinator';

export interface TurnInput {
  content: InboundContent;
  role: Role;
  /** The stored session, or null when the person is not in a conversation. */
  session: Session | null;
  application: ApplicationSummary | null;
  /**
   * The pair the person is in (proposed, active or paused), with the other member's first name; for
   * a mentee without one, their last pair that is over (completed or ended).
   */
  pair: { status: 'proposed' | 'active' | 'paused' | 'completed' | 'ended'; partner: Text } | null;
  /** A mentor's screening by the coordinators: `/status` says whether the registration is still being read. */
  mentorScreening?: 'new' | 'talk' | 'approved' | 'declined';
  /** What waits for the person's answer outside a form (a proposal, a goal step, a survey), if anything. */
  decision?: OpenDecision;
  /** The programme changed its consent text since the person agreed: `/status` says so first. */
  consentPending?: boolean;
  /** The person comes back after a long pause: greet them and ask the open question again. */
  returning: boolean;
  /** The person tried too many wrong coordinator codes lately: no code is checked now. */
  codeLocked?: boolean;
  ctx: FlowContext<Programme>;
}

export interface TurnResult {
  session: Session | null;
  effects: Effect[];
  messages: OutMessage[];
}

/**
 * One turn of a conversation, without I/O: global commands first, then the small question asked
 * over a form, then the form itself. Anything a person sends leads to an answer.
 */
export function turn(input: TurnInput): TurnResult {
  const { content, ctx } = input;
  const session = input.session ? withCurrentFlow(input.session, ctx) : null;
  const form = session?.form ?? null;
  const migrated = form !== (input.session?.form ?? null);
  if (content.kind === 'text' && cleanText(content.text).startsWith('/')) {
    return command(cleanText(content.text), { ...input, session: { form, overlay: null } });
  }
  if (content.kind === 'media') {
    // A photo or a voice note answers nothing: the open question is asked again, the small one over a form too.
    const media = t('errors.media', { contact: known(ctx.programme.contact) });
    if (session?.overlay) return overlayQuestion(session.overlay, form, ctx, [media]);
    return form ? remind(form, ctx, [media]) : say(session, [media]);
  }
  if (session?.overlay === 'language') return answerLanguage(content, form, ctx);
  if (session?.overlay === 'cancel') return answerCancel(content, form, ctx);
  if (migrated && !form) return say(null, [t('form.gone')]);
  if (form) {
    if (migrated) return ask(form, ctx, [t('form.updated')]);
    if (input.returning && content.kind !== 'choice') return ask(form, ctx, [t('form.welcomeBack')]);
    return fromForm(answerForm(flowOf(form), form, content, ctx), ctx);
  }
  if (input.application || input.role !== 'applicant' || input.decision) return status(input, ctx);
  return begin(ctx);
}

function command(text: string, input: TurnInput): TurnResult {
  const { ctx } = input;
  const form = input.session?.form ?? null;
  const { name, args } = parseCommand(text) ?? { name: '', args: [] };
  const code = ctx.programme.coordinatorInviteCode;
  switch (name) {
    case 'start': {
      const payload = args[0] ?? '';
      const company = companyCode(args);
      // A start link carries the code too (t.me/bot?start=CODE): any other payload is a try.
      const tried = code !== undefined && payload !== '' && !Object.hasOwn(START_LINKS, payload) && company === null;
      if (tried && !input.codeLocked && payload === code) return becomeCoordinator();
      const refused: Effect[] = tried ? [{ type: 'coordinatorCodeRefused' }] : [];
      // Named for what it is: an application, a mentor's registration, a check-in.
      if (form) return withEffects(remind(form, ctx, [t(`status.form.${formName(form.flowId)}`)]), refused);
      if (input.application || input.role !== 'applicant' || input.decision) return withEffects(status(input, ctx), refused);
      if (company !== null) return withEffects(beginWithCompany(ctx, company), refused);
      return withEffects(begin(ctx, START_LINKS[payload] ?? {}), refused);
    }
    case 'coordinator': {
      const given = args[0];
      if (code === undefined) return say(input.session, [t('coordinator.noCode')]);
      if (given === undefined) return say(input.session, [t('coordinator.wrongCode')]);
      if (input.codeLocked) return withEffects(say(input.session, [t('coordinator.tooManyTries')]), [{ type: 'coordinatorCodeRefused' }]);
      if (given === code) return becomeCoordinator();
      return withEffects(say(input.session, [t('coordinator.wrongCode')]), [{ type: 'coordinatorCodeRefused' }]);
    }
    case 'help': {
      // One text per role: an applicant's leaves out goals, meetings and check-ins; a mentor's adds /mentor.
      const help = [t(`help.${input.role}`)];
      return form ? remind(form, ctx, help) : say(null, help);
    }
    case 'status':
      return form ? remind(form, ctx, statusLines(input, ctx)) : status(input, ctx);
    case 'back':
      return form ? fromForm(backForm(flowOf(form), form, ctx), ctx) : say(null, [t('commands.nothingOpen')]);
    case 'skip':
      return form ? fromForm(skipForm(flowOf(form), form, ctx), ctx) : say(null, [t('commands.nothingOpen')]);
    case 'cancel':
      if (!form) return say(null, [t('commands.nothingOpen')]);
      return {
        session: { form, overlay: 'cancel' },
        effects: [],
        messages: [{ lines: [t('commands.cancelConfirm')], choices: cancelChoices() }],
      };
    case 'language':
      return {
        session: { form, overlay: 'language' },
        effects: [],
        messages: [{ lines: languagePrompt(ctx), choices: languageChoices(ctx) }],
      };
    default: {
      const unknown = t('commands.unknown', { command: `/${name}` });
      return form ? ask(form, ctx, [unknown]) : say(null, [unknown]);
    }
  }
}

function answerLanguage(content: Reply, form: FormState | null, ctx: FlowContext): TurnResult {
  const choices = languageChoices(ctx);
  const value = content.kind === 'choice' ? choices.find((c) => c.value === content.value)?.value : matchOption(choices, content.text, ctx.translate)?.value;
  if (value === undefined) return overlayQuestion('language', form, ctx, [t('errors.pickOption')]);
  const effects: Effect[] = [{ type: 'setLanguage', language: value }];
  const lines = [t('language.changed')];
  if (!form) return { session: null, effects, messages: [{ lines }] };
  return {
    session: { form, overlay: null },
    effects,
    messages: [promptForm(flowOf(form), form, ctx, lines)],
  };
}

function answerCancel(content: Reply, form: FormState | null, ctx: FlowContext): TurnResult {
  const choices = cancelChoices();
  const value = content.kind === 'choice' ? content.value : matchOption(choices, content.text, ctx.translate)?.value;
  if (value === 'yes' || !form) return say(null, [t('commands.cancelled')]);
  if (value === 'no') return ask(form, ctx, [t('commands.continuing')]);
  return overlayQuestion('cancel', form, ctx, [t('errors.pickOption')]);
}

/** The small question over a form (which language; stop?) again, after `before`. */
function overlayQuestion(overlay: 'language' | 'cancel', form: FormState | null, ctx: FlowContext, before: Text[]): TurnResult {
  const message =
    overlay === 'language'
      ? { lines: [...before, ...languagePrompt(ctx)], choices: languageChoices(ctx) }
      : { lines: [...before, t('commands.cancelConfirm')], choices: cancelChoices() };
  return { session: { form, overlay }, effects: [], messages: [message] };
}

/** Where the person stands outside a form, with the choices that answer what waits for them. */
function status(input: TurnInput, ctx: FlowContext): TurnResult {
  const choices = input.decision?.choices;
  return { session: null, effects: [], messages: [choices ? { lines: statusLines(input, ctx), choices } : { lines: statusLines(input, ctx) }] };
}

/**
 * Where the person stands: in which questions and at which of them, what they are asked to decide,
 * or their application's status.
 */
function statusLines(input: TurnInput, ctx: FlowContext): Text[] {
  const contact = t('status.contact', { contact: known(ctx.programme.contact) });
  const form = input.session?.form;
  // The question asked again after these lines shows its number; at the summary, say what is left to do.
  if (form) return [t(`status.form.${formName(form.flowId)}`), ...(form.stepId === REVIEW ? [t('status.form.atSummary')] : []), contact];
  const standing = standingLines(input, ctx, contact);
  return input.consentPending ? [t('status.consentPending'), ...standing] : standing;
}

/** A mentor without a pair, by their screening: not "in the mentor bank" before a coordinator approved them. */
const MENTOR_STANDING = {
  new: 'mentorCare.own.notApprovedYet',
  talk: 'mentorCare.toMentor.talk',
  approved: 'status.mentor',
  declined: 'mentorCare.toMentor.declined',
} as const;

function standingLines(input: TurnInput, ctx: FlowContext, contact: Text): Text[] {
  // The choices follow the question at once, with nothing in between.
  if (input.decision) return input.decision.lines;
  if (input.pair) return [t(`status.pair.${input.pair.status}`, { name: input.pair.partner }), contact];
  if (input.role === 'mentor') return [t(MENTOR_STANDING[input.mentorScreening ?? 'approved']), contact];
  if (input.role === 'coordinator') return [t('status.coordinator')];
  const application = input.application;
  if (!application) return [t('status.none')];
  const date = new Intl.DateTimeFormat(intlLocale(ctx.language), {
    dateStyle: 'long',
    timeZone: ctx.programme.timezone,
  }).format(application.submittedAt);
  return [t(`status.${application.status}`, { date }), contact];
}

/** What a poster link (`/start <payload>`) presets in the welcome. */
const START_LINKS: Record<string, Answers> = { apply: { preset: 'mentee' }, mentor: { preset: 'mentor' } };

/** The company code of a mentor's start link (`mentor-ACME`) or command (`/start mentor ACME`), as typed; null without one. */
function companyCode(args: string[]): string | null {
  const [payload = '', second] = args;
  if (payload.toLowerCase().startsWith('mentor-')) return payload.slice('mentor-'.length);
  return payload === 'mentor' && second !== undefined ? second : null;
}

/**
 * A mentor's welcome under a company agreement. An unknown code is not an error the person must fix:
 * they are told kindly and register without a company (a coordinator can tell them the right link).
 */
function beginWithCompany(ctx: FlowContext, typed: string): TurnResult {
  const known = ctx.programme.companies.find((c) => c.code.toUpperCase() === typed.toUpperCase());
  if (known) return begin(ctx, { preset: 'mentor', company: known.code });
  const started = begin(ctx, { preset: 'mentor' });
  const [first, ...rest] = started.messages;
  return first ? { ...started, messages: [{ ...first, lines: [t('mentor.company.unknown'), ...first.lines] }, ...rest] } : started;
}

function begin(ctx: FlowContext, given: Answers = {}): TurnResult {
  return fromForm(startForm(welcomeFlow, ctx, given), ctx);
}

/** The open question again, after `before`. */
export function resumeForm(form: FormState, ctx: FlowContext, before: Text): OutMessage {
  return promptForm(flowOf(form), form, ctx, [before]);
}

/** Starts a flow for the person whose turn it is (a programme command can take them into one). */
export function startFlow(flowId: string, given: Answers, ctx: FlowContext, answers?: Answers): TurnResult {
  const flow = flowOf({ flowId });
  return fromForm(answers ? reopenForm(flow, ctx, given, answers) : startForm(flow, ctx, given), ctx);
}

function becomeCoordinator(): TurnResult {
  const effects: Effect[] = [{ type: 'becomeCoordinator' }];
  return { session: null, effects, messages: [{ lines: [t('coordinator.welcome'), t('help.coordinator')] }] };
}

/** The flows `/status` names (`status.form.<id>`); any other is named in general words. */
const NAMED_FORMS = new Set(['welcome', 'intake', 'mentor', 'consent', 'kickoff', 'goals', 'goalEdit', 'meeting', 'checkin', 'survey']);

function formName(flowId: string): string {
  return NAMED_FORMS.has(flowId) ? flowId : 'other';
}

/** The open question after `before`, shortly: a status or the help does not reprint a summary. */
function remind(form: FormState, ctx: FlowContext, before: Text[]): TurnResult {
  return { session: { form, overlay: null }, effects: [], messages: [remindForm(flowOf(form), form, ctx, before)] };
}

function ask(form: FormState, ctx: FlowContext, before: Text[]): TurnResult {
  return {
    session: { form, overlay: null },
    effects: [],
    messages: [promptForm(flowOf(form), form, ctx, before)],
  };
}

function withEffects(result: TurnResult, effects: Effect[]): TurnResult {
  return effects.length === 0 ? result : { ...result, effects: [...result.effects, ...effects] };
}

function say(session: Session | null, lines: Text[]): TurnResult {
  return { session, effects: [], messages: [{ lines }] };
}

/** A form's result as a turn's; a finished form that hands over starts the next flow at once. */
function fromForm(result: FormResult, ctx: FlowContext): TurnResult {
  const handOver = result.effects.find((e) => e.type === 'startFlow');
  const effects = result.effects.filter((e) => e.type !== 'startFlow');
  if (!handOver || result.state) return { session: sessionOf(result.state), effects, messages: result.messages };
  const next = startForm(flowOf({ flowId: handOver.flowId }), ctx, handOver.given);
  return { session: sessionOf(next.state), effects, messages: [...result.messages, ...next.messages] };
}

function sessionOf(form: FormState | null): Session | null {
  return form ? { form, overlay: null } : null;
}

function languagePrompt(ctx: FlowContext): Text[] {
  return ctx.programme.languages.map((lng) => ({ key: 'language.prompt', lng }));
}

function languageChoices(ctx: FlowContext) {
  return ctx.programme.languages.map((lng) => ({ value: lng, label: { key: 'language.self', lng } }));
}

function cancelChoices() {
  return [
    { value: 'yes', label: t('commands.cancelYes') },
    { value: 'no', label: t('commands.cancelNo') },
  ];
}

function flowOf(form: Pick<FormState, 'flowId'>): FormFlow {
  const flow = FLOWS[form.flowId];
  if (!flow) throw new Error(`unknown flow ${form.flowId}`);
  return flow;
}

/**
 * A session stored by an older version of its flow (or of its survey file), moved to the current one;
 * a flow with nothing left to ask (a survey taken out of use) is closed.
 */
function withCurrentFlow(session: Session, ctx: FlowContext): Session {
  const form = session.form;
  if (!form) return session;
  const flow = flowOf(form);
  if (form.version === flow.version && formStepExists(flow, form, ctx)) return session;
  if (planOf(flow, ctx, form.given).steps.length === 0) return { form: null, overlay: null };
  return { form: migrateForm(flow, form, ctx), overlay: null };
}
