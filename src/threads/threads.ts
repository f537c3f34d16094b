import { and, asc, desc, eq, getTableColumns, inArray, ne, sql } from 'drizzle-orm';
import { type Db, prepared, type Tx } from '../../db/client';
import { pairs, threadMessages, threads, threadWriters } from '../../db/schema';
import { audit } from '../privacy/audit';
import { coordinatorsOf, type Notice, participant } from '../people/people';
import { OPEN_PAIR_STATES, memberOf } from '../pairs/pairs';
import { button, encodeAction, parseCommand } from '../conversation/actions';
import type { Choice, OutMessage, Text } from '../text/messages';
import { t } from '../text/messages';
import { oneLine } from '../text/oneLine';
import { personLabel } from '../text/personText';
import { loadSession } from '../conversation/sessionStore';

export type Thread = typeof threads.$inferSelect;
export type ThreadMessage = typeof threadMessages.$inferSelect;
export type ThreadKind = Thread['kind'];

/**
 * What the thread functions work with: the open transaction, the programme, who acts and when. The
 * chat commands and the coordinator's desk both call the functions below with it, so a thread behaves
 * the same wherever it is answered.
 */
export interface ThreadScope {
  tx: Tx;
  programmeId: string;
  actorId: number;
  now: Date;
}

/** What a thread function did: what the actor is told, and the messages to others. */
export interface ThreadResult {
  lines: Text[];
  /** What the actor can do next. */
  choices?: Choice[];
  notices: Notice[];
  /** The thread it was about, when there is one. */
  thread?: Thread;
}

/**
 * The participant's open thread with the coordinators, or a new one of `kind`: a person has at most
 * one open thread with the coordinators at a time (a relay to their partner is apart, see `relay.ts`).
 */
export function openThreadOf(s: ThreadScope, participantId: number, kind: ThreadKind): Thread {
  const open = openThread(s.tx, participantId);
  if (open) return open;
  return s.tx.insert(threads).values({ programmeId: s.programmeId, participantId, kind, status: 'open', openedAt: s.now.toISOString() }).returning().get();
}

export function openThread(tx: Tx, participantId: number): Thread | undefined {
  return tx
    .select()
    .from(threads)
    .where(and(eq(threads.participantId, participantId), eq(threads.status, 'open'), ne(threads.kind, 'relay')))
    .orderBy(desc(threads.id))
    .get();
}

/** A thread with the coordinators; a relay between the members of a pair is theirs alone, so no coordinator reads or answers it. */
export function threadById(s: Pick<ThreadScope, 'tx' | 'programmeId'>, id: number): Thread | undefined {
  return s.tx
    .select()
    .from(threads)
    .where(and(eq(threads.id, id), eq(threads.programmeId, s.programmeId), ne(threads.kind, 'relay')))
    .get();
}

/** The thread a person's plain messages go to now, if any (see `threadWriters`). */
export function writingThread(tx: Tx, participantId: number): Thread | undefined {
  const thread = prepared(tx, selectWriting).get({ participantId });
  return thread?.status === 'open' ? thread : undefined;
}

/** The thread the person writes in, if any (every turn with choices asks: kept prepared). */
function selectWriting(db: Db | Tx) {
  return db
    .select(getTableColumns(threads))
    .from(threadWriters)
    .innerJoin(threads, eq(threads.id, threadWriters.threadId))
    .where(eq(threadWriters.participantId, sql.placeholder('participantId')))
    .prepare();
}

function deleteWriter(db: Db | Tx) {
  return db
    .delete(threadWriters)
    .where(eq(threadWriters.participantId, sql.placeholder('participantId')))
    .prepare();
}

/** From now on the person's plain messages go into `thread`, until `/done` or the thread closes. */
export function startWriting(s: ThreadScope, participantId: number, thread: Thread): void {
  const row = { threadId: thread.id, since: s.now.toISOString() };
  s.tx
    .insert(threadWriters)
    .values({ participantId, ...row })
    .onConflictDoUpdate({ target: threadWriters.participantId, set: row })
    .run();
}

