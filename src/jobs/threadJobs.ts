import { notify } from '../conversation/notify';
import { participant } from '../people/people';
import { t } from '../text/messages';
import { personLabel } from '../text/personText';
import { coordinatorChoices, messagesOf, openThreads, recipientsOf } from '../threads/threads';
import type { JobContext } from './job';

/**
 * A participant's message that has waited `thresholds.threadReminderHours` for a coordinator's answer
 * reminds the coordinators (the one who took the thread, else all) once. The key names the message
 * that waits, so a later message that waits again reminds again, and a second run never does.
 */
export function remindUnansweredThreads(j: JobContext): void {
  const hours = j.programme.thresholds.threadReminderHours;
  const due = new Date(j.now.getTime() - hours * 3_600_000).toISOString();
  const s = { tx: j.tx, programmeId: j.programme.id };
  for (const { thread, waitingSince } of openThreads(s)) {
    if (waitingSince === undefined || waitingSince > due) continue;
    const waiting = messagesOf(j.tx, thread.id).find((m) => !m.fromCoordinator && m.sentAt === waitingSince);
    const who = personLabel(participant(j.tx, thread.participantId) ?? { id: thread.participantId, name: null });
    const message = { lines: [t('threads.reminder', { who, thread: thread.id })], choices: coordinatorChoices(thread) };
    for (const coordinator of recipientsOf(s, thread)) {
      const key = `thread-reminder:${thread.id}:${waiting?.id ?? waitingSince}:${coordinator}`;
      notify(j.tx, j.programme, { participantId: coordinator, message, dedupeKey: key }, j.now);
    }
  }
}
