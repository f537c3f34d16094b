import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The store. Times are ISO-8601 strings in UTC; JSON columns hold data that the code parses with zod
 * on read (the database is treated as untrusted input too).
 */

const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

/** One row per programme a deployment serves; `settings` is the validated programme file as JSON. */
export const programmes = sqliteTable('programmes', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  settings: text('settings').notNull(),
  createdAt: createdAt(),
  updatedAt: text('updated_at').notNull(),
});

/** A person, whatever channels they use. Personal answers live in applications, not here. */
export const participants = sqliteTable('participants', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  programmeId: text('programme_id')
    .notNull()
    .references(() => programmes.id),
  role: text('role', { enum: ['applicant', 'mentee', 'mentor', 'coordinator'] })
    .notNull()
    .default('applicant'),
  /** The language the person chose; null until they choose one. */
  language: text('language'),
  /** The first name they gave, so coordinators and their pair can address them. */
  name: text('name'),
  unreachable: integer('unreachable', { mode: 'boolean' }).notNull().default(false),
  /** The person asked for no programme news (`/privacy`): broadcasts pass them over; their own application, pair and surveys still reach them. */
  newsOff: integer('news_off', { mode: 'boolean' }).notNull().default(false),
  /** A random id that links this person's survey answers without naming them; set at the first survey. */
  respondentId: text('respondent_id'),
  /** When the person deleted their data (`/delete`); the row stays only so that counts add up. */
  erasedAt: text('erased_at'),
  createdAt: createdAt(),
  lastActiveAt: text('last_active_at').notNull(),
});

/** How to reach a participant on one channel; `conversationRef` is what the adapter needs to send. */
export const channelIdentities = sqliteTable(
  'channel_identities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    externalUserId: text('external_user_id').notNull(),
    conversationRef: text('conversation_ref').notNull(),
    /** The locale the platform reports for the user, if any (a hint for the first language offer). */
    locale: text('locale'),
    /** The person's public name on the platform (a Telegram username), if they have one; shown only to a partner they allow. */
    handle: text('handle'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('channel_identities_channel_user').on(t.channel, t.externalUserId), index('channel_identities_participant').on(t.participantId)],
);

/** Every consent decision, kept as a history: who, which text version, what, when, where. */
export const consents = sqliteTable(
  'consents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    version: text('version').notNull(),
    language: text('language').notNull(),
    decision: text('decision', { enum: ['granted', 'declined', 'withdrawn'] }).notNull(),
    channel: text('channel').notNull(),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [index('consents_participant').on(t.participantId, t.kind)],
);

/** The conversation a participant is in the middle of: at most one at a time. */
export const flowStates = sqliteTable('flow_states', {
  participantId: integer('participant_id')
    .primaryKey()
    .references(() => participants.id, { onDelete: 'cascade' }),
  flowId: text('flow_id').notNull(),
  flowVersion: integer('flow_version').notNull(),
  state: text('state').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * One row per platform event, so a re-delivered event is recognised and handled once. No message
 * content is kept here.
 */
export const inboundEvents = sqliteTable(
  'inbound_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channel: text('channel').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [uniqueIndex('inbound_events_channel_event').on(t.channel, t.eventId)],
);

/**
 * Messages waiting to go out, and what became of them. `dedupeKey` makes every enqueue idempotent:
 * the same key is never sent twice.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dedupeKey: text('dedupe_key').notNull(),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    conversationRef: text('conversation_ref').notNull(),
    language: text('language').notNull(),
    message: text('message').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: text('sent_at'),
    /** The platform's id of the sent message, where the platform reports its delivery later. */
    platformMessageId: text('platform_message_id'),
  },
  (t) => [
    uniqueIndex('outbox_dedupe_key').on(t.dedupeKey),
    index('outbox_platform_message').on(t.channel, t.platformMessageId),
    index('outbox_due').on(t.status, t.nextAttemptAt),
    /** For "no older message to this person is still waiting". */
    index('outbox_participant').on(t.participantId, t.status, t.id),
    /**
     * For the drain's read of waiting messages in the order they were queued, a page at a time: each
     * page stops after its rows, where `outbox_due` read every due message for every page.
     */
    index('outbox_waiting').on(t.status, t.id),
  ],
);

