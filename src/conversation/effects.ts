import { assertNever } from '../runtime/errors';
import { eq, sql } from 'drizzle-orm';
import { type Db, placeholders, prepared, type Tx } from '../../db/client';
import { applications, mentors, participants } from '../../db/schema';
import { recordConsent } from '../privacy/consents';
import { forgetRefusal } from '../privacy/forgetRefusal';
import type { Effect } from '../../flows/types';
import type { CommandContext } from './commandContext';
import { recordCheckin } from '../pairs/checkins';
import { recordSurveyAnswer } from '../evaluation/evaluation';
import { recordMeeting } from '../pairs/meetings';
import { changeGoal, dropGoal, proposeGoal, recordKickoff, setGoals } from '../pairs/goals';
import { latestApplicationOf, type Notice, participant } from '../people/people';
import { coordinatorJoinedNotices } from '../people/coordinatorJoinedNotices';
import { newApplicationNotices } from '../people/screening';
import { newMentorNotices } from '../people/mentorScreening';
import { proposeFirstMeeting } from '../pairs/firstMeeting';
import { recordFitWord } from '../pairs/fitCheck';
import { leaveRoundInterest } from '../people/roundInterests';
import { roundOfApplication } from '../../flows/applicationRounds';
import { localDay } from '../text/calendar';

/**
 * Writes what a turn's flow asked for, in the turn's transaction. Returns the language the replies
 * are written in (a language choice takes effect at once) and the notices to others.
 */
export function applyEffects(c: CommandContext, turn: { effects: Effect[]; language: string; languageFor: (chosen: string) => string }): { language: string; notices: Notice[] } {
  const { tx, actorId } = c;
  const { programme } = c.ctx;
  const now = c.ctx.now.toISOString();
  let language = turn.language;
  const notices: Notice[] = [];
  for (const effect of turn.effects) {
    switch (effect.type) {
      case 'setLanguage':
        language = turn.languageFor(effect.language);
        prepared(tx, updateLanguage).run({ id: actorId, language });
        break;
      case 'consent':
        // A "no" to the main consent from someone of whom nothing is kept keeps nothing, not even the "no".
        if (effect.decision === 'declined' && (effect.kind === 'intake' || effect.kind === 'mentor') && forgetRefusal(tx, actorId, c.ctx.now)) break;
        recordConsent(tx, { participantId: actorId, kind: effect.kind, version: effect.version, language, decision: effect.decision, channel: c.channel }, c.ctx.now);
        break;
      case 'submitApplication':
        setName(tx, actorId, effect.answers.name);
        prepared(tx, insertApplication).run({
          participantId: actorId,
          programmeId: programme.id,
          answers: JSON.stringify(effect.answers),
          flags: JSON.stringify(effect.flags),
          consentVersion: programme.consent.version,
          round: roundOfApplication(programme.rounds, localDay(c.ctx.now, programme.timezone))?.id ?? null,
          submittedAt: now,
          updatedAt: now,
        });
        notices.push(...newApplicationNotices(c, actorId));
        break;
      case 'updateApplication': {
        setName(tx, actorId, effect.answers.name);
        const latest = latestApplicationOf(tx, actorId);
        if (latest) {
          tx.update(applications)
            .set({ answers: JSON.stringify(effect.answers), flags: JSON.stringify(effect.flags), updatedAt: now })
            .where(eq(applications.id, latest.id))
            .run();
        }
        break;
      }
      case 'registerMentor': {
        setName(tx, actorId, effect.answers.name);
        tx.update(participants).set({ role: 'mentor' }).where(eq(participants.id, actorId)).run();
        const capacity = Number(effect.answers.capacity) || 1;
        const existing = tx.select().from(mentors).where(eq(mentors.participantId, actorId)).get();
        if (existing) {
          // A changed profile keeps the screening; during a pause the new number waits for its end.
          const room = existing.capacity === 0 ? { capacityBeforePause: capacity } : { capacity };
          tx.update(mentors)
            .set({ answers: JSON.stringify(effect.answers), updatedAt: now, ...room })
            .where(eq(mentors.participantId, actorId))
            .run();
          break;
        }
        tx.insert(mentors)
          .values({
            participantId: actorId,
            registeredAt: now,
            answers: JSON.stringify(effect.answers),
            capacity,
            updatedAt: now,
            screening: 'new',
            company: effect.company ?? null,
          })
          .run();
        notices.push(...newMentorNotices(c, actorId));
        break;
      }
      case 'becomeCoordinator':
        if (participant(tx, actorId)?.role !== 'coordinator') {
          notices.push(...coordinatorJoinedNotices(tx, programme.id, actorId, { channel: c.channel }));
        }
        tx.update(participants).set({ role: 'coordinator' }).where(eq(participants.id, actorId)).run();
        break;
      case 'coordinatorCodeRefused':
        // Counted and logged by the engine, which keeps the tries.
        break;
      case 'kickoff':
        notices.push(...recordKickoff(c, effect.pairId, effect.answers));
        break;
      case 'setGoals':
        notices.push(...setGoals(c, effect.end, effect.steps));
        break;
      case 'changeGoal':
        changeGoal(c, effect);
        break;
      case 'dropGoal':
        dropGoal(c, effect.goalId, effect.reason);
        break;
      case 'proposeGoal':
        notices.push(...proposeGoal(c, effect));
        break;
      case 'logMeeting':
        recordMeeting(c, effect);
        break;
      case 'proposeFirstMeeting':
        notices.push(...proposeFirstMeeting(c, effect));
        break;
      case 'fitWord':
        recordFitWord(c, effect);
        break;
      case 'checkin':
        recordCheckin(c, effect.checkinId, effect.answers);
        break;
      case 'surveyAnswer':
        recordSurveyAnswer(c, effect);
        break;
      case 'leaveRoundInterest':
        leaveRoundInterest(tx, { programmeId: programme.id, participantId: actorId }, c.ctx.now);
        break;
      case 'startFlow':
        // Handled by the turn, which starts the next flow at once.
        break;
      default:
        assertNever(effect, 'effect');
    }
  }
  return { language, notices };
}

function setName(tx: Tx, participantId: number, name: unknown): void {
  if (typeof name === 'string') prepared(tx, updateName).run({ id: participantId, name });
}

function insertApplication(db: Db | Tx) {
  return db
    .insert(applications)
    .values(placeholders('participantId', 'programmeId', 'answers', 'flags', 'consentVersion', 'round', 'submittedAt', 'updatedAt'))
    .prepare();
}

function updateLanguage(db: Db | Tx) {
  return db
    .update(participants)
    .set({ language: sql`${sql.placeholder('language')}` })
    .where(eq(participants.id, sql.placeholder('id')))
    .prepare();
}

function updateName(db: Db | Tx) {
  return db
    .update(participants)
    .set({ name: sql`${sql.placeholder('name')}` })
    .where(eq(participants.id, sql.placeholder('id')))
    .prepare();
}
