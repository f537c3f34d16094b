import type { CommandContext, CommandResult } from '../conversation/commandContext';
import { decide } from '../people/screening';
import { t } from '../text/messages';
import { scopeOf } from './threadCommands';
import { openThreadOf, startWriting, writeToParticipant } from './threads';

/**
 * `/invite N` or `/invite N TEXT`: the applicant is invited to an interview, in a thread, so they can
 * answer, ask or ask to move it by writing back. TEXT is the coordinator's own time and place; without
 * it the programme's `screening.interviewText` (with its booking link) is sent, or Kompis's kind sentence,
 * as Kompis's own lines; only the coordinator's own words are marked as theirs.
 */
export function inviteToInterview(c: CommandContext, arg: string | undefined, words: string[]): CommandResult {
  const decided = decide(c, 'interview', arg);
  const notice = decided.notices[0];
  if (!notice) return decided;
  const s = scopeOf(c);
  const thread = openThreadOf(s, notice.participantId, 'interview');
  const own = words.join(' ').trim();
  const hint = t('threads.interviewHint');
  const told = [...decided.messages, { lines: [t('threads.inviteSent', { thread: thread.id, applicant: notice.participantId })] }];
  if (own === '') {
    // The programme's booking text (or Kompis's sentence) is not the coordinator's words: it goes as
    // it is, and whatever the applicant answers comes into the thread.
    startWriting(s, notice.participantId, thread);
    return { messages: told, notices: [{ ...notice, message: { lines: [...notice.message.lines, hint] } }] };
  }
  const written = writeToParticipant(s, thread, own, { before: [t('applicant.interview')], hint });
  return { messages: told, notices: written.notices };
}
