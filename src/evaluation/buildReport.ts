import { type SQL, sql } from 'drizzle-orm';
import { t } from '../text/messages';
import type { Programme } from '../settings/programme';
import { z } from 'zod';
import { parseJson } from '../runtime/parseJson';
import { parseAnswers } from '../people/storedAnswers';
import { type Cells, cells, type Figure, median, type Section, section, sum } from './figures';
import { INVITATION_KEY } from '../delivery/outboxQueries';
import { type BaselineOutcome, baselineSections, changeSections } from './baseline';
import { type ResponseRow, surveyItemSections, timepointText, who5Section } from './surveyItems';
import { companySections } from './companySections';
import { type MenteeGroup, ofRound, scopeFilter } from './reportScope';

const DAY_MS = 86_400_000;
const DAYS_PER_MONTH = 30.44;
/** The roles who come to gatherings, as the report counts them. */
const GATHERING_ROLES = ['applicant', 'mentee', 'mentor'] as const;

export interface Report {
  programme: string;
  from: string | null;
  to: string | null;
  /** The application round the report keeps to (`2027-1`), or null for everyone. */
  round: string | null;
  sections: Section[];
  /** Below this many people (or items) a figure is not shown: the programme's `report.minimumCell`. */
  minimumCell: number;
}

/**
 * Who reads the report. `funder`: everything leaves the programme, so every figure on fewer than
 * `minimumCell` cases is hidden. `programme` (a coordinator's `/report`): counts of what coordinators
 * can see one by one anyway (applications, pairs, meetings, alerts) are shown as they are; figures
 * from what people answered (check-ins, surveys) keep the rule, because anonymous answers were
 * promised to reach coordinators only in totals of `minimumCell` or more.
 */
export type ReportAudience = 'funder' | 'programme';

/** The store, or a transaction in it: the report only reads. */
export interface Reader {
  all<T>(query: SQL): T[];
}

export interface Period {
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  /**
   * An application round (`2027-1`): only its applicants, their pairs and what they and their mentors
   * did and answered. Gatherings are the programme's, not a round's, and are counted as they are.
   */
  round?: string;
}

/** What a report covers: a period and, for a comparison by language, one group of mentees. */
export interface Scope extends Period {
  mentees?: MenteeGroup;
}

/**
 * The funder report, from whatever the database holds: applications, matching, pairs, meetings,
 * check-ins, gatherings and who came to them, alerts, outcomes at the end and after, recommendation scores and survey answer rates.
 * Events are counted when they happened within the period. Every figure resting on fewer than
 * `report.minimumCell` cases is suppressed here (for the `programme` audience only the figures from
 * answers), so no format can show it.
 */
