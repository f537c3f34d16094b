import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { prepared, type Store, type Tx } from '../../db/client';
import { channelIdentities, participants } from '../../db/schema';
import { cleanText } from '../../flows/parseAnswer';
import type { FlowContext } from '../../flows/types';
import type { Clock } from '../runtime/clock';
import { FLOWS } from './flowRegistry';
import type { Translator } from '../text/i18n';
import type { Logger } from '../runtime/logger';
import type { OutMessage, Text } from '../text/messages';
import { type Inbound, REPLY_WINDOW_OPENED } from '../channels/channel';
import { known, t } from '../text/messages';
import { oneLine } from '../text/oneLine';
import type { Programme } from '../settings/programme';
import { menuAgain, menuChoice, missingFromMenu, type Session, withMenu } from './session';
import { decisionChoice, openDecision } from './openDecision';
import { enqueue, languageFor } from '../delivery/enqueue';
import { notify } from './notify';
import { loadSession, saveSession } from './sessionStore';
import type { CommandContext } from './commandContext';
import { latestApplicationOf, type Notice, participant } from '../people/people';
import { pairSummaryOf } from '../pairs/pairs';
import { programmeCommand, runProgrammeCommand } from './commandRouter';
import { applyEffects } from './effects';
import { insertEvent, insertIdentity, insertParticipant, markActive, selectIdentity, selectMentorScreening } from './turnQueries';
import { resolvePersonAlerts } from '../alerts/raiseAlert';
import { consentToRenew, neverAgreed } from '../privacy/consents';
import { CodeAttempts } from '../people/codeAttempts';
import { questionAsked, writingThread } from '../threads/threads';
import { writeInThread } from '../threads/threadCommands';
import type { ErasedAddress } from '../privacy/afterErasure';
import { type ApplicationSummary, type Role, resumeForm, startFlow, type TurnResult, turn } from './turn';
import { type Joined, joinWithCode } from '../people/joinWithCode';
import { parseCommand } from './actions';

export interface EngineOptions {
  store: Store;
  programme: Programme;
  translator: Translator;
  clock: Clock;
  logger: Logger;
  /** After this pause a person is welcomed back and asked the open question again. */
  returningAfterMs?: number;
  /** Called after a turn that erased its person (`/delete`) was committed. */
  afterErasure?: (erased: ErasedAddress[]) => void;
  /** Where the coordinator desk answers, once the HTTP server listens; undefined without one. */
  deskUrl?: () => string | undefined;
}

/**
 * `failed`: the turn failed and the person was sent an apology instead; `unstored`: not even that
 * could be written (the disk is full, the database cannot be written), so nothing of the event is kept
 * and only the platform delivering it again can bring it back.
 */
export type HandleOutcome = 'handled' | 'duplicate' | 'failed' | 'unstored';

/** The commands a person may use before they agreed to a new consent text: their data rights. */
const RIGHTS = new Set(['privacy', 'mydata', 'delete']);

interface Person {
  participantId: number;
  language: string;
  role: Role;
}

/**
 * Runs turns. Each turn — recording the event, the new state, its effects and the replies in the
 * outbox — is one synchronous, immediate SQLite transaction: a turn is all kept or not at all, two
 * turns of one person never interleave (not even from two processes), and a re-delivered event is
 * recognised by `(channel, eventId)` and handled once. Nothing is sent here; the outbox does that.
 */
export class Engine {
  private readonly returningAfterMs: number;
  private readonly codeAttempts = new CodeAttempts();

  constructor(private readonly options: EngineOptions) {
    this.returningAfterMs = options.returningAfterMs ?? 12 * 60 * 60 * 1000;
  }

  async handle(inbound: Inbound): Promise<HandleOutcome> {
    const { store, logger } = this.options;
    try {
      const erased: ErasedAddress[] = [];
      const outcome = store.db.transaction((tx) => this.runTurn(tx, inbound, erased), { behavior: 'immediate' });
      if (erased.length > 0) this.options.afterErasure?.(erased);
      return outcome;
    } catch (err) {
      logger.error('turn failed', { channel: inbound.channel, eventId: inbound.eventId, err });
      return this.apologise(inbound) ? 'failed' : 'unstored';
    }
  }

