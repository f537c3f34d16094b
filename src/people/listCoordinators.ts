import { and, asc, eq } from 'drizzle-orm';
import type { Store } from '../../db/client';
import { channelIdentities, participants } from '../../db/schema';
import { oneLine } from '../text/oneLine';

/** The programme's coordinators, one line each for the operator: "#3 Kari  telegram:123456789". */
export function listCoordinators(store: Store, programmeId: string): string[] {
  const rows = store.db
    .select({ id: participants.id, name: participants.name, channel: channelIdentities.channel, externalUserId: channelIdentities.externalUserId })
    .from(participants)
    .leftJoin(channelIdentities, eq(channelIdentities.participantId, participants.id))
    .where(and(eq(participants.programmeId, programmeId), eq(participants.role, 'coordinator')))
    .orderBy(asc(participants.id), asc(channelIdentities.id))
    .all();
  if (rows.length === 0) return ['There are no coordinators. Add one: npm run kompis -- coordinator add CHANNEL:ID'];
  const byPerson = new Map<number, { who: string; identities: string[] }>();
  for (const row of rows) {
    const entry = byPerson.get(row.id) ?? { who: `#${row.id} ${oneLine(row.name ?? '') || '(no name yet)'}`, identities: [] };
    if (row.channel !== null && row.externalUserId !== null) entry.identities.push(`${row.channel}:${row.externalUserId}`);
    byPerson.set(row.id, entry);
  }
  return [...byPerson.values()].map((p) => `${p.who}  ${p.identities.join(', ') || '(no chat)'}`);
}