export function buildReport(db: Reader, programme: Programme, period: Scope, now: Date, audience: ReportAudience = 'funder'): Report {
  const min = programme.report.minimumCell;
  // What coordinators see one by one anyway, and what people answered.
  const records = cells(audience === 'programme' ? 0 : min);
  const answers = cells(min);
  const from = period.from ?? '0000-01-01';
  // '~' sorts after every character of a timestamp, so any moment of the last day is in the period.
  const to = `${period.to ?? '9999-12-31'}~`;
  const p = programme.id;
  /** `<owner>.programme_id` is this programme's, `column` is within the period and the row is of the round asked for. */
  const inPeriod = (owner: string, column: string) =>
    sql`${sql.raw(owner)}.programme_id = ${p} and ${sql.raw(column)} >= ${from} and ${sql.raw(column)} <= ${to} and ${ofRound(owner, period.round)}`;
  const only = scopeFilter(p, period.mentees);

  const applied = db.all<{ status: string; flags: string }>(
    sql`select status, flags from applications where ${inPeriod('applications', 'submitted_at')} and ${only.members('applications.participant_id')}`,
  );
  const statusCounts = new Map<string, number>();
  const flagCounts = new Map<string, number>();
  for (const row of applied) {
    statusCounts.set(row.status, (statusCounts.get(row.status) ?? 0) + 1);
    for (const flag of parseList(row.flags)) flagCounts.set(flag, (flagCounts.get(flag) ?? 0) + 1);
  }
  const statuses = [...statusCounts].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => ({ k, n }));

  const matchDays = db
    .all<{ days: number }>(
      sql`select julianday(min(p.activated_at)) - julianday(a.submitted_at) as days
            from applications a join pairs p on p.mentee_id = a.participant_id and p.activated_at >= a.submitted_at
           where ${inPeriod('a', 'a.submitted_at')} and ${only.members('a.participant_id')} group by a.id`,
    )
    .map((r) => r.days);

  const pairStatuses = db.all<{ k: string; n: number }>(
    sql`select status as k, count(*) as n from pairs where ${inPeriod('pairs', 'proposed_at')} and ${only.members('pairs.mentee_id')} and status <> 'declined'
          and not (status = 'ended' and activated_at is null) group by status`,
  );
  const endReasons = db.all<{ k: string; n: number }>(
    sql`select end_reason as k, count(*) as n from pairs
         where ${inPeriod('pairs', 'ended_at')} and ${only.members('pairs.mentee_id')} and activated_at is not null and end_reason is not null group by end_reason`,
  );

  // A meeting both members logged (the same pair, the same day) is one meeting.
  const meetingCount =
    db.all<{ n: number }>(
      sql`select count(distinct m.pair_id || ':' || m.met_on) as n from meetings m join pairs on pairs.id = m.pair_id where ${inPeriod('pairs', 'm.met_on')} and ${only.members('pairs.mentee_id')}`,
    )[0]?.n ?? 0;
  const running = db.all<{ start: string; end: string | null }>(
    sql`select activated_at as start, ended_at as end from pairs where programme_id = ${p} and ${only.members('pairs.mentee_id')} and activated_at is not null`,
  );
  const periodStart = Date.parse(`${from}T00:00:00Z`);
  const periodEnd = period.to ? Date.parse(`${period.to}T23:59:59Z`) : Number.POSITIVE_INFINITY;
  const overlaps = running
    .map((r) => (Math.min(r.end ? Date.parse(r.end) : now.getTime(), periodEnd) - Math.max(Date.parse(r.start), periodStart)) / DAY_MS)
    .filter((days) => days > 0);
  const pairMonths = sum(overlaps) / DAYS_PER_MONTH;

  const checkins = db.all<{ sent: number; answered: number; people: number }>(
    sql`select count(*) as sent, count(c.answered_at) as answered, count(distinct c.participant_id) as people
          from checkins c join pairs on pairs.id = c.pair_id where ${inPeriod('pairs', 'c.sent_at')} and ${only.members('pairs.mentee_id')}`,
  )[0] ?? { sent: 0, answered: 0, people: 0 };

  const alertRows = db.all<{ kind: string; hours: number | null; subject: string }>(
    sql`select kind, (julianday(resolved_at) - julianday(opened_at)) * 24 as hours,
            coalesce('pair' || pair_id, 'person' || participant_id) as subject from alerts
          where ${inPeriod('alerts', 'opened_at')} and (${only.pairs('alerts.pair_id')} or ${only.members('alerts.participant_id')})`,
  );
  const alertKinds = [...new Set(alertRows.map((a) => a.kind))].sort();

  const outcomeRows = db.all<OutcomeRow>(
    sql`select timepoint, status, job_uses_education, permanent, full_time, contribution from outcomes
          where ${inPeriod('outcomes', 'recorded_at')} and ${only.respondents('outcomes.respondent_id')}`,
  );
  const baseline = db
    .all<{ answers: string }>(sql`select answers from applications where ${inPeriod('applications', 'submitted_at')} and ${only.members('applications.participant_id')}`)
    .map((r) => r.answers);
  const fromBaseline = db.all<BaselineOutcome>(
    sql`select o.timepoint as timepoint, o.status as status, o.job_uses_education as fits, a.answers as answers
          from outcomes o join participants pa on pa.respondent_id = o.respondent_id join applications a on a.participant_id = pa.id
         where ${inPeriod('o', 'o.recorded_at')} and ${only.members('pa.id')}`,
  );
  // WhatsApp Cloud API reply templates, which Meta charges for: what the programme's WhatsApp costs.
  const templates =
    db.all<{ n: number }>(
      sql`select count(*) as n from outbox o join participants pa on pa.id = o.participant_id
           where o.status = 'sent' and o.dedupe_key like ${`${INVITATION_KEY}%`} and ${inPeriod('pa', 'o.sent_at')} and ${only.members('pa.id')}`,
    )[0]?.n ?? 0;
  const responses = db.all<ResponseRow>(
    sql`select sr.survey_id as survey, sr.timepoint as timepoint, sr.respondent_id as respondent, sr.answers as answers,
            named.id as participantId, named.name as name
          from survey_responses sr left join participants named on named.id = sr.participant_id and named.erased_at is null
         where ${inPeriod('sr', 'sr.answered_at')} and ${only.respondents('sr.respondent_id')} order by sr.answered_at, sr.id`,
  );
  const recommend = db.all<{ respondent_id: string; role: string; answers: string }>(
    sql`select respondent_id, role, answers from survey_responses
         where ${inPeriod('survey_responses', 'answered_at')} and ${only.respondents('survey_responses.respondent_id')} and timepoint = 'end' order by answered_at, id`,
  );
  const invitations = db.all<{
    survey: string;
    timepoint: string;
    sent: number;
    answered: number;
    people: number;
    beforeReminder: number;
    reminded: number;
    afterReminder: number;
  }>(
    sql`select i.survey_id as survey, i.timepoint as timepoint, count(*) as sent, count(i.answered_at) as answered,
            count(distinct i.participant_id) as people,
            sum(i.answered_at is not null and (i.reminded_at is null or i.answered_at < i.reminded_at)) as beforeReminder,
            count(i.reminded_at) as reminded, sum(i.answered_at is not null and i.answered_at >= i.reminded_at) as afterReminder
       from survey_invitations i join participants pa on pa.id = i.participant_id
      where ${inPeriod('pa', 'i.sent_at')} and ${only.members('pa.id')} group by i.survey_id, i.timepoint order by i.survey_id, i.timepoint`,
  );

  // Gatherings held: not cancelled, and begun by now. Who came counts by the role the person has now.
  const held = sql`g.status = 'planned' and g.starts_at <= ${now.toISOString()} and ${inPeriod('g', 'g.starts_at')}`;
  const gatheringKinds = db.all<{ k: string; n: number }>(sql`select kind as k, count(*) as n from gatherings g where ${held} group by kind order by kind`);
  const attendance = db.all<{ role: string; invited: number; yes: number; came: number; people: number; peopleCame: number }>(
    sql`select pa.role as role, count(i.invited_at) as invited, coalesce(sum(i.answer = 'yes'), 0) as yes, count(i.came_at) as came,
            count(distinct case when i.invited_at is not null then i.participant_id end) as people,
            count(distinct case when i.invited_at is not null and i.came_at is not null then i.participant_id end) as peopleCame
       from gathering_invites i join gatherings g on g.id = i.gathering_id join participants pa on pa.id = i.participant_id
      where ${held} and ${only.members('pa.id')} group by pa.role order by pa.role`,
  );
  const byRole = (role: string) => attendance.find((a) => a.role === role) ?? { role, invited: 0, yes: 0, came: 0, people: 0, peopleCame: 0 };

  const sections: Section[] = [
    section('applications', false, [
      records.count('total', t('report.item.applications'), sum(statuses.map((s) => s.n))),
      ...records.partition(statuses.map((s) => ({ id: `status.${s.k}`, label: t(`coordinator.status.${s.k}`), n: s.n }))),
    ]),
    section(
      'flags',
      true,
      [...flagCounts.entries()].sort().map(([flag, n]) => records.count(flag, t(`coordinator.flag.${flag}`), n)),
    ),
    section('matching', false, [records.measure('medianDaysToMatch', t('report.item.medianDaysToMatch'), 'days', median(matchDays), matchDays.length)]),
    section(
      'pairs',
      true,
      pairStatuses.map((s) => records.count(s.k, t(`coordinator.pairStatus.${s.k}`), s.n)),
    ),
    section(
      'endReasons',
      true,
      endReasons.map((s) => records.count(s.k, t(`coordinator.endReason.${s.k}`), s.n)),
    ),
    section('activity', false, [
      records.measure('meetingsPerPairMonth', t('report.item.meetingsPerPairMonth'), 'rate', pairMonths > 0 ? meetingCount / pairMonths : null, overlaps.length),
      answers.share('checkinAnswerRate', t('report.item.checkinAnswerRate'), checkins.answered, checkins.sent, checkins.people),
    ]),
    section('gatherings', false, [
      ...gatheringKinds.map((g) => records.count(`held.${g.k}`, t('report.item.gatheringsHeld', { kind: t(`gatherings.kind.${g.k}`) }), g.n)),
      records.count('invited', t('report.item.gatheringsInvited'), sum(attendance.map((a) => a.invited)), sum(attendance.map((a) => a.people))),
      records.count('saidYes', t('report.item.gatheringsSaidYes'), sum(attendance.map((a) => a.yes))),
      records.count('came', t('report.item.gatheringsCame'), sum(attendance.map((a) => a.came))),
      ...records.partition(GATHERING_ROLES.map((role) => ({ id: `came.${role}`, label: t(`report.item.gatheringsCameBy.${role}`), n: byRole(role).came }))),
      ...(['mentee', 'mentor'] as const).map((role) =>
        records.share(`cameOnce.${role}`, t(`report.item.gatheringsCameOnce.${role}`), byRole(role).peopleCame, byRole(role).people),
      ),
    ]),
    section(
      'alerts',
      true,
      alertKinds.flatMap((kind) => {
        const rows = alertRows.filter((a) => a.kind === kind);
        const hours = rows.map((a) => a.hours).filter((h): h is number => h !== null);
        return [
          records.count(kind, t(`report.alertKind.${kind}`), rows.length, new Set(rows.map((a) => a.subject)).size),
          records.measure(
            `${kind}.medianDaysToResolve`,
            t('report.item.medianDaysToResolve', { kind: t(`report.alertKind.${kind}`) }),
            'days',
            median(hours) === null ? null : (median(hours) ?? 0) / 24,
            hours.length,
          ),
        ];
      }),
    ),
    ...['end', ...programme.surveys.followUpMonths.map((m) => `followup${m}`)].map((timepoint) =>
      outcomeSection(
        answers,
        timepoint,
        outcomeRows.filter((o) => o.timepoint === timepoint),
      ),
    ),
    section(
      'recommendation',
      false,
      (['mentee', 'mentor'] as const).map((role) =>
        nps(
          answers,
          role,
          recommend.filter((r) => r.role === role),
        ),
      ),
    ),
    section(
      'surveys',
      false,
      // What the reminder did: answered before it came, and of those reminded, how many answered then.
      invitations.flatMap((i) => {
        const id = `${i.survey}.${i.timepoint}`;
        const names = { survey: i.survey, timepoint: i.timepoint };
        return [
          answers.share(id, t('report.item.surveyRate', names), i.answered, i.sent, i.people),
          answers.share(`${id}.beforeReminder`, t('report.item.surveyBeforeReminder', names), i.beforeReminder, i.sent),
          answers.share(`${id}.afterReminder`, t('report.item.surveyAfterReminder', names), i.afterReminder, i.reminded),
        ];
      }),
    ),
    ...companySections(db, programme, records, period),
    ...(templates > 0 ? [section('operations', false, [records.count('whatsappTemplates', t('report.item.whatsappTemplates'), templates)])] : []),
    ...baselineSections(answers, baseline),
    ...changeSections(answers, fromBaseline),
    ...(responses.some((r) => r.survey === 'who5') ? [who5Section(answers, responses)] : []),
    ...surveyItemSections(answers, programme.surveyDefinitions, responses, audience === 'programme'),
  ];
  return { programme: programme.name, from: period.from ?? null, to: period.to ?? null, round: period.round ?? null, sections, minimumCell: min };
}

