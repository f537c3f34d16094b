import { and, desc, eq } from 'drizzle-orm';
import { orderWithLimit, type Tx } from '../../db/client';
import { applications, consents, mentors } from '../../db/schema';
import { type MainConsent, OPTIONAL_CONSENTS, type OptionalConsent } from '../../flows/consentKinds';
import type { Programme } from '../settings/programme';
import type { Role } from '../conversation/turn';

export type ConsentRow = typeof consents.$inferSelect;

/** Adds a decision to the person's consent history; earlier decisions are kept. */
export function recordConsent(tx: Tx, decision: Omit<ConsentRow, 'id' | 'decidedAt'>, now: Date): void {
  tx.insert(consents)
    .values({ ...decision, decidedAt: now.toISOString() })
    .run();
}

/** The person's latest decision of each kind. */
export function latestConsents(tx: Tx, participantId: number): Map<string, ConsentRow> {
  const latest = new Map<string, ConsentRow>();
  for (const row of tx.select().from(consents).where(eq(consents.participantId, participantId)).orderBy(desc(consents.id)).all()) {
    if (!latest.has(row.kind)) latest.set(row.kind, row);
  }
  return latest;
}

/** Whether the person's latest decision of this kind is yes. */
export function hasConsent(tx: Tx, participantId: number, kind: string): boolean {
  const row = tx
    .select({ decision: consents.decision })
    .from(consents)
    .where(and(eq(consents.participantId, participantId), eq(consents.kind, kind)))
    .orderBy(orderWithLimit(1, desc(consents.id)))
    .get();
  return row?.decision === 'granted';
}

/**
 * The main consent a person has to give again before anything else: they agreed to an earlier version
 * of the text for their role (or refused the current one after agreeing to an earlier one), or a
 * coordinator imported them from the programme's spreadsheet and they have not agreed yet. Someone
 * else who never agreed is not asked here (they start from the beginning), nor is a coordinator.
 */
export function consentToRenew(tx: Tx, participantId: number, role: Role, programme: Programme): MainConsent | undefined {
  if (role === 'coordinator') return undefined;
  const kind: MainConsent = role === 'mentor' ? 'mentor' : 'intake';
  const rows = tx
    .select()
    .from(consents)
    .where(and(eq(consents.participantId, participantId), eq(consents.kind, kind)))
    .orderBy(desc(consents.id))
    .all();
  const latest = rows[0];
  if (!latest || !rows.some((r) => r.decision === 'granted')) return neverAgreed(tx, participantId) ? kind : undefined;
  return latest.version === programme.consent.version && latest.decision === 'granted' ? undefined : kind;
}

/** The optional consents that mean something for this person: the follow-ups and the partner are about mentees. */
export function optionalConsentsFor(programme: Programme, role: Role): OptionalConsent[] {
  if (role !== 'applicant' && role !== 'mentee') return [];
  return OPTIONAL_CONSENTS.filter((kind) =>
    kind === 'partner' ? programme.consent.partner !== null : programme.surveys.followUpMonths.length > 0 && programme.surveyDefinitions[programme.surveys.followUp] !== undefined,
  );
}

/**
 * Kompis keeps a person's application or registration without their ever having agreed: a
 * coordinator imported them from the programme's spreadsheet. Nothing goes on until they agree.
 */
export function neverAgreed(tx: Tx, participantId: number): boolean {
  const granted = tx
    .select({ id: consents.id })
    .from(consents)
    .where(and(eq(consents.participantId, participantId), eq(consents.decision, 'granted')))
    .get();
  if (granted) return false;
  const applied = tx.select({ id: applications.id }).from(applications).where(eq(applications.participantId, participantId)).get();
  const registered = tx.select({ id: mentors.participantId }).from(mentors).where(eq(mentors.participantId, participantId)).get();
  return applied !== undefined || registered !== undefined;
}
