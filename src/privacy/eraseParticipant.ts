import { button } from '../conversation/actions';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import {
  alerts,
  applications,
  broadcasts,
  channelIdentities,
  checkins,
  consents,
  flowStates,
  goals,
  joinCodes,
  mentors,
  outbox,
  pairs,
  participants,
  surveyResponses,
} from '../../db/schema';
import { resolveAlertsOf } from '../alerts/raiseAlert';
import { type CommandContext, type CommandResult, reply } from '../conversation/commandContext';
import { known, t } from '../text/messages';
import { coordinatorsOf, type Notice, participant } from '../people/people';
import { OPEN_PAIR_STATES, partnerOf, memberOf } from '../pairs/pairs';
import type { Programme } from '../settings/programme';
import { parseAnswers } from '../people/storedAnswers';
import { addressesOf } from './afterErasure';
import { eraseFromOthers } from './eraseFromOthers';
import { eraseThreadsOf } from '../threads/threads';
import { eraseGatheringsOf } from '../gatherings/gatherings';
import { eraseRelaysOf } from '../threads/relay';
import { eraseIntroductionsOf } from '../pairs/introduction';
import { erasePairStartData } from '../pairs/pairStartData';
import { eraseRoundInterestsOf } from '../people/roundInterests';

/** Survey and check-in answers that are a person's own words; the rest (choices, numbers) may stay in counts. */
const FREE_TEXT = ['note', 'worked', 'better', 'comment', 'change'];

/**
 * Erases a person's personal data at once: profile and application answers, goals, check-in and
 * survey free text, channel identities (and with them phone numbers and chat ids), conversation state,
 * every message to them, their consents, their alerts and their answers to gatherings (and whether they came); messages waiting for others are not sent
 * when they carry the person's data, and lose the person's name otherwise (see `eraseFromOthers`).
 * What stays has no name and no address: a row that keeps counts right (an application's status,
 * a pair that ended with reason "left", answered check-ins without answers, survey choices without
 * their respondent id). Their open pair ends; the coordinators are told without details.
 */
export function eraseParticipant(tx: Tx, programme: Programme, participantId: number, now: Date): Notice[] {
  const person = participant(tx, participantId);
  if (!person || person.erasedAt) return [];
  const when = now.toISOString();
  const notices: Notice[] = [];

  const open = tx
    .select()
    .from(pairs)
    .where(and(memberOf(participantId), inArray(pairs.status, [...OPEN_PAIR_STATES])))
    .all();
  for (const pair of open) {
    tx.update(pairs).set({ status: 'ended', endReason: 'left', endedAt: when }).where(eq(pairs.id, pair.id)).run();
    resolveAlertsOf(tx, pair.id, now);
    notices.push({
      participantId: partnerOf(pair, participantId),
      message: { lines: [t('privacy.partnerLeft'), t('relay.partnerLeft')], choices: [button({ name: 'contact' }, t('threads.action.write'))] },
    });
    for (const coordinator of coordinatorsOf(tx, programme.id)) {
      notices.push({ participantId: coordinator, message: { lines: [t('privacy.leftForCoordinator', { pair: pair.id })] } });
    }
  }

  // Their name and answers may sit in messages still waiting for others and in others' open
  // conversations (a coordinator's list, a partner's kickoff); sent messages keep no text (see the outbox).
  eraseFromOthers(tx, participantId);
  tx.delete(outbox).where(eq(outbox.participantId, participantId)).run();
  tx.delete(channelIdentities).where(eq(channelIdentities.participantId, participantId)).run();
  tx.delete(flowStates).where(eq(flowStates.participantId, participantId)).run();
  tx.delete(consents).where(eq(consents.participantId, participantId)).run();
  tx.delete(joinCodes).where(eq(joinCodes.participantId, participantId)).run();
  tx.delete(goals).where(eq(goals.menteeId, participantId)).run();
  tx.delete(alerts).where(eq(alerts.participantId, participantId)).run();
  eraseThreadsOf(tx, participantId);
  // A coordinator's broadcasts stay for the programme's counts, without their author.
  tx.update(broadcasts).set({ createdBy: null }).where(eq(broadcasts.createdBy, participantId)).run();
  eraseGatheringsOf(tx, participantId);
  eraseRelaysOf(tx, participantId);
  eraseIntroductionsOf(tx, participantId);
  erasePairStartData(tx, participantId);
  eraseRoundInterestsOf(tx, participantId);
  tx.update(applications).set({ answers: '{}', updatedAt: when }).where(eq(applications.participantId, participantId)).run();
  tx.update(mentors).set({ answers: '{}', capacity: 0, updatedAt: when }).where(eq(mentors.participantId, participantId)).run();
  tx.update(checkins).set({ answers: null }).where(eq(checkins.participantId, participantId)).run();
  if (person.respondentId) {
    for (const response of tx.select().from(surveyResponses).where(eq(surveyResponses.respondentId, person.respondentId)).all()) {
      const answers = Object.fromEntries(Object.entries(parseAnswers(response.answers)).filter(([id]) => !FREE_TEXT.includes(id)));
      tx.update(surveyResponses)
        .set({ answers: JSON.stringify(answers), participantId: null, respondentId: `erased-${response.id}` })
        .where(eq(surveyResponses.id, response.id))
        .run();
    }
  }
  tx.update(participants).set({ name: null, language: null, respondentId: null, newsOff: false, erasedAt: when }).where(eq(participants.id, participantId)).run();
  return notices;
}

/** `/delete`: what deleting means, and a button to confirm; `/delete yes` erases at once. */
export function deleteCommand(c: CommandContext, answer: string | undefined): CommandResult {
  if (answer === 'no') return reply(t('privacy.kept'));
  if (answer !== 'yes') {
    return {
      messages: [
        // What deleting means, then the question alone in its own message, with the buttons.
        { lines: [t('privacy.deleteExplain', { contact: known(c.ctx.programme.contact) })] },
        {
          lines: [t('privacy.deleteQuestion')],
          choices: [button({ name: 'delete', answer: 'yes' }, t('privacy.deleteYes')), button({ name: 'delete', answer: 'no' }, t('privacy.deleteNo'))],
        },
      ],
      notices: [],
    };
  }
  const erased = addressesOf(c.tx, c.actorId);
  const notices = eraseParticipant(c.tx, c.ctx.programme, c.actorId, c.ctx.now);
  return { messages: [{ lines: [t('privacy.deleted')] }], notices, erased };
}