/** A submitted application: the intake answers, the eligibility flags and where it stands. */
export const applications = sqliteTable(
  'applications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    programmeId: text('programme_id')
      .notNull()
      .references(() => programmes.id),
    status: text('status', {
      enum: ['submitted', 'interview', 'accepted', 'waitlisted', 'declined', 'withdrawn'],
    })
      .notNull()
      .default('submitted'),
    answers: text('answers').notNull(),
    flags: text('flags').notNull(),
    consentVersion: text('consent_version').notNull(),
    submittedAt: text('submitted_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** When a waitlisted applicant was last asked whether they still want a mentor; null once answered. */
    interestAskedAt: text('interest_asked_at'),
    /** The application round (e.g. `2027-1`) it was sent in, when the programme takes applicants in rounds; null for rolling intake. */
    round: text('round'),
  },
  (t) => [index('applications_participant').on(t.participantId), index('applications_status').on(t.status)],
);

/** A mentor in the mentor bank: the registration answers and how many mentees at once. */
export const mentors = sqliteTable('mentors', {
  participantId: integer('participant_id')
    .primaryKey()
    .references(() => participants.id, { onDelete: 'cascade' }),
  answers: text('answers').notNull(),
  capacity: integer('capacity').notNull(),
  registeredAt: text('registered_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  /**
   * Where the coordinators' screening stands: `new` until a coordinator approves, asks for a talk or
   * declines. Only an approved mentor is suggested or matched. Mentors of the bank from before
   * screening were approved by the migration that added this.
   */
  screening: text('screening', { enum: ['new', 'talk', 'approved', 'declined'] })
    .notNull()
    .default('new'),
  /** While the mentor pauses (capacity 0): the day the pause ends, or null until they resume themselves. */
  pausedUntil: text('paused_until'),
  /** While the mentor pauses: how many mentees they took before, offered again when they are ready. */
  capacityBeforePause: integer('capacity_before_pause'),
  /** The code of the company agreement the mentor registered under (`/start mentor ACME`), or null. */
  company: text('company'),
});

/**
 * An applicant who came while no application round was open and asked to be told when the next one
 * opens. `notifiedAt` is set when that one message was written, so it is sent once.
 */
export const roundInterests = sqliteTable(
  'round_interests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    programmeId: text('programme_id')
      .notNull()
      .references(() => programmes.id),
    leftAt: text('left_at').notNull(),
    notifiedAt: text('notified_at'),
  },
  (t) => [index('round_interests_waiting').on(t.programmeId, t.notifiedAt), uniqueIndex('round_interests_participant').on(t.participantId, t.programmeId)],
);

/**
 * A mentee and a mentor. `proposed` until both accept (each decision kept), then `active`; `declined`
 * when either says no. A pair can be paused and resumed, and it ends `completed` or `ended` with a
 * reason.
 */
export const pairs = sqliteTable(
  'pairs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: text('programme_id')
      .notNull()
      .references(() => programmes.id),
    menteeId: integer('mentee_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    mentorId: integer('mentor_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['proposed', 'declined', 'active', 'paused', 'completed', 'ended'] }).notNull(),
    menteeDecision: text('mentee_decision', { enum: ['accepted', 'declined'] }),
    mentorDecision: text('mentor_decision', { enum: ['accepted', 'declined'] }),
    declineReason: text('decline_reason'),
    endReason: text('end_reason'),
    proposedBy: integer('proposed_by').references(() => participants.id, { onDelete: 'set null' }),
    proposedAt: text('proposed_at').notNull(),
    activatedAt: text('activated_at'),
    /** When a paused pair last went on again; quiet time is counted from here, not from the pause. */
    resumedAt: text('resumed_at'),
    /** When a pair now paused was paused; the days it stays paused are added to its end date. */
    pausedAt: text('paused_at'),
    endsOn: text('ends_on'),
    endedAt: text('ended_at'),
    /**
     * The state a coordinator ended the pair from (`active` or `paused`), so that the end can be undone
     * for a day; null when the end date completed it, or once the end cannot be undone.
     */
    endedFrom: text('ended_from', { enum: ['active', 'paused'] }),
    /** What each side agreed at the start (how often they meet, how they keep in touch), as JSON. */
    kickoffMentee: text('kickoff_mentee'),
    kickoffMentor: text('kickoff_mentor'),
    /** When a coordinator ended the pair to find the mentee another mentor: the mentee is back in the queue. */
    rematchedAt: text('rematched_at'),
  },
  (t) => [index('pairs_mentee').on(t.menteeId), index('pairs_mentor').on(t.mentorId), index('pairs_status').on(t.status)],
);

