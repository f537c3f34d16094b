import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { button } from '../conversation/actions';
import { listPage, pageArg, pageLine } from '../conversation/listPage';
import { participant } from '../people/people';
import { hasConsent } from '../privacy/consents';
import { localDay } from '../text/calendar';
import { known, t } from '../text/messages';
import { personLabel, personName } from '../text/personText';
import { eq } from 'drizzle-orm';
import { participants } from '../../db/schema';
import { parseName } from '../../flows/parseName';
import {
  closeThread,
  openThreadOf,
  openThreads,
  startWriting,
  stopWriting,
  takeThread,
  type Thread,
  threadById,
  type ThreadResult,
  type ThreadScope,
  threadView,
  writeToCoordinators,
  writeToParticipant,
} from './threads';
import { writeInRelay } from './relay';

/**
 * The chat's commands over threads (see `threads.ts`): thin, so the desk can call the same functions.
 *
 * `/contact`: a participant writes to the coordinators (words after it are sent at once; without,
 * their next messages are). A coordinator's `/contact N` writes to person N in N's thread.
 */
export function contactCommand(c: CommandContext, args: string[]): CommandResult {
  const s = scopeOf(c);
  if (participant(c.tx, c.actorId)?.role === 'coordinator') {
    const id = idArg(args[0]);
    const person = id === undefined ? undefined : participant(c.tx, id);
    if (!person || person.erasedAt || person.role === 'coordinator') return reply(t('threads.contactUsage'));
    const thread = openThreadOf(s, person.id, 'coordinator');
    startWriting(s, c.actorId, thread);
    const words = args.slice(1).join(' ').trim();
    if (words !== '') return result(writeToParticipant(s, thread, words));
    return reply(t('threads.replyPrompt', { who: personLabel(person), thread: thread.id }));
  }
  // Consent before data: a person who has not agreed to what is kept writes to the programme's own contact.
  if (!hasConsent(c.tx, c.actorId, 'intake') && !hasConsent(c.tx, c.actorId, 'mentor')) {
    return reply(t('threads.noConsent', { contact: known(c.ctx.programme.contact) }));
  }
  const text = args.join(' ').trim();
  // In a form, the next plain messages answer its questions: the message comes on the same line.
  if (c.inForm && text === '') return reply(t('threads.contactInForm'));
  const thread = openThreadOf(s, c.actorId, 'contact');
  if (c.inForm) return result({ ...writeToCoordinators(s, thread, text), lines: [t('threads.sentInForm')] });
  startWriting(s, c.actorId, thread);
  if (text !== '') return result(writeToCoordinators(s, thread, text));
  return reply(t('threads.prompt'));
}

/** `/done`: the person's plain messages stop going into a thread. */
export function doneCommand(c: CommandContext): CommandResult {
  const coordinator = participant(c.tx, c.actorId)?.role === 'coordinator';
  const left = stopWriting(scopeOf(c), c.actorId);
  if (!left) return reply(t('threads.notWriting'));
  if (left.kind === 'relay') return reply(t('relay.done'));
  if (!coordinator) return reply(t('threads.done'));
  return reply(t('threads.doneCoordinator', { who: personLabel(participant(c.tx, left.participantId) ?? { id: left.participantId, name: null }) }));
}

/**
 * A plain message from a person who writes in a thread: from the participant it goes to the
 * coordinators, from a coordinator to the participant. Anyone else is refused, and their writing
 * stops: a thread is read and answered only by its participant and the coordinators.
 */
export function writeInThread(c: CommandContext, thread: Thread, text: string): CommandResult {
  const s = scopeOf(c);
  if (thread.kind === 'relay') return writeInRelay(c, thread, text);
  if (thread.participantId === c.actorId) return result(writeToCoordinators(s, thread, text));
  if (participant(c.tx, c.actorId)?.role !== 'coordinator') {
    stopWriting(s, c.actorId);
    return reply(t('coordinator.only'));
  }
  return result(writeToParticipant(s, thread, text));
}

