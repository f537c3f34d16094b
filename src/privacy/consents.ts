import { and, desc, eq, sql } from 'drizzle-orm';
import { type Db, orderWithLimit, placeholders, prepared, type Tx } from '../../db/client';
import { applications, consents, mentors } from '../../db/schema';
import { type MainConsent, OPTIONAL_CONSENTS, type OptionalConsent } from '../../flows/consentKinds';
import type { Programme } from '../settings/programme';
import type { Role } from '../conversation/turn';

export type ConsentRow = typeof consents.$inferSelect;

/** Adds a decision to the person's consent history; earlier decisions are kept. */
export function recordConsent(tx: Tx, decision: Omit<ConsentRow, 'id' | 'decidedAt'>, now: Date): void {
  prepared(tx, insertConsent).run({ ...decision, decidedAt: now.toISOString() });
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
  const rows = prepared(tx, selectConsentsOfKind).all({ participantId, kind });
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
  const id = { participantId };
  if (prepared(tx, selectGranted).get(id)) return false;
  return prepared(tx, selectApplied).get(id) !== undefined || prepared(tx, selectRegistered).get(id) !== undefined;
}

function insertConsent(db: Db | Tx) {
  return db
    .insert(consents)
    .values(placeholders('participantId', 'kind', 'version', 'language', 'decision', 'channel', 'decidedAt'))
    .prepare();
}

/** A person's decisions of one kind, the latest first. */
function selectConsentsOfKind(db: Db | Tx) {
  return db
    .select()
    .from(consents)
    .where(and(eq(consents.participantId, sql.placeholder('participantId')), eq(consents.kind, sql.placeholder('kind'))))
    .orderBy(desc(consents.id))
    .prepare();
}

function selectGranted(db: Db | Tx) {
  return db
    .select({ id: consents.id })
    .from(consents)
    .where(and(eq(consents.participantId, sql.placeholder('participantId')), eq(consents.decision, 'granted')))
    .prepare();
}

function selectApplied(db: Db | Tx) {
  return db
    .select({ id: applications.id })
    .from(applications)
    .where(eq(applications.participantId, sql.placeholder('participantId')))
    .prepare();
}

function selectRegistered(db: Db | Tx) {
  return db
    .select({ id: mentors.participantId })
    .from(mentors)
    .where(eq(mentors.participantId, sql.placeholder('participantId')))
    .prepare();
}