/**
 * The quiet spell (counted from `nudgedFor`, a day) both members of a pair were last nudged about,
 * and when. Kept apart from `pairs` so the daily scan's marks touch a few pages of a small table,
 * not one page of the pairs table per quiet pair.
 */
export const pairNudges = sqliteTable('pair_nudges', {
  pairId: integer('pair_id')
    .primaryKey()
    .references(() => pairs.id, { onDelete: 'cascade' }),
  nudgedFor: text('nudged_for').notNull(),
  nudgedAt: text('nudged_at').notNull(),
});

/**
 * A mentee's goals: one end goal and a few steps towards it, each with a target month. They belong to
 * the mentee, not the pair, so a rematched mentee keeps them. A goal the mentor proposes waits as
 * `proposed` until the mentee accepts it.
 */
export const goals = sqliteTable(
  'goals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    menteeId: integer('mentee_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['end', 'step'] }).notNull(),
    goalType: text('goal_type'),
    text: text('text').notNull(),
    targetMonth: text('target_month'),
    status: text('status', { enum: ['proposed', 'active', 'done', 'dropped', 'declined'] }).notNull(),
    proposedBy: integer('proposed_by').references(() => participants.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('goals_mentee').on(t.menteeId)],
);

/** Every change of a goal, with its reason: goals change, and the why is worth keeping. */
export const goalChanges = sqliteTable('goal_changes', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  goalId: integer('goal_id')
    .notNull()
    .references(() => goals.id, { onDelete: 'cascade' }),
  byId: integer('by_id').references(() => participants.id, { onDelete: 'set null' }),
  change: text('change', { enum: ['created', 'proposed', 'accepted', 'declined', 'changed', 'done', 'dropped'] }).notNull(),
  before: text('before'),
  reason: text('reason'),
  at: text('at').notNull(),
});

/** A meeting a member of a pair logged with `/met`: when, how, and what they talked about. */
export const meetings = sqliteTable(
  'meetings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    loggedBy: integer('logged_by').references(() => participants.id, { onDelete: 'set null' }),
    /** The day they met, YYYY-MM-DD in the programme's time zone. */
    metOn: text('met_on').notNull(),
    mode: text('mode', { enum: ['inPerson', 'video', 'phone'] }).notNull(),
    topics: text('topics').notNull(),
    loggedAt: text('logged_at').notNull(),
  },
  (t) => [index('meetings_pair').on(t.pairId, t.metOn)],
);

/**
 * The first meeting of a pair as one member proposed it: a day, a time, and a place in the proposer's
 * own words (null: a video call). The other member agrees, or proposes another, which replaces it.
 */
export const firstMeetings = sqliteTable(
  'first_meetings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    proposedBy: integer('proposed_by')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    /** YYYY-MM-DD in the programme's time zone. */
    day: text('day').notNull(),
    /** A time offered ("17:00") or the proposer's words. */
    time: text('time').notNull(),
    place: text('place'),
    status: text('status', { enum: ['proposed', 'agreed', 'replaced'] }).notNull(),
    proposedAt: text('proposed_at').notNull(),
    agreedAt: text('agreed_at'),
  },
  (t) => [index('first_meetings_pair').on(t.pairId)],
);

/**
 * A member's answer to "Is this a good match for you?" some days into the pair: one per person and
 * pair, never shown to the other member.
 */
export const fitChecks = sqliteTable(
  'fit_checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    answer: text('answer', { enum: ['yes', 'unsure', 'no'] }).notNull(),
    /** The person's optional words about it, for the coordinators. */
    word: text('word'),
    answeredAt: text('answered_at').notNull(),
  },
  (t) => [uniqueIndex('fit_checks_pair_member').on(t.pairId, t.participantId)],
);

/**
 * One member's monthly check-in about their pair: round 1 is a cadence after the pair started, and so
 * on. The answers are that member's alone; the other member never sees them.
 */
export const checkins = sqliteTable(
  'checkins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    sentAt: text('sent_at').notNull(),
    remindedAt: text('reminded_at'),
    answeredAt: text('answered_at'),
    answers: text('answers'),
  },
  (t) => [uniqueIndex('checkins_pair_member_round').on(t.pairId, t.participantId, t.round), index('checkins_participant').on(t.participantId)],
);