/** The person's plain messages are theirs again; a thread they opened and left empty goes. Returns the thread they wrote in. */
export function stopWriting(s: Pick<ThreadScope, 'tx'>, participantId: number): Thread | undefined {
  const writing = prepared(s.tx, selectWriting).get({ participantId });
  // Most people are not writing in a thread: nothing to end, nothing written.
  if (!writing) return undefined;
  prepared(s.tx, deleteWriter).run({ participantId });
  const thread = writing.status === 'open' ? writing : undefined;
  if (thread && messagesOf(s.tx, thread.id).length === 0) s.tx.delete(threads).where(eq(threads.id, thread.id)).run();
  return thread;
}

/**
 * Kompis asks the person something with choices (a proposal, a check-in, a list they asked for): what
 * they type next answers that, so it no longer goes into a thread. Call it for every such message.
 */
export function questionAsked(tx: Tx, participantId: number, message: OutMessage): void {
  const choices = message.choices ?? [];
  // A partner's message with only "Write to NAME" under it asks nothing: two people writing back and forth keep writing.
  // (Kompis's own buttons: their command's name is enough, with no need to check them as a pressed one is.)
  if (choices.length > 0 && !choices.every((c) => parseCommand(c.value)?.name === 'write')) stopWriting({ tx }, participantId);
}

/**
 * The participant writes to the coordinators: the words are kept in their thread, and the coordinator
 * who took it (every coordinator while nobody has) gets them with who wrote: name, role, pair and
 * language. Each coordinator who gets the words is written in the audit log.
 */
export function writeToCoordinators(s: ThreadScope, thread: Thread, text: string): ThreadResult {
  const first = messagesOf(s.tx, thread.id).length === 0;
  addMessage(s, thread, { fromCoordinator: false, text });
  const heading = t(first ? 'threads.newHeading' : 'threads.moreHeading', { thread: thread.id });
  const message: OutMessage = {
    lines: [heading, whoLine(s.tx, thread.participantId), words(text)],
    choices: coordinatorChoices(thread),
    about: [thread.participantId],
  };
  const notices = recipientsOf(s, thread).map((coordinator) => {
    audit(s.tx, { programmeId: s.programmeId, actorId: coordinator, action: 'threadSent', subjectId: thread.participantId, at: s.now });
    return { participantId: coordinator, message };
  });
  return { lines: [t(first ? 'threads.sent' : 'threads.sentMore')], notices, thread };
}

/**
 * A coordinator writes to the participant: Kompis sends it on the participant's own channel, marked
 * with the coordinator's first name (never their account), and the participant's next plain messages
 * answer in this thread. A thread nobody had taken is the replier's from now on.
 */
export function writeToParticipant(s: ThreadScope, thread: Thread, text: string, message: { before?: Text[]; hint?: Text } = {}): ThreadResult {
  if (thread.status !== 'open') return { lines: [t('threads.alreadyClosed', { thread: thread.id })], notices: [] };
  addMessage(s, thread, { fromCoordinator: true, text });
  if (thread.takenBy === null) s.tx.update(threads).set({ takenBy: s.actorId }).where(eq(threads.id, thread.id)).run();
  startWriting(s, thread.participantId, thread);
  const who = personLabel(participant(s.tx, thread.participantId) ?? { id: thread.participantId, name: null });
  return {
    lines: [t('threads.replied', { who, thread: thread.id })],
    notices: [
      {
        participantId: thread.participantId,
        message: { lines: [...(message.before ?? []), fromCoordinatorLine(s.tx, s.actorId, text), message.hint ?? answerHint(s.tx, thread.participantId)] },
      },
    ],
    thread,
  };
}

/** "I take it": the thread is the actor's; the other coordinators are told, so nobody answers twice. */
export function takeThread(s: ThreadScope, thread: Thread): ThreadResult {
  if (thread.status !== 'open') return { lines: [t('threads.alreadyClosed', { thread: thread.id })], notices: [] };
  s.tx.update(threads).set({ takenBy: s.actorId }).where(eq(threads.id, thread.id)).run();
  const who = personLabel(participant(s.tx, thread.participantId) ?? { id: thread.participantId, name: null });
  const notices = coordinatorsOf(s.tx, s.programmeId)
    .filter((id) => id !== s.actorId)
    .map((id) => ({ participantId: id, message: { lines: [t('threads.tookForOthers', { name: coordinatorName(s.tx, s.actorId), thread: thread.id, who })] } }));
  return {
    lines: [t('threads.took', { thread: thread.id, who })],
    choices: coordinatorChoices(thread).filter((c) => c.value !== encodeAction({ name: 'take', thread: thread.id })),
    notices,
    thread,
  };
}

