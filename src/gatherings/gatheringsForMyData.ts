import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client';
import { gatheringInvites, gatherings } from '../../db/schema';
import { parseJson } from '../runtime/parseJson';

/** The gatherings a person was invited to or came to, with their answer: theirs, and nobody else's. */
export function gatheringsForMyData(tx: Tx, participantId: number) {
  return tx
    .select({
      title: gatherings.title,
      kind: gatherings.kind,
      startsAt: gatherings.startsAt,
      endsAt: gatherings.endsAt,
      place: gatherings.place,
      status: gatherings.status,
      invitedAt: gatheringInvites.invitedAt,
      yourAnswer: gatheringInvites.answer,
      answeredAt: gatheringInvites.answeredAt,
      cameAt: gatheringInvites.cameAt,
      cameRecordedBy: gatheringInvites.cameBy,
    })
    .from(gatheringInvites)
    .innerJoin(gatherings, eq(gatherings.id, gatheringInvites.gatheringId))
    .where(eq(gatheringInvites.participantId, participantId))
    .orderBy(asc(gatherings.startsAt))
    .all()
    .map((g) => ({ ...g, title: parseJson(g.title, z.record(z.string(), z.string())) ?? {} }));
}
