import { type SQL, sql } from 'drizzle-orm';
import type { Programme } from '../settings/programme';
import { t } from '../text/messages';
import { type Cells, type Section, section } from './figures';
import { ofRound, roundPeople } from './reportScope';

/**
 * Mentors and pairs per company agreement (the programme's `companies`): mentors registered under
 * each by the end of the period, and pairs with such a mentor proposed in the period (declined
 * proposals left out). Shown only when the programme has companies; small cells follow the rule.
 */
export function companySections(db: { all<T>(query: SQL): T[] }, programme: Programme, records: Cells, period: { from?: string; to?: string; round?: string }): Section[] {
  if (programme.companies.length === 0) return [];
  const from = period.from ?? '0000-01-01';
  const to = `${period.to ?? '9999-12-31'}~`;
  const round = period.round;
  const mentorRows = db.all<{ company: string; n: number }>(
    sql`select m.company as company, count(*) as n from mentors m join participants mp on mp.id = m.participant_id
         where mp.programme_id = ${programme.id} and m.company is not null and m.registered_at <= ${to}
           and ${round === undefined ? sql`1` : sql`m.participant_id in ${roundPeople(round)}`} group by m.company`,
  );
  const pairRows = db.all<{ company: string; n: number }>(
    sql`select m.company as company, count(*) as n from pairs join mentors m on m.participant_id = pairs.mentor_id
         where pairs.programme_id = ${programme.id} and m.company is not null and pairs.status <> 'declined'
           and pairs.proposed_at >= ${from} and pairs.proposed_at <= ${to} and ${ofRound('pairs', round)} group by m.company`,
  );
  const count = (rows: { company: string; n: number }[], code: string) => rows.find((r) => r.company === code)?.n ?? 0;
  return [
    section(
      'companies',
      false,
      programme.companies.flatMap((c) => [
        records.count(`${c.code}.mentors`, t('report.item.companyMentors', { company: c.name }), count(mentorRows, c.code)),
        records.count(`${c.code}.pairs`, t('report.item.companyPairs', { company: c.name }), count(pairRows, c.code)),
      ]),
    ),
  ];
}
