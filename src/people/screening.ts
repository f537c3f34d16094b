import { personLabel } from '../text/personText';
import { button } from '../conversation/actions';
import { audit } from '../privacy/audit';
import { hasConsent } from '../privacy/consents';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { intakeFlow } from '../../flows/intake/intakeFlow';
import { applications, participants } from '../../db/schema';
import { type CommandContext, type CommandResult, idArg, reply } from '../conversation/commandContext';
import type { OutMessage, Text } from '../text/messages';
import { t } from '../text/messages';
import { type ApplicationStatus, coordinatorsOf, latestApplicationOf, type Notice, participant } from './people';
import { openPairOf, openStatesSql } from '../pairs/pairs';
import { listPage, pageArg, pageLine } from '../conversation/listPage';
import { parseAnswers } from './storedAnswers';
import { answerLines } from './answerLines';

/** The coordinator's view of one application: who, status, flags, the answers, and what can be done. */
export function applicationView(c: CommandContext, participantId: number, intro?: Text): OutMessage | undefined {
  const person = participant(c.tx, participantId);
  const application = latestApplicationOf(c.tx, participantId);
  if (!person || !application) return undefined;
  const who = personLabel(person);
  const flags = parseFlags(application.flags);
  return {
    lines: [
      ...(intro ? [intro] : []),
      t('coordinator.view.title', { who, status: t(`coordinator.status.${application.status}`) }),
      flags.length > 0 ? t('coordinator.flags', { flags: flags.map((f) => t(`coordinator.flag.${f}`)) }) : t('coordinator.noFlags'),
      ...answerLines(intakeFlow, parseAnswers(application.answers), c.ctx),
      ...partnerLine(c, participantId),
    ],
    choices: [
      button({ name: 'invite', applicant: participantId }, t('coordinator.action.invite')),
      button({ name: 'accept', applicant: participantId }, t('coordinator.action.accept')),
      button({ name: 'waitlist', applicant: participantId }, t('coordinator.action.waitlist')),
      button({ name: 'decline', applicant: participantId }, t('coordinator.action.decline')),
      button({ name: 'suggest', applicant: participantId }, t('coordinator.action.suggest')),
    ],
    about: [participantId],
  };
}

/** Whether the programme may tell its partner (e.g. the job centre) how this person is doing. */
function partnerLine(c: CommandContext, participantId: number): Text[] {
  const { partner } = c.ctx.programme.consent;
  if (!partner) return [];
  return [t(hasConsent(c.tx, participantId, 'partner') ? 'coordinator.partner.allowed' : 'coordinator.partner.notAllowed', { partner })];
}

/** A new application, for each coordinator once (its dedupe key is the submitting event's), written in the audit log. */
export function newApplicationNotices(c: CommandContext, participantId: number): Notice[] {
  const message = applicationView(c, participantId, t('coordinator.newApplication'));
  if (!message) return [];
  return coordinatorsOf(c.tx, c.ctx.programme.id).map((id) => {
    audit(c.tx, { programmeId: c.ctx.programme.id, actorId: id, action: 'applicationSent', subjectId: participantId, at: c.ctx.now });
    return { participantId: id, message };
  });
}

/**
 * `/applications` (`/applications 2` for the next page): the applications that wait for a
 * coordinator — new, invited, on the waiting list, or accepted and still without a first mentor —
 * the latest change first. Accepted people who have or had a pair are the pairs' business.
 */