/** Closes the thread: nobody writes in it any more, and the participant is told how to write again. */
export function closeThread(s: ThreadScope, thread: Thread): ThreadResult {
  if (thread.status !== 'open') return { lines: [t('threads.alreadyClosed', { thread: thread.id })], notices: [] };
  s.tx.update(threads).set({ status: 'closed', closedAt: s.now.toISOString() }).where(eq(threads.id, thread.id)).run();
  s.tx.delete(threadWriters).where(eq(threadWriters.threadId, thread.id)).run();
  return {
    lines: [t('threads.closed', { thread: thread.id })],
    notices: [{ participantId: thread.participantId, message: { lines: [t('threads.closedForParticipant')] } }],
    thread,
  };
}

/** One thread as a coordinator reads it, every message in order; written in the audit log. */
export function threadView(s: ThreadScope, thread: Thread, timeZone: string): OutMessage {
  audit(s.tx, { programmeId: s.programmeId, actorId: s.actorId, action: 'viewThread', subjectId: thread.participantId, at: s.now });
  const who = personLabel(participant(s.tx, thread.participantId) ?? { id: thread.participantId, name: null });
  const time = (iso: string) => new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone }).format(new Date(iso));
  const lines: Text[] = [t('threads.heading', { thread: thread.id }), whoLine(s.tx, thread.participantId)];
  for (const m of messagesOf(s.tx, thread.id)) {
    lines.push(
      m.fromCoordinator
        ? t('threads.line.coordinator', { time: time(m.sentAt), name: coordinatorName(s.tx, m.authorId), words: words(m.text) })
        : t('threads.line.participant', { time: time(m.sentAt), who, words: words(m.text) }),
    );
  }
  lines.push(
    thread.status === 'closed'
      ? t('threads.state.closed')
      : thread.takenBy === null
        ? t('threads.state.notTaken')
        : t('threads.state.taken', { name: coordinatorName(s.tx, thread.takenBy) }),
  );
  return { lines, choices: thread.status === 'open' ? coordinatorChoices(thread) : [], about: [thread.participantId] };
}

/** The open threads with a message, those waiting for an answer first (the longest waiting first). */
export function openThreads(s: Pick<ThreadScope, 'tx' | 'programmeId'>): { thread: Thread; waitingSince: string | undefined }[] {
  const open = s.tx
    .select()
    .from(threads)
    .where(and(eq(threads.programmeId, s.programmeId), eq(threads.status, 'open'), ne(threads.kind, 'relay')))
    .orderBy(asc(threads.id))
    .all();
  const rows = open
    .map((thread) => ({ thread, messages: messagesOf(s.tx, thread.id) }))
    .filter((r) => r.messages.length > 0)
    .map((r) => ({ thread: r.thread, waitingSince: waitingSince(r.messages) }));
  const waiting = rows.filter((r) => r.waitingSince !== undefined).sort((a, b) => (a.waitingSince ?? '').localeCompare(b.waitingSince ?? ''));
  return [...waiting, ...rows.filter((r) => r.waitingSince === undefined)];
}

/** When the participant's first message after the last coordinator's answer was written; undefined when nothing waits. */
export function waitingSince(messages: ThreadMessage[]): string | undefined {
  const lastAnswer = messages.findLastIndex((m) => m.fromCoordinator);
  return messages.slice(lastAnswer + 1).find((m) => !m.fromCoordinator)?.sentAt;
}

export function messagesOf(tx: Tx, threadId: number): ThreadMessage[] {
  return tx.select().from(threadMessages).where(eq(threadMessages.threadId, threadId)).orderBy(asc(threadMessages.id)).all();
}