/**
 * Something a coordinator should look at. `dedupeKey` names the occasion (this pair's quiet spell
 * since a given day, this check-in's low rating), so one occasion never raises two alerts; at most one
 * alert per pair (or person) and kind is open at a time.
 */
export const alerts = sqliteTable(
  'alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: text('programme_id')
      .notNull()
      .references(() => programmes.id),
    kind: text('kind').notNull(),
    priority: text('priority', { enum: ['high', 'normal', 'low'] }).notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    pairId: integer('pair_id').references(() => pairs.id, { onDelete: 'cascade' }),
    /** The person it is about: the member who asked or went quiet, or an applicant waiting. */
    participantId: integer('participant_id').references(() => participants.id, { onDelete: 'cascade' }),
    /** What made it: days, a rating, the person's note; JSON. */
    details: text('details').notNull(),
    status: text('status', { enum: ['open', 'snoozed', 'resolved'] }).notNull(),
    openedAt: text('opened_at').notNull(),
    snoozedUntil: text('snoozed_until'),
    resolvedAt: text('resolved_at'),
    resolvedBy: integer('resolved_by').references(() => participants.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('alerts_dedupe_key').on(t.dedupeKey), index('alerts_status').on(t.status, t.kind)],
);

/**
 * A survey a person was asked to answer: the end survey of a pair, a follow-up some months after, or
 * the well-being questions at intake. The invitation is the person's; the answers are kept apart.
 */
export const surveyInvitations = sqliteTable(
  'survey_invitations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    surveyId: text('survey_id').notNull(),
    /** `intake`, `end`, or `followup6` (months after the end). */
    timepoint: text('timepoint').notNull(),
    /** The pair it is about; 0 for surveys about no pair (intake). */
    pairId: integer('pair_id').notNull(),
    sentAt: text('sent_at').notNull(),
    remindedAt: text('reminded_at'),
    answeredAt: text('answered_at'),
  },
  (t) => [uniqueIndex('survey_invitations_once').on(t.participantId, t.surveyId, t.timepoint, t.pairId)],
);

/**
 * Survey answers. `respondentId` is the person's pseudonymous id, the same in every survey they answer,
 * so intake, end and follow-up can be linked without a name. `participantId` is set only when the
 * person chose to answer with their name; anonymous answers are shown only in totals of five or more.
 */
export const surveyResponses = sqliteTable(
  'survey_responses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: text('programme_id')
      .notNull()
      .references(() => programmes.id),
    respondentId: text('respondent_id').notNull(),
    participantId: integer('participant_id').references(() => participants.id, { onDelete: 'set null' }),
    surveyId: text('survey_id').notNull(),
    timepoint: text('timepoint').notNull(),
    role: text('role', { enum: ['mentee', 'mentor'] }).notNull(),
    answers: text('answers').notNull(),
    answeredAt: text('answered_at').notNull(),
  },
  (t) => [index('survey_responses_survey').on(t.surveyId, t.timepoint), index('survey_responses_respondent').on(t.respondentId)],
);

/**
 * Where a mentee stands at a time point, from their survey answers: in a job (and whether it uses
 * their education, is permanent, full-time, and how much the programme helped), an internship or work
 * placement, education, their own business, or none yet.
 */
export const outcomes = sqliteTable(
  'outcomes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: text('programme_id')
      .notNull()
      .references(() => programmes.id),
    respondentId: text('respondent_id').notNull(),
    timepoint: text('timepoint').notNull(),
    status: text('status', { enum: ['job', 'internship', 'education', 'business', 'none'] }).notNull(),
    jobUsesEducation: text('job_uses_education', { enum: ['yes', 'partly', 'no'] }),
    permanent: integer('permanent', { mode: 'boolean' }),
    fullTime: integer('full_time', { mode: 'boolean' }),
    /** How much the programme helped, 1–5. */
    contribution: integer('contribution'),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('outcomes_respondent_timepoint').on(t.respondentId, t.timepoint)],
);

/** Each run of the retention purge that erased someone: when, and how many people. */
export const purges = sqliteTable('purges', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  programmeId: text('programme_id')
    .notNull()
    .references(() => programmes.id),
  ranAt: text('ran_at').notNull(),
  erased: integer('erased').notNull(),
});

