import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client';
import { broadcasts } from '../../db/schema';
import { languageFor } from '../delivery/enqueue';
import { nextDaytime } from '../delivery/daytime';
import { notify } from '../conversation/notify';
import { addressOf, participant } from '../people/people';
import { parseSegment, type Segment, segmentMembers, segmentText } from '../people/segments';
import { parseJson } from '../runtime/parseJson';
import type { Programme } from '../settings/programme';
import { type OutMessage, t, type Text } from '../text/messages';
import { oneLine } from '../text/oneLine';

export type Broadcast = typeof broadcasts.$inferSelect;

/**
 * What the broadcast functions work with: the open transaction, the programme, the coordinator who
 * acts and when. The chat's `/broadcast` and the coordinator's desk both call the functions below.
 */
export interface BroadcastScope {
  tx: Tx;
  programme: Programme;
  actorId: number;
  now: Date;
}

/** Why a broadcast function did nothing; each surface says it in its own words. */
export type BroadcastProblem = 'notCoordinator' | 'notFound' | 'notDraft' | 'language' | 'empty' | 'tooLong';

/** The longest text a coordinator may send in one language (a chat message holds about 4000 characters, with the frame). */
export const MAX_BROADCAST_TEXT = 2000;

/** Who gets a broadcast now, and who is passed over and why. */
export interface BroadcastAudience {
  recipients: { id: number; language: string }[];
  skippedUnreachable: number;
  skippedNoNews: number;
}

/** How a broadcast will look: the counts, and for each language its recipients read, the message they get. */
export interface BroadcastPreview {
  broadcast: Broadcast;
  audience: BroadcastAudience;
  languages: { language: string; recipients: number; fallback: boolean; message: OutMessage }[];
}

export type ConfirmOutcome =
  /** Queued now for every recipient; `sendAt` is later than now in the quiet hours. */
  | { kind: 'sent'; broadcast: Broadcast; sendAt: Date }
  /** Confirmed before: nothing more is queued. */
  | { kind: 'alreadySent'; broadcast: Broadcast }
  /** Nobody in the segment can get it now: nothing is queued and it stays a draft. */
  | { kind: 'nobody'; broadcast: Broadcast }
  | { kind: 'problem'; problem: BroadcastProblem };

const textsSchema = z.record(z.string(), z.string());

/** A new draft to `segment`, with its text in `language` (the text everyone without a text of their own language gets). Nothing is sent. */
export function draftBroadcast(s: BroadcastScope, draft: { segment: Segment; language: string; text: string }): Broadcast | BroadcastProblem {
  if (!isCoordinator(s)) return 'notCoordinator';
  const problem = textProblem(s.programme, draft.language, draft.text);
  if (problem) return problem;
  return s.tx
    .insert(broadcasts)
    .values({
      programmeId: s.programme.id,
      createdBy: s.actorId,
      segment: segmentText(draft.segment),
      language: draft.language,
      texts: JSON.stringify({ [draft.language]: draft.text.trim() }),
      status: 'draft',
      createdAt: s.now.toISOString(),
    })
    .returning()
    .get();
}

/** Adds or replaces the draft's text in `language`. */
export function setBroadcastText(s: BroadcastScope, id: number, language: string, text: string): Broadcast | BroadcastProblem {
  if (!isCoordinator(s)) return 'notCoordinator';
  const broadcast = broadcastById(s, id);
  if (!broadcast) return 'notFound';
  if (broadcast.status !== 'draft') return 'notDraft';
  const problem = textProblem(s.programme, language, text);
  if (problem) return problem;
  const texts = { ...textsOf(broadcast), [language]: text.trim() };
  return s.tx
    .update(broadcasts)
    .set({ texts: JSON.stringify(texts) })
    .where(eq(broadcasts.id, id))
    .returning()
    .get();
}

/** The programme's broadcast `id`, whatever its state. */
export function broadcastById(s: Pick<BroadcastScope, 'tx' | 'programme'>, id: number): Broadcast | undefined {
  return s.tx
    .select()
    .from(broadcasts)
    .where(and(eq(broadcasts.id, id), eq(broadcasts.programmeId, s.programme.id)))
    .get();
}

/** Who would get the broadcast now and what each language's readers would see; nothing is sent or kept. */
export function previewBroadcast(s: BroadcastScope, broadcast: Broadcast): BroadcastPreview {
  const audience = audienceOf(s, broadcast);
  const texts = textsOf(broadcast);
  const counts = new Map<string, number>();
  for (const r of audience.recipients) counts.set(r.language, (counts.get(r.language) ?? 0) + 1);
  // With nobody to get it, the coordinator still sees how the message reads.
  if (counts.size === 0) counts.set(broadcast.language, 0);
  const languages = s.programme.languages
    .filter((language) => counts.has(language))
    .map((language) => ({ language, recipients: counts.get(language) ?? 0, fallback: texts[language] === undefined, message: broadcastMessage(s, broadcast, language) }));
  return { broadcast, audience, languages };
}