  /** `erased` gets the addresses of a person the turn erased. */
  private runTurn(tx: Tx, inbound: Inbound, erased: ErasedAddress[]): HandleOutcome {
    const now = this.options.clock.now();
    const fresh = prepared(tx, insertEvent).run({ channel: inbound.channel, eventId: inbound.eventId, receivedAt: now.toISOString() });
    if (fresh.changes === 0) return 'duplicate';

    // An imported person's personal code links this chat to them before anything else is read.
    const joined = joinWithCode(tx, inbound, now);
    const person = this.person(tx, inbound, now);
    // The button of a reply invitation only says the person is there: the messages held for them go now.
    if (inbound.content.kind === 'choice' && inbound.content.value === REPLY_WINDOW_OPENED) return 'handled';
    if (joined) return this.welcomeJoined(tx, { inbound, now, person, joined });
    const ctx = this.context(person.language, now);
    const stored = loadSession(tx, person.participantId);
    const session = stored ? stored.session : null;
    const lost = session === undefined || (session !== null && !knownFlow(session));
    const current = lost ? null : (session ?? null);
    // What waits for the person's answer is read from the database, so no command or restart loses it.
    const decision = current?.form || current?.overlay || person.role === 'coordinator' ? undefined : openDecision(tx, person.participantId, this.options.programme);
    const typed = inbound.content.kind === 'text' ? cleanText(inbound.content.text) : '';
    // Outside a form, what a person writes in a thread is a message in it, not a number from a menu; a command stays a command.
    const writing = current?.form || current?.overlay || typed === '' || typed.startsWith('/') ? undefined : writingThread(tx, person.participantId);
    const missing = writing ? undefined : missingFromMenu(current, inbound.content);
    if (missing) {
      // A number not in the list the person sees: say so, and how to see the list again; the list stays.
      this.send(tx, { inbound, now, to: person, messages: [{ lines: [t('commands.notInList', missing)] }], notices: [] });
      return 'handled';
    }
    const picked = writing ? undefined : menuChoice(current, inbound.content, ctx);
    const again = writing || picked ? undefined : menuAgain(current, inbound.content, ctx);
    if (again) {
      // A word that begins a choice of the last menu meant the menu: show its choices again; the menu stays.
      this.send(tx, { inbound, now, to: person, messages: [{ lines: [t('errors.pickOption')], choices: again }], notices: [] });
      return 'handled';
    }
    const content = writing ? inbound.content : (picked ?? decisionChoice(decision, inbound.content, ctx) ?? inbound.content);
    const command = programmeCommand(content);
    const slashCommand = content.kind === 'text' && cleanText(content.text).startsWith('/');
    // After the programme changed its consent text, nothing goes on until the person has read it;
    // only seeing, exporting or deleting their data, and the conversation's own commands, do.
    const asks = command ? !RIGHTS.has(command.name) : !slashCommand;
    // Someone a coordinator imported sees nothing of the programme before agreeing, not even their
    // status; only the language can be changed first, to read the consent text in.
    const ownCommand = slashCommand && !command && content.kind === 'text' ? parseCommand(cleanText(content.text))?.name : undefined;
    const firstConsent = ownCommand !== undefined && ownCommand !== 'language' && !current?.form && !current?.overlay && neverAgreed(tx, person.participantId);
    const renew = current?.form || current?.overlay || !(asks || firstConsent) ? undefined : consentToRenew(tx, person.participantId, person.role, this.options.programme);
    if (renew) {
      const started = startFlow('consent', { kind: renew }, ctx);
      saveSession(tx, person.participantId, started.session, now);
      const intro = neverAgreed(tx, person.participantId) ? t('join.consentFirst') : t('privacy.renewIntro');
      const messages = [{ lines: [intro] }, ...started.messages];
      this.send(tx, { inbound, now, to: person, messages, notices: [] });
      return 'handled';
    }
    const commandContext: CommandContext = { tx, actorId: person.participantId, channel: inbound.channel, ctx, inForm: Boolean(current?.form), deskUrl: this.options.deskUrl?.() };
    if (writing) {
      const result = writeInThread(commandContext, writing, typed);
      saveSession(tx, person.participantId, withMenu(current, result.messages.at(-1)), now);
      this.send(tx, { inbound, now, to: person, messages: result.messages, notices: result.notices });
      return 'handled';
    }
    if (command) {
      const result = runProgrammeCommand(command, person.role, commandContext);
      // A command never throws away questions the person is in the middle of answering.
      if (result.start && current?.form) {
        this.send(tx, { inbound, now, to: person, messages: [resumeForm(current.form, ctx, t('commands.finishFirst'))], notices: [] });
        return 'handled';
      }
      const started = result.start ? startFlow(result.start.flowId, result.start.given, ctx, result.start.answers) : undefined;
      const messages = [...result.messages, ...(started?.messages ?? [])];
      // After /delete nothing of the person is kept, not even the questions they had open.
      erased.push(...(result.erased ?? []));
      const gone = participant(tx, person.participantId)?.erasedAt;
      const from = oneLine([`/${command.name}`, ...command.args].join(' '));
      saveSession(tx, person.participantId, gone ? null : (started?.session ?? withMenu(current, messages.at(-1), from)), now);
      this.send(tx, { inbound, now, to: person, messages, notices: result.notices });
      return 'handled';
    }
    // Where the person stands matters only outside a form, or for a command such as /status.
    const standing = !current?.form || slashCommand;
    const result: TurnResult = turn({
      content,
      role: person.role,
      session: current,
      application: standing ? latestApplication(tx, person.participantId) : null,
      pair: standing ? pairSummaryOf(tx, person.participantId) : null,
      mentorScreening: standing && person.role === 'mentor' ? prepared(tx, selectMentorScreening).get({ participantId: person.participantId })?.screening : undefined,
      decision,
      consentPending: slashCommand && !current?.form && consentToRenew(tx, person.participantId, person.role, this.options.programme) !== undefined,
      returning: stored !== null && now.getTime() - Date.parse(stored.updatedAt) > this.returningAfterMs,
      codeLocked: this.codeAttempts.locked(person.participantId, now),
      ctx,
    });
    if (result.effects.some((e) => e.type === 'coordinatorCodeRefused')) {
      this.codeAttempts.refused(person.participantId, now);
      // Who tried, never what: the guess may be close to the code.
      this.options.logger.warn('coordinator code refused', {
        participant: person.participantId,
        channel: inbound.channel,
        locked: this.codeAttempts.locked(person.participantId, now),
      });
    }
    const { language, notices } = applyEffects(commandContext, {
      effects: result.effects,
      languageFor: (chosen) => languageFor(this.options.programme, chosen, undefined),
      language: person.language,
    });
    saveSession(tx, person.participantId, result.session, now);
    const messages: OutMessage[] = lost ? [{ lines: [t('errors.stateLost')] }, ...result.messages] : result.messages;
    this.send(tx, { inbound, now, to: { ...person, language }, messages, notices });
    return 'handled';
  }

