import { and, count, eq, gte, inArray, isNotNull, isNull, lte, ne } from 'drizzle-orm';
import { mentors, pairs, participants } from '../../db/schema';
import { button } from '../conversation/actions';
import { notify } from '../conversation/notify';
import { canUndoEnd } from '../pairs/pairCommands';
import { OPEN_PAIR_STATES } from '../pairs/pairs';
import { mentorRow, resume } from '../people/mentorControls';
import { againOf } from '../people/mentorProfile';
import { coordinatorsOf, participant } from '../people/people';
import { daysBetween } from '../text/calendar';
import { t } from '../text/messages';
import { personLabel } from '../text/personText';
import { daysAgo, type JobContext } from './job';

/**
 * A mentor whose pause ran to its day can take mentees again (the capacity from before comes back)
 * and gets one friendly question whether they are ready: yes, or not yet (a pause until they
 * resume). The key names the mentor and the day, so each pause asks once.
 */
export function endMentorPauses(j: JobContext): void {
  const due = j.tx
    .select()
    .from(mentors)
    .innerJoin(participants, eq(participants.id, mentors.participantId))
    .where(
      and(eq(participants.programmeId, j.programme.id), isNull(participants.erasedAt), eq(mentors.capacity, 0), isNotNull(mentors.pausedUntil), lte(mentors.pausedUntil, j.today)),
    )
    .all();
  for (const { mentors: row } of due) {
    resume(j.tx, row, j.now);
    const message = {
      lines: [t('mentorCare.own.ready')],
      choices: [button({ name: 'mentorResume' }, t('mentorCare.own.readyYes')), button({ name: 'mentorPause' }, t('mentorCare.own.readyNo'))],
    };
    notify(j.tx, j.programme, { participantId: row.participantId, message, dedupeKey: `mentorReady:${row.participantId}:${row.pausedUntil ?? ''}` }, j.now);
  }
}

/** How long after a pair's end a mentor who has not answered "again" is reported for having room. */
const WAIT_FOR_AGAIN_DAYS = 14;
/** Pairs that ended longer ago than this are not looked at (the first run after an upgrade stays quiet about old ones). */
const LOOK_BACK_DAYS = 60;

/**
 * When a pair has ended (and can no longer be undone), the coordinators hear once that its mentor
 * can take a new mentee: at once when the mentor said in the pair's end survey that they would be a
 * mentor again, or two weeks after the end when they did not answer and have room. Not when they
 * said no, are on pause, have no room, or are not approved. A suggestion for a waiting applicant
 * then shows the mentor as any other.
 */
export function tellMentorsAvailable(j: JobContext): void {
  const ended = j.tx
    .select()
    .from(pairs)
    .innerJoin(mentors, eq(mentors.participantId, pairs.mentorId))
    .where(
      and(
        eq(pairs.programmeId, j.programme.id),
        inArray(pairs.status, ['completed', 'ended']),
        isNotNull(pairs.activatedAt),
        gte(pairs.endedAt, daysAgo(j.now, LOOK_BACK_DAYS)),
        eq(mentors.screening, 'approved'),
        ne(mentors.capacity, 0),
      ),
    )
    .all();
  for (const { pairs: pair, mentors: row } of ended) {
    if (canUndoEnd(pair, j.now)) continue;
    const mentor = participant(j.tx, pair.mentorId);
    if (!mentor || mentor.erasedAt !== null || !mentorRow(j.tx, mentor.id)) continue;
    const load = openPairsOf(j, mentor.id);
    if (load >= row.capacity) continue;
    const again = againOf(j.tx, mentor.id, pair.id);
    const waited = daysBetween(j.dayOf(pair.endedAt ?? j.now.toISOString()), j.today) >= WAIT_FOR_AGAIN_DAYS;
    if (again === 'no' || (again !== 'yes' && !waited)) continue;
    const key = again === 'yes' ? 'mentorCare.availableAgain' : 'mentorCare.available';
    const message = { lines: [t(key, { who: personLabel(mentor), pair: pair.id })], choices: [button({ name: 'mentorView', mentor: mentor.id }, t('mentorCare.action.view'))] };
    for (const coordinator of coordinatorsOf(j.tx, j.programme.id)) {
      notify(j.tx, j.programme, { participantId: coordinator, message, dedupeKey: `mentorAvailable:${pair.id}:${coordinator}` }, j.now);
    }
  }
}

/** The mentor's open pairs (proposed, active, paused): each takes a place. */
function openPairsOf(j: JobContext, mentorId: number): number {
  const row = j.tx
    .select({ n: count() })
    .from(pairs)
    .where(and(eq(pairs.mentorId, mentorId), inArray(pairs.status, [...OPEN_PAIR_STATES])))
    .get();
  return row?.n ?? 0;
}
