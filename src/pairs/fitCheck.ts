import { and, eq, inArray } from 'drizzle-orm';
import { alerts, fitChecks } from '../../db/schema';
import { button } from '../conversation/actions';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import { raiseAlert } from '../alerts/raiseAlert';
import { detailsSchema } from '../alerts/alertView';
import { OPEN } from '../alerts/alertKinds';
import { participant } from '../people/people';
import { parseJson } from '../runtime/parseJson';
import { t } from '../text/messages';
import { personName } from '../text/personText';
import { type Pair, pairById, partnerOf, sideOf } from './pairs';

const ANSWERS = ['yes', 'unsure', 'no'] as const;

/** "Is this a good match for you?", asked of one member privately, with the three answers as buttons. */
export function fitQuestion(pair: Pair, memberId: number, partnerName: string | null) {
  const otherId = partnerOf(pair, memberId);
  const name = personName({ id: otherId, name: partnerName });
  const choice = (answer: (typeof ANSWERS)[number]) => button({ name: 'fit', pair: pair.id, answer }, t(`fitCheck.options.${answer}`));
  return {
    lines: [t('fitCheck.question', { name }), t('fitCheck.private', { name })],
    // The language's usual words for yes and no answer too ("yeah", "نعم").
    choices: [{ ...choice('yes'), means: 'yes' as const }, choice('unsure'), { ...choice('no'), means: 'no' as const }],
    about: [otherId],
  };
}

/**
 * `/fit P yes|unsure|no` from a member of running pair P: one answer per person and pair, never shown
 * to the other member. "No" raises an alert the coordinators can act on with Rematch; "not sure" a
 * quiet one; both are then asked for a few optional words, which go with the alert.
 */
export function answerFitCheck(c: CommandContext, args: string[]): CommandResult {
  const [pairArg, answerArg] = args;
  const pair = pairById(c.tx, idArg(pairArg));
  const side = sideOf(pair, c.actorId);
  const answer = ANSWERS.find((a) => a === answerArg?.toLowerCase());
  if (!pair || !side) return reply(t('fitCheck.notYours'));
  if (pair.status !== 'active' && pair.status !== 'paused') return reply(t('fitCheck.over'));
  // `/fit P` alone (or with a word that is not an answer) asks the question again, with its buttons.
  if (!answer) {
    const answered = c.tx
      .select({ id: fitChecks.id })
      .from(fitChecks)
      .where(and(eq(fitChecks.pairId, pair.id), eq(fitChecks.participantId, c.actorId)))
      .get();
    if (answered) return reply(t('fitCheck.already'));
    const partner = participant(c.tx, partnerOf(pair, c.actorId))?.name ?? null;
    return { messages: [fitQuestion(pair, c.actorId, partner)], notices: [] };
  }
  const stored = c.tx
    .insert(fitChecks)
    .values({ pairId: pair.id, participantId: c.actorId, answer, answeredAt: c.ctx.now.toISOString() })
    .onConflictDoNothing()
    .returning({ id: fitChecks.id })
    .get();
  if (!stored) return reply(t('fitCheck.already'));
  if (answer === 'yes') return reply(t('fitCheck.thanksYes'));
  raiseAlert(
    { tx: c.tx, programme: c.ctx.programme, now: c.ctx.now },
    { kind: answer === 'no' ? 'fitNo' : 'fitUnsure', dedupeKey: `fit:${pair.id}:${c.actorId}`, pairId: pair.id, participantId: c.actorId, details: { side } },
  );
  const other = personName({ id: partnerOf(pair, c.actorId), name: participant(c.tx, partnerOf(pair, c.actorId))?.name ?? null });
  return {
    messages: [{ lines: [t(answer === 'no' ? `fitCheck.thanksNo.${side}` : 'fitCheck.thanksUnsure', { name: other })] }],
    notices: [],
    start: { flowId: 'fitWord', given: { pair: pair.id } },
  };
}

/** The person's words after "not sure" or "no": kept with their answer, and shown with the alert it raised. */
export function recordFitWord(c: CommandContext, effect: { pairId: number; word: string }): void {
  c.tx
    .update(fitChecks)
    .set({ word: effect.word })
    .where(and(eq(fitChecks.pairId, effect.pairId), eq(fitChecks.participantId, c.actorId)))
    .run();
  const alert = c.tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.pairId, effect.pairId), eq(alerts.participantId, c.actorId), inArray(alerts.kind, ['fitNo', 'fitUnsure']), inArray(alerts.status, [...OPEN])))
    .get();
  if (!alert) return;
  const details = { ...(parseJson(alert.details, detailsSchema) ?? {}), note: effect.word };
  c.tx
    .update(alerts)
    .set({ details: JSON.stringify(details) })
    .where(eq(alerts.id, alert.id))
    .run();
}
