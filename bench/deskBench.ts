import { join } from 'node:path';
import { silentLogger } from '../src/runtime/logger';
import { createDeskLink, signIn } from '../src/desk/deskSignIn';
import { deskRoutes } from '../src/desk/deskRoutes';
import type { Programme } from '../src/settings/programme';
import { createTranslator } from '../src/text/i18n';
import { median } from './measure';
import { seedPairs } from './scanBench';

const DAY_MS = 86_400_000;
const RUNS = 5;

export interface DeskResult {
  pairs: number;
  people: number;
  /** The median answer time of each page, in milliseconds. */
  pages: Record<string, number>;
}

/**
 * Each desk page answered for a signed-in coordinator over `pairs` running pairs and `people` people
 * in all (the rest applicants waiting and mentors with room): the median of five requests, each
 * through the desk's routes with its session check, reads and audit writes.
 */
export async function deskBench(dir: string, programme: Programme, pairs: number, people: number): Promise<DeskResult> {
  const now = new Date('2026-11-02T09:00:00Z');
  const store = seedPairs(join(dir, 'desk.db'), programme, pairs, now);
  const db = store.sqlite;
  const iso = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS).toISOString();
  const person = db.prepare("insert into participants (programme_id, role, language, name, last_active_at) values (?, ?, 'en', ?, ?)");
  const application = db.prepare(
    'insert into applications (participant_id, programme_id, status, answers, flags, consent_version, submitted_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // Approved, as a bank that has been screened: the application page scores them.
  const mentor = db.prepare("insert into mentors (participant_id, answers, capacity, registered_at, updated_at, screening) values (?, ?, 3, ?, ?, 'approved')");
  const statuses = ['submitted', 'interview', 'waitlisted', 'accepted'];
  let firstApplicant = 0;
  db.transaction(() => {
    const others = people - 2 * pairs;
    for (let i = 0; i < others; i++) {
      const isMentor = i % 6 === 0;
      const id = Number(person.run(programme.id, isMentor ? 'mentor' : 'applicant', `Person ${2 * pairs + i}`, iso(i % 30)).lastInsertRowid);
      if (isMentor) {
        mentor.run(id, JSON.stringify({ profession: 'Civil engineer', sector: 'engineering', languages: ['en'], region: 'Bergen', meetingMode: 'both' }), iso(90), iso(90));
      } else {
        if (firstApplicant === 0) firstApplicant = id;
        const answers = {
          name: `Person ${id}`,
          region: i % 3 === 0 ? 'Oslo' : 'Bergen',
          goalType: 'relevantJob',
          profession: 'Civil engineer',
          sector: 'engineering',
          languages: ['en'],
        };
        application.run(id, programme.id, statuses[i % 4], JSON.stringify(answers), i % 7 === 0 ? '["region"]' : '[]', '1', iso(i % 60), iso(i % 30));
      }
    }
  })();
  const coordinator = Number(person.run(programme.id, 'coordinator', 'Coco', iso(0)).lastInsertRowid);
  const token = store.db.transaction((tx) => createDeskLink(tx, coordinator, now));
  const cookie = `kompis_desk=${signIn(store.db, token, now) ?? ''}`;
  const desk = deskRoutes({ store, programme, translator: createTranslator(), clock: { now: () => now }, logger: silentLogger, afterAction: () => undefined });
  const paths = { today: '/', applications: '/applications', application: `/applications/${firstApplicant}`, pairs: '/pairs', pair: '/pairs/1', mentors: '/mentors' };
  const pages: Record<string, number> = {};
  for (const [name, path] of Object.entries(paths)) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const since = performance.now();
      const res = await desk.request(path, { headers: { cookie } });
      await res.text();
      if (res.status !== 200) throw new Error(`desk ${path} answered ${res.status}`);
      times.push(performance.now() - since);
    }
    pages[name] = median(times);
  }
  store.close();
  return { pairs, people, pages };
}