/**
 * Who looked at what: every coordinator view of a person's application or alert, and every report or
 * export. Never the content, only that it was seen, by whom and when.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: text('programme_id')
      .notNull()
      .references(() => programmes.id),
    /** The coordinator's participant id, or null for the operator (the command line). */
    actorId: integer('actor_id').references(() => participants.id, { onDelete: 'set null' }),
    action: text('action', {
      enum: [
        'viewApplication',
        'applicationSent',
        'viewAlert',
        'report',
        'exportReport',
        'findPerson',
        'viewPair',
        'listPairs',
        'suggestMentors',
        'threadSent',
        'viewThread',
        'viewGathering',
        'importPeople',
        'exportApplications',
        'exportMentors',
        'exportPairs',
        'viewJoinCode',
        'viewMentor',
      ],
    }).notNull(),
    /** The person seen, if one. */
    subjectId: integer('subject_id'),
    at: text('at').notNull(),
  },
  (t) => [index('audit_log_subject').on(t.subjectId)],
);

/**
 * A conversation between one participant and the coordinators, carried by Kompis: the participant
 * writes to the coordinators (`/contact`), a coordinator writes to them (an interview invitation, a
 * reply to an alert). The coordinators' own accounts are never shown; everything in it is the
 * participant's data and goes with them when they are erased.
 */
export const threads = sqliteTable(
  'threads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: text('programme_id')
      .notNull()
      .references(() => programmes.id),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    /**
     * What opened it: the participant's own message, an interview invitation, a coordinator's reply to
     * an alert; or `relay`, the participant writing to their pair partner (`pairId`), whose words are
     * only carried, never kept here.
     */
    kind: text('kind', { enum: ['contact', 'interview', 'coordinator', 'relay'] }).notNull(),
    /** The pair a relay belongs to; null for a thread with the coordinators. */
    pairId: integer('pair_id').references(() => pairs.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    /** The coordinator who took it; null while nobody has. */
    takenBy: integer('taken_by').references(() => participants.id, { onDelete: 'set null' }),
    openedAt: text('opened_at').notNull(),
    closedAt: text('closed_at'),
  },
  (t) => [index('threads_participant').on(t.participantId), index('threads_status').on(t.programmeId, t.status)],
);

/** One message in a thread, as it was written; `fromCoordinator` tells which side wrote it. */
export const threadMessages = sqliteTable(
  'thread_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    /** Who wrote it; null once that person is erased. */
    authorId: integer('author_id').references(() => participants.id, { onDelete: 'set null' }),
    fromCoordinator: integer('from_coordinator', { mode: 'boolean' }).notNull(),
    text: text('text').notNull(),
    sentAt: text('sent_at').notNull(),
  },
  (t) => [index('thread_messages_thread').on(t.threadId)],
);

/**
 * Whom a person's plain messages go to now: while a row is here, what they write (not a command)
 * goes into that thread, until they write `/done` or the thread closes.
 */
export const threadWriters = sqliteTable('thread_writers', {
  participantId: integer('participant_id')
    .primaryKey()
    .references(() => participants.id, { onDelete: 'cascade' }),
  threadId: integer('thread_id')
    .notNull()
    .references(() => threads.id, { onDelete: 'cascade' }),
  since: text('since').notNull(),
});

/**
 * A coordinator's message to a segment of the programme's people (`/broadcast`, the desk). A draft
 * until it is confirmed; then every recipient's message is queued at once, each with a key of its
 * own (`broadcast:<id>:<person>`), and the counts are kept for the report and the desk.
 */
export const broadcasts = sqliteTable(
  'broadcasts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: text('programme_id')
      .notNull()
      .references(() => programmes.id),
    /** The coordinator who wrote it; null once that person is erased. */
    createdBy: integer('created_by').references(() => participants.id, { onDelete: 'set null' }),
    /** The segment as `segmentText` writes it. */
    segment: text('segment').notNull(),
    /** The language whose text goes to everyone without a text in their own language. */
    language: text('language').notNull(),
    /** JSON: the text by language code, as the coordinator wrote it. */
    texts: text('texts').notNull(),
    status: text('status', { enum: ['draft', 'sent', 'cancelled'] }).notNull(),
    createdAt: text('created_at').notNull(),
    confirmedAt: text('confirmed_at'),
    /** At confirmation: how many got it queued, and how many were passed over and why. */
    recipients: integer('recipients'),
    skippedUnreachable: integer('skipped_unreachable'),
    skippedNoNews: integer('skipped_no_news'),
  },
  (t) => [index('broadcasts_programme').on(t.programmeId, t.status)],
);

