import cron, { type ScheduledTask } from 'node-cron';
import type { Store } from '../../db/client';
import { inDaytime } from '../delivery/daytime';
import type { Clock } from '../runtime/clock';
import { alertUnreachable, sendDigest, wakeSnoozedAlerts, watchQuietPairs } from './alertJobs';
import { alertUnansweredCheckins, remindCheckins, sendCheckins } from './checkinJobs';
import { type Job, jobContext } from './job';
import { alertLongWaits, completePairs, followUpProposals } from './pairJobs';
import { purgeExpired, warnBeforeErasure } from './retentionJob';
import { endMentorPauses, tellMentorsAvailable } from './mentorJobs';
import { askWaitlisted } from './waitingListJob';
import { tellRoundOpen } from './roundJobs';
import { remindSurveys, sendSurveys } from './surveyJobs';
import { remindUnansweredThreads } from './threadJobs';
import { remindGatherings } from './gatheringJobs';
import { promptFirstMeetings, remindFirstMeetings } from './firstMeetingJobs';
import { askFitChecks } from './fitCheckJob';
import type { Logger } from '../runtime/logger';
import type { Programme } from '../settings/programme';
import type { ErasedAddress } from '../privacy/afterErasure';

/**
 * In this order: a pair that ends today gets its end surveys and no check-in; the check-ins left
 * unanswered are counted before a new round is sent (after a long stop the new round would hide
 * them); and a reminder follows what it reminds of.
 */
const JOBS: Record<string, Job> = {
  completePairs,
  sendSurveys,
  remindSurveys,
  alertUnansweredCheckins,
  sendCheckins,
  remindCheckins,
  watchQuietPairs,
  followUpProposals,
  promptFirstMeetings,
  remindFirstMeetings,
  askFitChecks,
  alertLongWaits,
  askWaitlisted,
  tellRoundOpen,
  alertUnreachable,
  wakeSnoozedAlerts,
  remindUnansweredThreads,
  remindGatherings,
  sendDigest,
  endMentorPauses,
  tellMentorsAvailable,
  warnBeforeErasure,
  purgeExpired,
};

export interface SchedulerOptions {
  store: Store;
  programme: Programme;
  clock: Clock;
  logger: Logger;
  /** Called after each run that may have queued messages (the outbox drains). */
  afterRun?: () => Promise<unknown>;
  /** Called after a job's transaction that erased people (the retention purge) was committed. */
  afterErasure?: (erased: ErasedAddress[]) => void;
}

/**
 * Wakes the jobs. Nothing is kept in memory: every run computes from the database what is due, and
 * every message it queues has a key of its own, so a second run, a second process or a restart
 * sends nothing twice, and what fell due while Kompis was stopped is done at the next run.
 *
 * Kompis writes first only in the day: from the programme's send hour until 21:00 in its time zone.
 */
export class Scheduler {
  private task: ScheduledTask | undefined;

  constructor(private readonly options: SchedulerOptions) {}

  /** Runs every job that is due now, each in a transaction of its own; returns the jobs that failed. */
  runDue(): string[] {
    const { store, programme, clock, logger } = this.options;
    const now = clock.now();
    if (!inDaytime(now, programme)) return [];
    const failed: string[] = [];
    for (const [name, job] of Object.entries(JOBS)) {
      try {
        const erased = store.db.transaction(
          (tx) => {
            const j = jobContext(tx, programme, now);
            job(j);
            return j.erased;
          },
          { behavior: 'immediate' },
        );
        if (erased.length > 0) this.options.afterErasure?.(erased);
      } catch (err) {
        logger.error('scheduled job failed', { job: name, err });
        failed.push(name);
      }
    }
    return failed;
  }

  /** Runs now (catching up on what fell due while stopped), then every five minutes. */
  async start(): Promise<void> {
    await this.tick();
    this.task = cron.schedule('*/5 * * * *', () => this.tick(), {
      timezone: this.options.programme.timezone,
      noOverlap: true,
      name: 'kompis-scheduler',
    });
  }

  async stop(): Promise<void> {
    await this.task?.destroy();
    this.task = undefined;
  }

  private async tick(): Promise<void> {
    this.runDue();
    await this.options.afterRun?.();
  }
}
