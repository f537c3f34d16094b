import { cleanText } from '../../flows/parseAnswer';
import { type CommandContext, type CommandResult, reply } from './commandContext';
import type { InboundContent } from '../channels/channel';
import { t } from '../text/messages';
import { alertCommand, listAlerts } from '../alerts/alertCommands';
import { startCheckin } from '../pairs/checkins';
import { startMeeting } from '../pairs/meetings';
import { startSurvey } from '../evaluation/evaluation';
import { deleteCommand } from '../privacy/eraseParticipant';
import { myDataCommand } from '../privacy/myData';
import { privacyCommand } from '../privacy/privacyCommand';
import { profileCommand } from '../people/profileCommand';
import { showReport } from '../evaluation/reportCommand';
import { goalCommand, showGoals, startKickoff } from '../pairs/goals';
import { endPair, pauseOrResume, showPair } from '../pairs/pairCommands';
import { extendPair } from '../pairs/extendPair';
import { answerProposal, match, suggest } from '../pairs/proposals';
import { listPairs } from '../pairs/listPairs';
import { listMentors } from '../people/listMentors';
import { mentorCommand } from '../people/mentorCommand';
import { keepData } from '../privacy/keepData';
import { findPeople } from '../people/findPeople';
import { decide, listApplications, viewApplication } from '../people/screening';
import { answerStillInterested } from '../people/stillInterested';
import type { Role } from './turn';
import { type Command, decodeAction, parseCommand } from './actions';
import { closeCommand, contactCommand, doneCommand, listThreads, myNameCommand, replyCommand, showThread, takeCommand } from '../threads/threadCommands';
import { inviteToInterview } from '../threads/inviteToInterview';
import { broadcastCommand } from '../broadcasts/broadcastCommand';
import { eventsCommand, gatheringCommand, hereCommand, rsvpCommand } from '../gatherings/gatheringCommands';
import { inviteCodeCommand } from '../people/inviteCodeCommand';
import { answerIntroduction } from '../pairs/introduction';
import { writeCommand } from '../threads/relay';
import { firstMeetingCommand } from '../pairs/firstMeeting';
import { answerFitCheck } from '../pairs/fitCheck';
import { rematchCommand } from '../pairs/rematch';
import { deskCommand } from '../desk/deskCommand';

type Handler = (c: CommandContext, args: string[]) => CommandResult;

/** Commands only coordinators may give. Everyone else is refused and nothing changes. */
const COORDINATOR: Record<string, Handler> = {
  applications: (c, [page]) => listApplications(c, page),
  view: (c, [id]) => viewApplication(c, id),
  invite: (c, [id, ...words]) => inviteToInterview(c, id, words),
  accept: (c, [id]) => decide(c, 'accepted', id),
  waitlist: (c, [id]) => decide(c, 'waitlisted', id),
  decline: (c, [id]) => decide(c, 'declined', id),
  suggest: (c, [id]) => suggest(c, id),
  match: (c, [mentee, mentor]) => match(c, mentee, mentor),
  pairs: (c, args) => listPairs(c, args),
  mentors: (c, args) => listMentors(c, args),
  find: (c, args) => findPeople(c, args.join(' ')),
  pair: (c, [id]) => showPair(c, id),
  pause: (c, [id]) => pauseOrResume(c, id, 'paused'),
  resume: (c, [id]) => pauseOrResume(c, id, 'active'),
  end: (c, args) => endPair(c, args),
  extend: (c, [id, months]) => extendPair(c, id, months),
  alerts: (c, [page]) => listAlerts(c, page),
  alert: (c, args) => alertCommand(c, args),
  report: (c) => showReport(c),
  threads: (c, [page]) => listThreads(c, page),
  thread: (c, [id]) => showThread(c, id),
  reply: (c, args) => replyCommand(c, args),
  take: (c, [id]) => takeCommand(c, id),
  close: (c, [id]) => closeCommand(c, id),
  myname: (c, words) => myNameCommand(c, words),
  broadcast: (c, args) => broadcastCommand(c, args),
  gathering: (c, args) => gatheringCommand(c, args),
  invitecode: (c, [id]) => inviteCodeCommand(c, id),
  rematch: (c, args) => rematchCommand(c, args),
  desk: (c) => deskCommand(c),
};

/** Commands of the people in a pair (each checks that the pair is theirs) and everyone's data rights. */
const MEMBER: Record<string, Handler> = {
  proposal: (c, args) => answerProposal(c, args),
  kickoff: (c, [id]) => startKickoff(c, id),
  goals: (c) => showGoals(c),
  goal: (c, args) => goalCommand(c, args),
  met: (c, [id]) => startMeeting(c, id),
  checkin: (c, [id]) => startCheckin(c, id),
  survey: (c, [id]) => startSurvey(c, id),
  delete: (c, [answer]) => deleteCommand(c, answer?.toLowerCase()),
  privacy: (c, args) => privacyCommand(c, args),
  mydata: (c) => myDataCommand(c),
  profile: (c) => profileCommand(c),
  interested: (c, [id, answer]) => answerStillInterested(c, id, answer),
  contact: (c, args) => contactCommand(c, args),
  done: (c) => doneCommand(c),
  events: (c, args) => eventsCommand(c, args),
  rsvp: (c, args) => rsvpCommand(c, args),
  here: (c, args) => hereCommand(c, args),
  mentor: (c, args) => mentorCommand(c, args),
  keep: (c) => keepData(c),
  introduce: (c, args) => answerIntroduction(c, args),
  write: (c, args) => writeCommand(c, args),
  firstmeeting: (c, args) => firstMeetingCommand(c, args),
  fit: (c, args) => answerFitCheck(c, args),
};

/**
 * The command in a message when it is one of the programme's commands (which read and change the
 * programme's data), else undefined: the conversation's own commands (`/start`, `/back`, ...) are
 * the turn's. A button can carry a command as its value.
 */
export function programmeCommand(content: InboundContent): ProgrammeCommand | undefined {
  const text = content.kind === 'text' ? cleanText(content.text) : content.kind === 'choice' ? content.value : '';
  const command = parseCommand(text);
  if (!command || !(Object.hasOwn(COORDINATOR, command.name) || Object.hasOwn(MEMBER, command.name))) return undefined;
  // A pressed button must carry an action Kompis wrote; anything else is an old or forged button.
  const forged = content.kind === 'choice' && decodeAction(content.value) === undefined;
  return { ...command, forged };
}

/** A programme command, and whether it came on a button Kompis did not make. */
export interface ProgrammeCommand extends Command {
  forged: boolean;
}

export function runProgrammeCommand(command: ProgrammeCommand, role: Role, c: CommandContext): CommandResult {
  if (command.forged) return reply(t('errors.oldButton'));
  const coordinatorHandler = COORDINATOR[command.name];
  if (coordinatorHandler) {
    return role === 'coordinator' ? coordinatorHandler(c, command.args) : reply(t('coordinator.only'));
  }
  const memberHandler = MEMBER[command.name];
  return memberHandler ? memberHandler(c, command.args) : reply(t('commands.unknown', { command: `/${command.name}` }));
}