/**
 * A gathering of the programme around the pairs: a network meeting, a mentor training, a start-up
 * meeting, a closing celebration. Title and description are per language (`{ "en": "…" }`), others
 * falling back to the first given; times are UTC. `code` is what people type at the gathering
 * (`/here CODE`) to say they came. `version` goes up with each change announced to those invited.
 */
export const gatherings = sqliteTable(
  'gatherings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: text('programme_id')
      .notNull()
      .references(() => programmes.id),
    kind: text('kind', { enum: ['network', 'training', 'startup', 'closing', 'other'] }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    /** An address or a video link, as the coordinator wrote it. */
    place: text('place').notNull(),
    /** The segment invited (as `segmentText` writes it), or `invite` for people invited by number. */
    audience: text('audience').notNull(),
    /** How many may come; null for no limit. Yes-answers beyond it wait on the waiting list. */
    capacity: integer('capacity'),
    /** Whether those invited see how many said yes (never who). */
    showCount: integer('show_count', { mode: 'boolean' }).notNull().default(false),
    code: text('code').notNull(),
    status: text('status', { enum: ['planned', 'cancelled'] }).notNull(),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by').references(() => participants.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('gatherings_programme_start').on(t.programmeId, t.startsAt)],
);

/**
 * One person's place in a gathering: invited (when), their answer (null until they answer; `waiting`
 * when they said yes to a full gathering) and whether they came. The person's own data: shown in
 * `/mydata`, erased with them, never shown to anyone else invited.
 */
export const gatheringInvites = sqliteTable(
  'gathering_invites',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    gatheringId: integer('gathering_id')
      .notNull()
      .references(() => gatherings.id, { onDelete: 'cascade' }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    /** Null for someone who was not invited but checked in with the code. */
    invitedAt: text('invited_at'),
    answer: text('answer', { enum: ['yes', 'no', 'maybe', 'waiting'] }),
    answeredAt: text('answered_at'),
    cameAt: text('came_at'),
    /** Who recorded that they came: the person with the code, or a coordinator. */
    cameBy: text('came_by', { enum: ['code', 'coordinator'] }),
  },
  (t) => [uniqueIndex('gathering_invites_person').on(t.gatheringId, t.participantId), index('gathering_invites_participant').on(t.participantId)],
);

/**
 * The personal code of someone a coordinator imported from the programme's spreadsheet: they have
 * no chat yet, and nobody writes to them until they start one with this code (`/start CODE`), which
 * links the chat to their record. The row goes once the code is used.
 */
export const joinCodes = sqliteTable(
  'join_codes',
  {
    participantId: integer('participant_id')
      .primaryKey()
      .references(() => participants.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('join_codes_code').on(t.code)],
);

/**
 * How a member of a pair lets the partner reach them: whether the partner may have the contact their
 * channel has (a phone number, a Telegram or Slack name), or only writes through Kompis. The contact
 * itself is not kept here: it is read from the channel when it is sent, once.
 */
export const pairIntroductions = sqliteTable(
  'pair_introductions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    shareContact: integer('share_contact', { mode: 'boolean' }).notNull(),
    answeredAt: text('answered_at').notNull(),
    /** When the person took the sharing back (`/privacy`); nothing is sent after that. */
    withdrawnAt: text('withdrawn_at'),
  },
  (t) => [uniqueIndex('pair_introductions_member').on(t.pairId, t.participantId)],
);

/**
 * A one-time sign-in link to the coordinator desk, sent in the chat (`/desk`). Only a hash of the
 * token is kept, so the table cannot be used to sign in; a link is used once and expires.
 */
export const deskLinks = sqliteTable('desk_links', {
  tokenHash: text('token_hash').primaryKey(),
  coordinatorId: integer('coordinator_id')
    .notNull()
    .references(() => participants.id, { onDelete: 'cascade' }),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
  usedAt: text('used_at'),
});

/**
 * A coordinator signed in to the desk. Kept here, not in the cookie, so that a coordinator who is
 * removed is signed out at once; only a hash of the cookie's value is kept. `csrf` is the token every
 * form of the session carries; `flash` is what the last action answered, shown once.
 */
export const deskSessions = sqliteTable(
  'desk_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    coordinatorId: integer('coordinator_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    csrf: text('csrf').notNull(),
    flash: text('flash'),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('desk_sessions_coordinator').on(t.coordinatorId)],
);
