import { button } from '../conversation/actions';
import { localDay } from '../text/calendar';
import type { CommandContext, CommandResult } from '../conversation/commandContext';
import { hasConsent, latestConsents, optionalConsentsFor, recordConsent } from './consents';
import type { Choice, Text } from '../text/messages';
import { known, t } from '../text/messages';
import { participant } from '../people/people';
import { eq } from 'drizzle-orm';
import { participants } from '../../db/schema';

/** The word for programme news in `/privacy news yes|no`. */
const NEWS = 'news';
import { sharedContacts, withdrawContact } from '../pairs/introduction';

/**
 * `/privacy`: what the person agreed to and when, each optional consent with a button that withdraws
 * it (or gives it again), whether they get programme news, and the ways to see, change or delete their
 * data. `/privacy followUp no` withdraws at once; the history keeps every decision. `/privacy news no`
 * turns programme news (broadcasts) off: a wish, not a consent, so it is no row in the history.
 */
export function privacyCommand(c: CommandContext, [kindArg, answer, third]: string[]): CommandResult {
  // `/privacy contact P no`: the partner of pair P no longer gets the person's contact from Kompis.
  if (kindArg?.toLowerCase() === 'contact' && third?.toLowerCase() === 'no') return withdrawContact(c, answer);
  const { programme } = c.ctx;
  const person = participant(c.tx, c.actorId);
  const kinds = optionalConsentsFor(programme, person?.role ?? 'applicant');
  const params = { partner: known(programme.consent.partner ?? '') };
  const lines: Text[] = [];
  const kind = kinds.find((k) => k.toLowerCase() === kindArg?.toLowerCase());
  const wanted = answer?.toLowerCase();
  const news = person !== undefined && person.role !== 'coordinator';
  if (news && kindArg?.toLowerCase() === NEWS && (wanted === 'yes' || wanted === 'no')) {
    c.tx
      .update(participants)
      .set({ newsOff: wanted === 'no' })
      .where(eq(participants.id, c.actorId))
      .run();
    lines.push(t(wanted === 'yes' ? 'privacy.changedYes' : 'privacy.changedNo'));
  }
  if (kind && (wanted === 'yes' || wanted === 'no')) {
    const granted = wanted === 'yes';
    if (hasConsent(c.tx, c.actorId, kind) !== granted) {
      const decision = granted ? 'granted' : 'withdrawn';
      recordConsent(c.tx, { participantId: c.actorId, kind, version: programme.consent.version, language: c.ctx.language, decision, channel: c.channel }, c.ctx.now);
    }
    lines.push(t(granted ? 'privacy.changedYes' : 'privacy.changedNo'));
  }

  const latest = latestConsents(c.tx, c.actorId);
  const main = [latest.get('intake'), latest.get('mentor')].find((row) => row?.decision === 'granted');
  lines.push(main ? t('privacy.mainGiven', { date: localDay(new Date(main.decidedAt), programme.timezone), version: main.version }) : t('privacy.noMain'));
  const choices: Choice[] = [];
  for (const k of kinds) {
    const on = latest.get(k)?.decision === 'granted';
    lines.push(t(`privacy.${k}.${on ? 'on' : 'off'}`, params));
    choices.push(button({ name: 'privacy', consent: k, answer: on ? 'no' : 'yes' }, t(`privacy.${k}.${on ? 'stop' : 'allow'}`, params)));
  }
  if (news) {
    const on = participant(c.tx, c.actorId)?.newsOff !== true;
    lines.push(t(`privacy.news.${on ? 'on' : 'off'}`));
    choices.push(button({ name: 'privacy', consent: NEWS, answer: on ? 'no' : 'yes' }, t(`privacy.news.${on ? 'stop' : 'allow'}`)));
  }
  const shared = sharedContacts(c);
  lines.push(...shared.lines);
  choices.push(...shared.choices);
  lines.push(t('privacy.rights', { contact: known(programme.contact) }));
  choices.push(button({ name: 'mydata' }, t('privacy.seeData')), button({ name: 'profile' }, t('privacy.changeProfile')), button({ name: 'delete' }, t('privacy.deleteData')));
  return { messages: [{ lines, choices }], notices: [] };
}