interface OutcomeRow {
  timepoint: string;
  status: string;
  job_uses_education: string | null;
  permanent: number | null;
  full_time: number | null;
  contribution: number | null;
}

/**
 * What people were doing at a time point, as shares of those who answered, and for those in a job:
 * whether it uses their education, is permanent and full-time, and how much the programme helped.
 */
function outcomeSection({ count, measure, share, partition }: Cells, timepoint: string, rows: OutcomeRow[]): Section {
  const jobs = rows.filter((r) => r.status === 'job');
  const statuses = partition(
    (['job', 'internship', 'education', 'business', 'none'] as const).map((status) => ({
      id: status,
      label: t(`report.outcome.${status}`),
      n: rows.filter((r) => r.status === status).length,
    })),
  );
  const asShares = statuses.map((f) =>
    f.suppressed ? { ...f, kind: 'share' as const } : measure(f.id, f.label, 'share', rows.length > 0 ? f.n / rows.length : null, rows.length),
  );
  const knownPermanent = jobs.filter((j) => j.permanent !== null);
  const knownFullTime = jobs.filter((j) => j.full_time !== null);
  const contributions = jobs.map((j) => j.contribution).filter((c): c is number => c !== null);
  return section(
    `outcomes.${timepoint}`,
    true,
    [
      count('respondents', t('report.item.respondents'), rows.length),
      ...asShares,
      share('jobFitsEducation', t('report.item.jobFitsEducation'), jobs.filter((j) => j.job_uses_education === 'yes').length, jobs.length),
      share('jobPermanent', t('report.item.jobPermanent'), knownPermanent.filter((j) => j.permanent === 1).length, knownPermanent.length),
      share('jobFullTime', t('report.item.jobFullTime'), knownFullTime.filter((j) => j.full_time === 1).length, knownFullTime.length),
      measure('contribution', t('report.item.contribution'), 'score', median(contributions), contributions.length),
    ],
    t('report.section.outcomes', { timepoint: timepointText(timepoint) }),
  );
}

/** Net promoter score: the share answering 9–10 minus the share answering 0–6, times 100. */
function nps({ measure }: Cells, role: 'mentee' | 'mentor', rows: { respondent_id: string; answers: string }[]): Figure {
  // One score per person: a mentor of several pairs, or a rematched mentee, counts once, with their latest.
  const latest = new Map(rows.map((r) => [r.respondent_id, r.answers]));
  const scores = [...latest.values()].map((a) => Number(parseAnswers(a).recommend)).filter((n) => Number.isInteger(n) && n >= 0 && n <= 10);
  const value = scores.length > 0 ? (100 * (scores.filter((s) => s >= 9).length - scores.filter((s) => s <= 6).length)) / scores.length : null;
  return measure(`nps.${role}`, t(`report.item.nps.${role}`), 'score', value, scores.length);
}

function parseList(json: string): string[] {
  return parseJson(json, z.array(z.string())) ?? [];
}