export function listApplications(c: CommandContext, pageArgument?: string): CommandResult {
  const rows = c.tx
    .select({ id: participants.id, name: participants.name, status: applications.status })
    .from(applications)
    .innerJoin(participants, eq(participants.id, applications.participantId))
    .where(
      and(
        eq(applications.programmeId, c.ctx.programme.id),
        inArray(applications.status, ['submitted', 'interview', 'waitlisted', 'accepted']),
        // Names the outer table itself: drizzle leaves a single table's columns unqualified.
        sql`not exists (select 1 from pairs p where p.mentee_id = applications.participant_id
              and ((p.activated_at is not null and p.rematched_at is null) or p.status in (${openStatesSql()})))`,
      ),
    )
    .orderBy(desc(applications.updatedAt), desc(applications.id))
    .all();
  if (rows.length === 0) return reply(t('coordinator.queue.empty'));
  const shown = listPage(rows, pageArg(pageArgument));
  const status = (r: (typeof rows)[number]) => t(r.status === 'accepted' ? 'coordinator.queue.needsMentor' : `coordinator.status.${r.status}`);
  return {
    messages: [
      {
        lines: [
          t('coordinator.queue.title', { count: rows.length }),
          ...shown.items.map((r) => t('coordinator.queue.line', { who: personLabel(r), status: status(r) })),
          ...pageLine(shown, '/applications'),
        ],
        choices: shown.items.map((r) => ({ ...button({ name: 'view', applicant: r.id }, t('coordinator.action.view', { who: personLabel(r) })), number: r.id })),
      },
    ],
    notices: [],
  };
}

export function viewApplication(c: CommandContext, arg: string | undefined): CommandResult {
  const id = idArg(arg);
  const view = id === undefined ? undefined : applicationView(c, id);
  if (!view || id === undefined) return reply(t('coordinator.notFound', { id: arg ?? '' }));
  audit(c.tx, { programmeId: c.ctx.programme.id, actorId: c.actorId, action: 'viewApplication', subjectId: id, at: c.ctx.now });
  return { messages: [view], notices: [] };
}

const APPLICANT_MESSAGE: Record<Exclude<ApplicationStatus, 'submitted' | 'withdrawn'>, string> = {
  interview: 'applicant.interview',
  accepted: 'applicant.accepted',
  waitlisted: 'applicant.waitlisted',
  declined: 'applicant.declined',
};

/**
 * What follows the news: the programme's own booking text with an interview, its referral text with a
 * decline (in the applicant's language, else the programme's), or a kind general sentence.
 */
function applicantDetails(c: CommandContext, status: ApplicationStatus, language: string | null): Text[] {
  const { screening, defaultLanguage, contact } = c.ctx.programme;
  const texts = status === 'interview' ? screening.interviewText : status === 'declined' ? screening.referralText : {};
  const own = texts[language ?? defaultLanguage] ?? texts[defaultLanguage];
  if (own) return [t('common.raw', { text: own })];
  if (status === 'interview') return [t('applicant.bookingDefault', { contact })];
  if (status === 'declined') return [t('applicant.referralDefault', { contact })];
  return [];
}

/** `/invite`, `/accept`, `/waitlist`, `/decline`: a new status, and the applicant hears it at once. */
export function decide(c: CommandContext, status: keyof typeof APPLICANT_MESSAGE, arg: string | undefined): CommandResult {
  const id = idArg(arg);
  const application = id === undefined ? undefined : latestApplicationOf(c.tx, id);
  const person = id === undefined ? undefined : participant(c.tx, id);
  if (!application || !person) return reply(t('coordinator.notFound', { id: arg ?? '' }));
  if (openPairOf(c.tx, person.id)) return reply(t('coordinator.alreadyPaired', { who: personLabel(person) }));
  c.tx.update(applications).set({ status, updatedAt: c.ctx.now.toISOString() }).where(eq(applications.id, application.id)).run();
  return {
    messages: [
      {
        lines: [t('coordinator.decided', { who: personLabel(person), status: t(`coordinator.status.${status}`) })],
        choices: status === 'declined' ? [] : [button({ name: 'suggest', applicant: person.id }, t('coordinator.action.suggest'))],
      },
    ],
    notices: [
      {
        participantId: person.id,
        message: { lines: [t(APPLICANT_MESSAGE[status]), ...applicantDetails(c, status, person.language)] },
      },
    ],
  };
}

function parseFlags(json: string): string[] {
  const flags: unknown = JSON.parse(json);
  return Array.isArray(flags) ? flags.filter((f): f is string => typeof f === 'string') : [];
}
