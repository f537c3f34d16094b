import { z } from 'zod';
import { personName } from '../src/text/personText';
import type { Param } from '../src/text/messages';

/** The partner a flow about a pair was started with: their name, tagged by their id (see `personName`). */
export const partnerGiven = {
  partner: z.string().default(''),
  /** Absent in a state stored before the id was given. */
  partnerId: z.number().optional(),
};

/** The partner's name to show; a state stored before the id was given has the name alone. */
export function givenPartner(given: { partner: string; partnerId?: number | undefined }): Param {
  return given.partnerId === undefined ? given.partner : personName({ id: given.partnerId, name: given.partner });
}
