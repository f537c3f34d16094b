import { button } from '../conversation/actions';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { meetings, pairs } from '../../db/schema';
import { resolveAlertsOf } from '../alerts/raiseAlert';
import { localDay } from '../text/calendar';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { t } from '../text/messages';
import { participant } from '../people/people';
import { partnerOf, pairById } from './pairs';
import { personName } from '../text/personText';

/** The active pairs a person is in, as mentee or mentor. */
function activePairsOf(c: CommandContext) {
  return c.tx
    .select()
    .from(pairs)
    .where(and(or(eq(pairs.menteeId, c.actorId), eq(pairs.mentorId, c.actorId)), inArray(pairs.status, ['active'])))
    .orderBy(asc(pairs.id))
    .all();
}

/**
 * `/met` (or `/met P` for a mentor with several mentees): log a meeting. A mentor with several
 * mentees is asked which one first.
 */
export function startMeeting(c: CommandContext, arg: string | undefined): CommandResult {
  const running = activePairsOf(c);
  const id = idArg(arg);
  const pair = id === undefined && running.length === 1 ? running[0] : running.find((p) => p.id === id);
  if (running.length === 0) return reply(t('meeting.noPair'));
  const partner = (p: (typeof running)[number]) => participant(c.tx, partnerOf(p, c.actorId));
  if (!pair) {
    return {
      messages: [
        {
          lines: [t('meeting.which')],
          choices: running.map((p) =>
            button({ name: 'met', pair: p.id }, t('meeting.withName', { name: personName({ id: partnerOf(p, c.actorId), name: partner(p)?.name ?? null }) })),
          ),
        },
      ],
      notices: [],
    };
  }
  const since = localDay(new Date(pair.proposedAt), c.ctx.programme.timezone);
  return { messages: [], notices: [], start: { flowId: 'meeting', given: { pair: pair.id, partner: partner(pair)?.name ?? '', partnerId: partnerOf(pair, c.actorId), since } } };
}

/** Keeps a logged meeting; a pair that meets is no longer quiet, so an open alert about that is closed. */
export function recordMeeting(c: CommandContext, meeting: { pairId: number; day: string; mode: string; topics: string[] }): void {
  const pair = pairById(c.tx, meeting.pairId);
  if (!pair || (pair.menteeId !== c.actorId && pair.mentorId !== c.actorId)) return;
  const mode = meeting.mode === 'video' || meeting.mode === 'phone' ? meeting.mode : 'inPerson';
  c.tx
    .insert(meetings)
    .values({
      pairId: pair.id,
      loggedBy: c.actorId,
      metOn: meeting.day,
      mode,
      topics: JSON.stringify(meeting.topics),
      loggedAt: c.ctx.now.toISOString(),
    })
    .run();
  resolveAlertsOf(c.tx, pair.id, c.ctx.now, ['inactive']);
}