/**
 * Sends the draft: every recipient's message is queued in this transaction with the key
 * `broadcast:<id>:<person>`, after the quiet hours when it is evening or night, and the broadcast is
 * marked sent with its counts. A second confirmation (a double tap, a re-delivered event, the desk and
 * the chat at once) finds it sent and queues nothing; the keys would refuse a second message anyway.
 */
export function confirmBroadcast(s: BroadcastScope, id: number): ConfirmOutcome {
  if (!isCoordinator(s)) return { kind: 'problem', problem: 'notCoordinator' };
  const broadcast = broadcastById(s, id);
  if (!broadcast) return { kind: 'problem', problem: 'notFound' };
  if (broadcast.status === 'sent') return { kind: 'alreadySent', broadcast };
  if (broadcast.status !== 'draft') return { kind: 'problem', problem: 'notDraft' };
  const audience = audienceOf(s, broadcast);
  if (audience.recipients.length === 0) return { kind: 'nobody', broadcast };
  const sendAt = nextDaytime(s.now, s.programme);
  const messages = new Map<string, OutMessage>();
  for (const recipient of audience.recipients) {
    const message = messages.get(recipient.language) ?? broadcastMessage(s, broadcast, recipient.language);
    messages.set(recipient.language, message);
    notify(s.tx, s.programme, { participantId: recipient.id, message, dedupeKey: `broadcast:${broadcast.id}:${recipient.id}`, sendAt }, s.now);
  }
  const sent = s.tx
    .update(broadcasts)
    .set({
      status: 'sent',
      confirmedAt: s.now.toISOString(),
      recipients: audience.recipients.length,
      skippedUnreachable: audience.skippedUnreachable,
      skippedNoNews: audience.skippedNoNews,
    })
    .where(eq(broadcasts.id, id))
    .returning()
    .get();
  return { kind: 'sent', broadcast: sent, sendAt };
}

/** Throws the draft away; a sent broadcast stays sent. */
export function cancelBroadcast(s: BroadcastScope, id: number): Broadcast | BroadcastProblem {
  if (!isCoordinator(s)) return 'notCoordinator';
  const broadcast = broadcastById(s, id);
  if (!broadcast) return 'notFound';
  if (broadcast.status !== 'draft') return 'notDraft';
  return s.tx.update(broadcasts).set({ status: 'cancelled' }).where(eq(broadcasts.id, id)).returning().get();
}

/** The texts by language as stored (parsed: the database is untrusted input too). */
export function textsOf(broadcast: Broadcast): Record<string, string> {
  return parseJson(broadcast.texts, textsSchema) ?? {};
}

/**
 * The segment's members now: those who asked for no programme news, and those Kompis cannot reach
 * (blocked, failed, or never gave an address), are counted and passed over.
 */
function audienceOf(s: BroadcastScope, broadcast: Broadcast): BroadcastAudience {
  const segment = parseSegment(broadcast.segment);
  const audience: BroadcastAudience = { recipients: [], skippedUnreachable: 0, skippedNoNews: 0 };
  if (!segment) return audience;
  for (const member of segmentMembers(s.tx, s.programme.id, segment, s.now)) {
    const address = member.newsOff || member.unreachable ? undefined : addressOf(s.tx, member.id);
    if (member.newsOff) audience.skippedNoNews++;
    else if (!address) audience.skippedUnreachable++;
    else audience.recipients.push({ id: member.id, language: languageFor(s.programme, member.language, address.locale ?? undefined) });
  }
  return audience;
}

/**
 * The message a reader of `language` gets: the coordinator's words in quotation marks on one line,
 * marked as theirs by their first name (never their account), and how to stop programme news. Where
 * the coordinator wrote nothing in that language, the text of the broadcast's own language goes.
 */
function broadcastMessage(s: BroadcastScope, broadcast: Broadcast, language: string): OutMessage {
  const texts = textsOf(broadcast);
  const words = t('common.theirWords', { words: oneLine(texts[language] ?? texts[broadcast.language] ?? '') });
  const author = broadcast.createdBy === null ? undefined : participant(s.tx, broadcast.createdBy);
  const first = oneLine(author?.name ?? '').split(' ')[0] ?? '';
  const from: Text =
    author && first !== '' ? t('broadcasts.message', { name: t('people.name', { id: author.id, name: first }), words }) : t('broadcasts.messageUnnamed', { words });
  return { lines: [from, t('broadcasts.howToStop')] };
}

function textProblem(programme: Programme, language: string, text: string): BroadcastProblem | undefined {
  if (!programme.languages.includes(language)) return 'language';
  if (text.trim() === '') return 'empty';
  return text.length > MAX_BROADCAST_TEXT ? 'tooLong' : undefined;
}

/** Only a coordinator of this programme writes to its people: the surfaces check it, and so does this. */
function isCoordinator(s: BroadcastScope): boolean {
  const actor = participant(s.tx, s.actorId);
  return actor?.role === 'coordinator' && actor.programmeId === s.programme.id && actor.erasedAt === null;
}