/** Everything of a person's threads goes: their threads with every message, and the rows that route messages into them. */
export function eraseThreadsOf(tx: Tx, participantId: number): void {
  const ids = tx
    .select({ id: threads.id })
    .from(threads)
    .where(eq(threads.participantId, participantId))
    .all()
    .map((r) => r.id);
  if (ids.length > 0) {
    tx.delete(threadWriters).where(inArray(threadWriters.threadId, ids)).run();
    tx.delete(threadMessages).where(inArray(threadMessages.threadId, ids)).run();
    tx.delete(threads).where(inArray(threads.id, ids)).run();
  }
  tx.delete(threadWriters).where(eq(threadWriters.participantId, participantId)).run();
  tx.update(threadMessages).set({ authorId: null }).where(eq(threadMessages.authorId, participantId)).run();
  tx.update(threads).set({ takenBy: null }).where(eq(threads.takenBy, participantId)).run();
}

/** The buttons a coordinator gets with a thread. */
export function coordinatorChoices(thread: Thread): Choice[] {
  return [
    button({ name: 'reply', thread: thread.id }, t('threads.action.reply')),
    button({ name: 'take', thread: thread.id }, t('threads.action.take')),
    button({ name: 'close', thread: thread.id }, t('threads.action.close')),
  ];
}

/** Whom a participant's message goes to: the coordinator who took the thread, else every coordinator. */
export function recipientsOf(s: Pick<ThreadScope, 'tx' | 'programmeId'>, thread: Thread): number[] {
  const all = coordinatorsOf(s.tx, s.programmeId);
  return thread.takenBy !== null && all.includes(thread.takenBy) ? [thread.takenBy] : all;
}

/** "#12 Amina – mentee in pair 3, writes in العربية": who wrote, for the coordinators. */
export function whoLine(tx: Tx, participantId: number): Text {
  const person = participant(tx, participantId);
  const who = personLabel(person ?? { id: participantId, name: null });
  const role = t(`threads.role.${person?.role ?? 'applicant'}`);
  const language = person?.language ? { key: 'language.self', lng: person.language } : t('threads.languageUnknown');
  const open = tx
    .select({ id: pairs.id })
    .from(pairs)
    .where(and(memberOf(participantId), inArray(pairs.status, [...OPEN_PAIR_STATES])))
    .orderBy(asc(pairs.id))
    .all();
  const pairIds = open.map((p) => p.id).join(', ');
  return pairIds === '' ? t('threads.who', { who, role, language }) : t('threads.whoInPair', { who, role, pair: pairIds, language });
}

/** The coordinator's own words to a participant, marked with the coordinator's first name only. */
function fromCoordinatorLine(tx: Tx, coordinatorId: number, text: string): Text {
  const name = firstName(participant(tx, coordinatorId)?.name ?? null);
  return name ? t('threads.fromCoordinator', { name, words: words(text) }) : t('threads.fromCoordinatorUnnamed', { words: words(text) });
}

function coordinatorName(tx: Tx, id: number | null): Text {
  const name = id === null ? undefined : firstName(participant(tx, id)?.name ?? null);
  return name ? t('common.raw', { text: name }) : t('threads.aCoordinator');
}

function firstName(name: string | null): string | undefined {
  const first = oneLine(name ?? '').split(' ')[0];
  return first === undefined || first === '' ? undefined : first;
}

/** A person's words inside a line of Kompis's own: one line, in quotation marks. */
function words(text: string): Text {
  return t('common.theirWords', { words: oneLine(text) });
}

function addMessage(s: ThreadScope, thread: Thread, m: { fromCoordinator: boolean; text: string }): void {
  s.tx.insert(threadMessages).values({ threadId: thread.id, authorId: s.actorId, fromCoordinator: m.fromCoordinator, text: m.text, sentAt: s.now.toISOString() }).run();
}

/** How the participant answers: in the middle of a form their plain messages answer its questions, so on one line after /contact. */
function answerHint(tx: Tx, participantId: number): Text {
  return loadSession(tx, participantId)?.session?.form ? t('threads.answerHintInForm') : t('threads.answerHint');
}