  /**
   * After `/start CODE`: an imported person is welcomed by name and asked for their consent before
   * anything else; a chat that already belongs to someone is told to ask the coordinators.
   */
  private welcomeJoined(tx: Tx, turn: { inbound: Inbound; now: Date; person: Person; joined: Joined }): HandleOutcome {
    const { inbound, now, person } = turn;
    const { programme } = this.options;
    if (turn.joined.kind === 'inUse') {
      this.send(tx, { inbound, now, to: person, messages: [{ lines: [t('join.inUse', { contact: known(programme.contact) })] }], notices: [] });
      return 'handled';
    }
    const joined = participant(tx, person.participantId);
    if (joined?.language === null) tx.update(participants).set({ language: person.language }).where(eq(participants.id, person.participantId)).run();
    const started = startFlow('consent', { kind: person.role === 'mentor' ? 'mentor' : 'intake' }, this.context(person.language, now));
    saveSession(tx, person.participantId, started.session, now);
    const welcome = t('join.welcome', { name: oneLine(joined?.name ?? ''), programme: known(programme.name) });
    this.send(tx, { inbound, now, to: person, messages: [{ lines: [welcome] }, ...started.messages], notices: [] });
    return 'handled';
  }

  /**
   * Queues the replies to the person whose turn it is, and the notices to others (at the address
   * they wrote from last, in their language). Keys come from the event, so a turn queues once.
   */
  private send(tx: Tx, turn: { inbound: Inbound; now: Date; to: Person; messages: OutMessage[]; notices: Notice[] }): void {
    const { inbound, now, to } = turn;
    const key = `turn:${inbound.channel}:${inbound.eventId}`;
    const question = turn.messages.at(-1);
    if (question) questionAsked(tx, to.participantId, question);
    turn.messages.forEach((message, i) => {
      enqueue(tx, {
        dedupeKey: `${key}:${i}`,
        participantId: to.participantId,
        channel: inbound.channel,
        conversationRef: JSON.stringify(inbound.conversationRef),
        language: to.language,
        message,
        now,
      });
    });
    turn.notices.forEach((notice, i) => {
      notify(tx, this.options.programme, { ...notice, dedupeKey: `${key}:notice:${i}` }, now);
    });
  }