/** `/threads` (`/threads 2`): the open threads, those waiting for an answer first. */
export function listThreads(c: CommandContext, pageArgument?: string): CommandResult {
  const rows = openThreads(scopeOf(c));
  if (rows.length === 0) return reply(t('threads.none'));
  const shown = listPage(rows, pageArg(pageArgument));
  const timeZone = c.ctx.programme.timezone;
  return {
    messages: [
      {
        lines: [
          t('threads.title', { number: rows.length }),
          ...shown.items.map(({ thread, waitingSince }) =>
            t('threads.listLine', {
              thread: thread.id,
              who: personLabel(participant(c.tx, thread.participantId) ?? { id: thread.participantId, name: null }),
              state: waitingSince ? t('threads.state.waiting', { date: localDay(new Date(waitingSince), timeZone) }) : t('threads.state.answered'),
            }),
          ),
          ...pageLine(shown, '/threads'),
        ],
        choices: shown.items.map(({ thread }) => ({ ...button({ name: 'thread', thread: thread.id }, t('threads.action.show', { thread: thread.id })), number: thread.id })),
      },
    ],
    notices: [],
  };
}

/** `/thread T`: one thread, every message, and what can be done. */
export function showThread(c: CommandContext, arg: string | undefined): CommandResult {
  const thread = findThread(c, arg);
  if (!thread) return reply(t('threads.notFound', { id: arg ?? '' }));
  return { messages: [threadView(scopeOf(c), thread, c.ctx.programme.timezone)], notices: [] };
}

/** `/reply T` (then the next messages) or `/reply T TEXT` (at once). */
export function replyCommand(c: CommandContext, [arg, ...words]: string[]): CommandResult {
  const thread = findThread(c, arg);
  if (!thread) return reply(t('threads.notFound', { id: arg ?? '' }));
  if (thread.status !== 'open') return reply(t('threads.alreadyClosed', { thread: thread.id }));
  const s = scopeOf(c);
  const text = words.join(' ').trim();
  if (text !== '') return result(writeToParticipant(s, thread, text));
  startWriting(s, c.actorId, thread);
  const person = participant(c.tx, thread.participantId);
  return reply(t('threads.replyPrompt', { who: personLabel(person ?? { id: thread.participantId, name: null }), thread: thread.id }));
}

/** `/take T`: "I take it". */
export function takeCommand(c: CommandContext, arg: string | undefined): CommandResult {
  const thread = findThread(c, arg);
  return thread ? result(takeThread(scopeOf(c), thread)) : reply(t('threads.notFound', { id: arg ?? '' }));
}

/** `/close T`. */
export function closeCommand(c: CommandContext, arg: string | undefined): CommandResult {
  const thread = findThread(c, arg);
  return thread ? result(closeThread(scopeOf(c), thread)) : reply(t('threads.notFound', { id: arg ?? '' }));
}

export function scopeOf(c: CommandContext): ThreadScope {
  return { tx: c.tx, programmeId: c.ctx.programme.id, actorId: c.actorId, now: c.ctx.now };
}

export function result(r: ThreadResult): CommandResult {
  return { messages: [r.choices ? { lines: r.lines, choices: r.choices } : { lines: r.lines }], notices: r.notices };
}

function findThread(c: CommandContext, arg: string | undefined): Thread | undefined {
  const id = idArg(arg);
  return id === undefined ? undefined : threadById(scopeOf(c), id);
}

/**
 * `/myname NAME`: the first name a coordinator's messages carry to participants (their account or
 * number never does). Until a coordinator gives one, participants read "your coordinator".
 */
export function myNameCommand(c: CommandContext, words: string[]): CommandResult {
  const parsed = words.length === 0 ? undefined : parseName(words.join(' '), 40);
  if (!parsed?.ok || typeof parsed.answer !== 'string') return reply(t('threads.nameUsage'));
  c.tx.update(participants).set({ name: parsed.answer }).where(eq(participants.id, c.actorId)).run();
  return reply(t('threads.nameSet', { name: personName({ id: c.actorId, name: parsed.answer }) }));
}
