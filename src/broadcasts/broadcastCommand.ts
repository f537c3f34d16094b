import { button } from '../conversation/actions';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { parseSegment, type Segment } from '../people/segments';
import { localHour } from '../text/calendar';
import { type Choice, t, type Text } from '../text/messages';
import { oneLine } from '../text/oneLine';
import {
  type Broadcast,
  type BroadcastProblem,
  type BroadcastScope,
  broadcastById,
  cancelBroadcast,
  confirmBroadcast,
  draftBroadcast,
  MAX_BROADCAST_TEXT,
  previewBroadcast,
  setBroadcastText,
} from './broadcasts';

/**
 * `/broadcast`, a short form in the chat over the broadcast functions:
 * - `/broadcast GROUP: TEXT` drafts a message to a segment in the coordinator's language
 *   (`/broadcast GROUP LANG: TEXT` in another one), the language everyone else falls back to;
 * - `/broadcast N LANG: TEXT` adds the text for readers of another language;
 * - `/broadcast N` shows the preview again, `/broadcast N send` sends, `/broadcast N cancel` throws it away.
 * Every step shows the preview: how many get it, how many are passed over, and the message in each
 * language its readers get. Nothing goes out before Send.
 */
export function broadcastCommand(c: CommandContext, args: string[]): CommandResult {
  const s: BroadcastScope = { tx: c.tx, programme: c.ctx.programme, actorId: c.actorId, now: c.ctx.now };
  const typed = args.join(' ');
  const colon = typed.indexOf(':');
  const head = (colon < 0 ? typed : typed.slice(0, colon)).trim().split(/\s+/).filter(Boolean);
  const text = colon < 0 ? undefined : typed.slice(colon + 1).trim();
  const id = idArg(head[0]);

  if (id === undefined) {
    const target = colon < 0 ? undefined : segmentAndLanguage(head, c.ctx.language);
    if (!target || text === undefined) return reply(t('broadcasts.how', { max: MAX_BROADCAST_TEXT }));
    return previewOr(s, draftBroadcast(s, { ...target, text }), head.at(-1) ?? '');
  }
  const [, word, ...rest] = head;
  if (text !== undefined) {
    if (word === undefined || rest.length > 0) return reply(t('broadcasts.how', { max: MAX_BROADCAST_TEXT }));
    return previewOr(s, setBroadcastText(s, id, word.toLowerCase(), text), word, id);
  }
  switch (word?.toLowerCase()) {
    case undefined: {
      const broadcast = broadcastById(s, id);
      return broadcast ? preview(s, broadcast) : broadcastProblemReply(s, 'notFound', '', id);
    }
    case 'send':
      return confirmReply(s, id);
    case 'cancel': {
      const cancelled = cancelBroadcast(s, id);
      return typeof cancelled === 'string' ? broadcastProblemReply(s, cancelled, '', id) : reply(t('broadcasts.cancelled', { id }));
    }
    default:
      return reply(t('broadcasts.how', { max: MAX_BROADCAST_TEXT }));
  }
}

/** `waiting`, `mentors free`, `language ar`, and either with a last word naming the text's language (`waiting nb`). */
function segmentAndLanguage(head: string[], ownLanguage: string): { segment: Segment; language: string } | undefined {
  const whole = parseSegment(head.join(' '));
  if (whole) return { segment: whole, language: ownLanguage };
  const segment = parseSegment(head.slice(0, -1).join(' '));
  const language = head.at(-1)?.toLowerCase();
  return segment && language ? { segment, language } : undefined;
}

function previewOr(s: BroadcastScope, result: Broadcast | BroadcastProblem, language: string, id?: number): CommandResult {
  return typeof result === 'string' ? broadcastProblemReply(s, result, language, id) : preview(s, result);
}

/** The counts, the message as each language's readers get it, and Send and Cancel. */
function preview(s: BroadcastScope, broadcast: Broadcast): CommandResult {
  if (broadcast.status !== 'draft') return reply(t('broadcasts.notDraft', { id: broadcast.id }));
  const { audience, languages } = previewBroadcast(s, broadcast);
  const lines: Text[] = [t('broadcasts.preview', { id: broadcast.id, segment: broadcast.segment, number: audience.recipients.length }), skippedLine(audience)];
  for (const l of languages) {
    lines.push(t('broadcasts.inLanguage', { language: { key: 'language.self', lng: l.language }, number: l.recipients }));
    if (l.fallback) lines.push(t('broadcasts.fallback', { id: broadcast.id, code: l.language, fallback: { key: 'language.self', lng: broadcast.language } }));
    lines.push(...l.message.lines.map((line) => ({ ...line, lng: l.language })));
  }
  if (audience.recipients.length === 0) return { messages: [{ lines: [...lines, t('broadcasts.nobody')] }], notices: [] };
  lines.push(t('broadcasts.confirmFirst'));
  const choices: Choice[] = [
    button({ name: 'broadcast', broadcast: broadcast.id, step: 'send' }, t('broadcasts.action.send', { number: audience.recipients.length })),
    button({ name: 'broadcast', broadcast: broadcast.id, step: 'cancel' }, t('broadcasts.action.cancel')),
  ];
  return { messages: [{ lines, choices }], notices: [] };
}

function confirmReply(s: BroadcastScope, id: number): CommandResult {
  const outcome = confirmBroadcast(s, id);
  switch (outcome.kind) {
    case 'sent': {
      const { broadcast } = outcome;
      const lines: Text[] = [
        t('broadcasts.sent', { id, number: broadcast.recipients ?? 0 }),
        skippedLine({ skippedUnreachable: broadcast.skippedUnreachable ?? 0, skippedNoNews: broadcast.skippedNoNews ?? 0 }),
      ];
      if (outcome.sendAt.getTime() > s.now.getTime()) lines.push(t('broadcasts.afterQuietHours', { hour: localHour(outcome.sendAt, s.programme.timezone) }));
      return reply(...lines);
    }
    case 'alreadySent':
      return reply(t('broadcasts.alreadySent', { id }));
    case 'nobody':
      return reply(t('broadcasts.nobody'));
    case 'problem':
      return broadcastProblemReply(s, outcome.problem, '', id);
  }
}

function skippedLine(counts: { skippedUnreachable: number; skippedNoNews: number }): Text {
  return t('broadcasts.skipped', { unreachable: counts.skippedUnreachable, noNews: counts.skippedNoNews });
}

/** What the chat says when a broadcast function did nothing; the desk says the same. */
export function broadcastProblemReply(s: BroadcastScope, problem: BroadcastProblem, language: string, id?: number): CommandResult {
  switch (problem) {
    case 'notCoordinator':
      return reply(t('coordinator.only'));
    case 'notFound':
      return reply(t('broadcasts.notFound', { id: id ?? '' }));
    case 'notDraft':
      return reply(t('broadcasts.notDraft', { id: id ?? '' }));
    case 'language':
      return reply(t('broadcasts.badLanguage', { code: oneLine(language), languages: s.programme.languages.join(', ') }));
    case 'empty':
      return reply(t('broadcasts.how', { max: MAX_BROADCAST_TEXT }));
    case 'tooLong':
      return reply(t('broadcasts.tooLong', { max: MAX_BROADCAST_TEXT }));
  }
}
