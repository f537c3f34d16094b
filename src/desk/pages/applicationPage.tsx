import { asc, eq } from 'drizzle-orm';
import { pairs } from '../../../db/schema';
import { idArg } from '../../conversation/commandContext';
import { latestApplicationOf, participant } from '../../people/people';
import { viewApplication } from '../../people/screening';
import { mentorSuggestions } from '../../pairs/proposals';
import { kickoffSection } from '../../pairs/kickoffSection';
import { localDay } from '../../text/calendar';
import { t } from '../../text/messages';
import { personLabel } from '../../text/personText';
import { ActionForm, Lines, Section } from '../deskParts';
import type { DeskPage } from '../deskView';

/** The decisions the desk offers on an application, each the chat command of the same name. */
export const APPLICATION_DECISIONS = ['invite', 'accept', 'waitlist', 'decline'] as const;

/**
 * One application: the answers and flags as the chat's `/view` shows them (and written in the audit
 * log the same way), its history, the suggested mentors with scores and reasons, and the decisions.
 */
export const applicationPage: DeskPage = {
  path: '/applications/:id',
  nav: 'applications',
  render: ({ c, tr, csrf, params }) => {
    const id = idArg(params.id);
    const application = id === undefined ? undefined : latestApplicationOf(c.tx, id);
    const person = id === undefined ? undefined : participant(c.tx, id);
    if (id === undefined || !application || !person) return undefined;
    const view = viewApplication(c, String(id)).messages[0];
    const found = mentorSuggestions(c, id);
    const zone = c.ctx.programme.timezone;
    const history = c.tx.select().from(pairs).where(eq(pairs.menteeId, id)).orderBy(asc(pairs.id)).all();
    const name = (pid: number) => personLabel(participant(c.tx, pid) ?? { id: pid, name: null });
    return {
      title: personLabel(person),
      body: (
        <div class="columns">
          <div>
            <Section title={tr(t('desk.application.answers'))} empty={tr(t('desk.none'))}>
              {view ? <Lines lines={view.lines.map(tr)} /> : null}
            </Section>
            <Section title={tr(t('desk.application.decide'))} empty="">
              <div class="actions">
                {APPLICATION_DECISIONS.map((decision) => (
                  <ActionForm action={`/desk/applications/${id}/${decision}`} csrf={csrf} label={tr(t(`coordinator.action.${decision}`))} />
                ))}
              </div>
            </Section>
            <Section title={tr(t('desk.application.history'))} empty={tr(t('desk.none'))}>
              <ul>
                <li>{tr(t('desk.application.sent', { date: localDay(new Date(application.submittedAt), zone) }))}</li>
                <li>{tr(t('desk.application.now', { date: localDay(new Date(application.updatedAt), zone), status: t(`coordinator.status.${application.status}`) }))}</li>
                {history.map((p) => (
                  <li>
                    <a href={`/desk/pairs/${p.id}`}>
                      {tr(t('coordinator.pairs.line', { pair: p.id, mentee: name(p.menteeId), mentor: name(p.mentorId), status: t(`coordinator.pairStatus.${p.status}`) }))}
                    </a>
                    <Lines lines={kickoffSection(c.tx, p).map(tr)} />
                  </li>
                ))}
              </ul>
            </Section>
          </div>
          <Section title={tr(t('desk.application.suggestions'))} empty={tr(t('matching.none', { who: personLabel(person) }))}>
            {found && found.suggestions.length > 0 ? (
              <ol class="suggestions">
                {found.suggestions.map((s) => (
                  <li>
                    <h3>{tr(personLabel({ id: s.mentorId, name: s.name }))}</h3>
                    <p>
                      <strong>{tr(t('desk.application.score', { score: s.score }))}</strong>
                    </p>
                    <ul>
                      {s.reasons.map((r) => (
                        <li>{tr(r)}</li>
                      ))}
                    </ul>
                    <ActionForm
                      action={`/desk/applications/${id}/propose`}
                      csrf={csrf}
                      kind="primary"
                      label={tr(t('matching.propose', { who: personLabel({ id: s.mentorId, name: s.name }) }))}
                    >
                      <input type="hidden" name="mentor" value={String(s.mentorId)} />
                    </ActionForm>
                  </li>
                ))}
              </ol>
            ) : null}
          </Section>
        </div>
      ),
    };
  },
};