  /** Finds or creates the participant behind a channel identity and keeps its address current. */
  private person(tx: Tx, inbound: Inbound, now: Date): Person {
    const { programme } = this.options;
    const found = prepared(tx, selectIdentity).get({ channel: inbound.channel, externalUserId: inbound.externalUserId });
    const ref = JSON.stringify(inbound.conversationRef);
    const locale = inbound.locale ?? null;
    const handle = inbound.handle ?? null;
    if (found) {
      prepared(tx, markActive).run({ id: found.participantId, lastActiveAt: now.toISOString() });
      if (found.unreachable) resolvePersonAlerts(tx, found.participantId, now, ['unreachable']);
      if (found.conversationRef !== ref || found.locale !== locale || found.handle !== handle) {
        tx.update(channelIdentities).set({ conversationRef: ref, locale, handle }).where(eq(channelIdentities.id, found.identityId)).run();
      }
      return {
        participantId: found.participantId,
        language: languageFor(this.options.programme, found.language, inbound.locale),
        role: found.role,
      };
    }
    const known = inbound.sameNumberAs ? sameNumber(tx, inbound.sameNumberAs) : undefined;
    const created = known ?? prepared(tx, insertParticipant).get({ programmeId: programme.id, lastActiveAt: now.toISOString() });
    if (!created) throw new Error('a new participant was not stored');
    prepared(tx, insertIdentity).run({ participantId: created.id, channel: inbound.channel, externalUserId: inbound.externalUserId, conversationRef: ref, locale, handle });
    if (known) {
      // The same phone number on another channel: the person goes on where they were.
      prepared(tx, markActive).run({ id: known.id, lastActiveAt: now.toISOString() });
      if (known.unreachable) resolvePersonAlerts(tx, known.id, now, ['unreachable']);
      return { participantId: known.id, language: languageFor(this.options.programme, known.language, inbound.locale), role: known.role };
    }
    return { participantId: created.id, language: languageFor(this.options.programme, null, inbound.locale), role: 'applicant' };
  }

  private context(language: string, now: Date): FlowContext<Programme> {
    const { programme, translator } = this.options;
    return { programme, now, language, translate: (text: Text) => translator.translate(text, language) };
  }

  /**
   * After a failed turn: a kind word to the person, once per event, in a transaction of its own.
   * False when it could not be stored either.
   */
  private apologise(inbound: Inbound): boolean {
    const { store, logger, clock } = this.options;
    try {
      store.db.transaction(
        (tx) => {
          const now = clock.now();
          const person = this.person(tx, inbound, now);
          enqueue(tx, {
            dedupeKey: `error:${inbound.channel}:${inbound.eventId}`,
            participantId: person.participantId,
            channel: inbound.channel,
            conversationRef: JSON.stringify(inbound.conversationRef),
            language: person.language,
            message: { lines: [t('errors.turnFailed')] },
            now,
          });
        },
        { behavior: 'immediate' },
      );
      return true;
    } catch (err) {
      logger.error('could not queue the apology', {
        channel: inbound.channel,
        eventId: inbound.eventId,
        err,
      });
      return false;
    }
  }
}

/** The person another channel knows by the same phone number: by its id there, or by the number its address records. */
function sameNumber(tx: Tx, other: NonNullable<Inbound['sameNumberAs']>) {
  return tx
    .select({ id: participants.id, language: participants.language, role: participants.role, unreachable: participants.unreachable })
    .from(channelIdentities)
    .innerJoin(participants, eq(participants.id, channelIdentities.participantId))
    .where(
      and(
        eq(channelIdentities.channel, other.channel),
        or(eq(channelIdentities.externalUserId, other.externalUserId), sql`json_extract(${channelIdentities.conversationRef}, '$.phone') = ${other.phone}`),
        isNull(participants.erasedAt),
      ),
    )
    .orderBy(desc(channelIdentities.id))
    .limit(1)
    .get();
}

function knownFlow(session: Session): boolean {
  return session.form === null || FLOWS[session.form.flowId] !== undefined;
}

function latestApplication(tx: Tx, participantId: number): ApplicationSummary | null {
  const row = latestApplicationOf(tx, participantId);
  return row ? { status: row.status, submittedAt: new Date(row.submittedAt) } : null;
}
