import { join } from 'node:path';
import { openStore, type Store } from '../db/client';
import { localDay } from '../src/text/calendar';
import { roundDue } from '../src/pairs/checkins';
import { sendCheckins } from '../src/jobs/checkinJobs';
import { watchQuietPairs } from '../src/jobs/alertJobs';
import { type Job, jobContext } from '../src/jobs/job';
import type { Programme } from '../src/settings/programme';
import { timed } from './measure';

const DAY_MS = 86_400_000;

/**
 * `pairs` active pairs (two people each, with their chat addresses), started over the last six
 * months, with the check-ins of the months before sent and answered; 95 % met in the last three
 * weeks, the rest have been quiet for longer. Written with plain
 * statements: this is the data the jobs scan, not a measurement.
 */
export function seedPairs(path: string, programme: Programme, pairs: number, now: Date): Store {
  const store = openStore(path);
  const db = store.sqlite;
  const iso = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS).toISOString();
  db.prepare('insert into programmes (id, name, settings, updated_at) values (?, ?, ?, ?)').run(programme.id, programme.name, JSON.stringify(programme), iso(0));
  const person = db.prepare("insert into participants (programme_id, role, language, name, last_active_at) values (?, ?, 'en', ?, ?)");
  const address = db.prepare("insert into channel_identities (participant_id, channel, external_user_id, conversation_ref) values (?, 'telegram', ?, ?)");
  const pair = db.prepare("insert into pairs (programme_id, mentee_id, mentor_id, status, proposed_at, activated_at, ends_on) values (?, ?, ?, 'active', ?, ?, ?)");
  const checkin = db.prepare('insert into checkins (pair_id, participant_id, round, sent_at, answered_at, answers) values (?, ?, ?, ?, ?, ?)');
  const meeting = db.prepare("insert into meetings (pair_id, logged_by, met_on, mode, topics, logged_at) values (?, ?, ?, 'inPerson', '[\"cv\"]', ?)");
  db.transaction(() => {
    for (let i = 0; i < pairs; i++) {
      const ids = [0, 1].map((k) => {
        const id = Number(person.run(programme.id, k === 0 ? 'mentee' : 'mentor', `Person ${2 * i + k}`, iso(i % 20)).lastInsertRowid);
        address.run(id, String(id), JSON.stringify({ chatId: id }));
        return id;
      });
      const started = 10 + (i % 170);
      const pairId = Number(pair.run(programme.id, ids[0], ids[1], iso(started + 3), iso(started), iso(started - 180).slice(0, 10)).lastInsertRowid);
      const metDaysAgo = i % 20 === 0 ? 40 : i % 21;
      meeting.run(pairId, ids[0], iso(metDaysAgo).slice(0, 10), iso(metDaysAgo));
      // The check-ins of the months before were sent (and answered): a day like any other.
      const sent = roundDue(localDay(new Date(iso(started)), programme.timezone), localDay(new Date(iso(1)), programme.timezone), programme.cadences.checkinEveryMonths);
      const met = JSON.stringify({ met: metDaysAgo > 30 ? 'none' : 'once' });
      for (const id of sent > 0 ? ids : []) checkin.run(pairId, id, sent, iso(35), iso(34), met);
    }
  })();
  return store;
}

export interface ScanResult {
  pairs: number;
  inactivityScanMs: number;
  nudged: number;
  inactivityRescanMs: number;
  checkinPlanningMs: number;
  checkinsPlanned: number;
  checkinReplanMs: number;
}

/** The daily inactivity scan and check-in planning over `pairs` active pairs, each run twice (the second finds nothing new). */
export function scanBench(dir: string, programme: Programme, pairs: number): ScanResult {
  const now = new Date('2027-03-01T09:00:00Z');
  const store = seedPairs(join(dir, 'scan.db'), programme, pairs, now);
  const run = (job: Job) => timed(() => store.db.transaction((tx) => job(jobContext(tx, programme, now)), { behavior: 'immediate' }));
  const count = (sql: string) => (store.sqlite.prepare(sql).get() as { n: number }).n;
  try {
    const inactivityScanMs = run(watchQuietPairs);
    const nudged = count('select count(*) as n from pair_nudges');
    const inactivityRescanMs = run(watchQuietPairs);
    const checkinPlanningMs = run(sendCheckins);
    const checkinsPlanned = count(`select count(*) as n from checkins where sent_at = '${now.toISOString()}'`);
    const checkinReplanMs = run(sendCheckins);
    return { pairs, inactivityScanMs, nudged, inactivityRescanMs, checkinPlanningMs, checkinsPlanned, checkinReplanMs };
  } finally {
    store.close();
  }
}
