import { personName } from '../src/text/personText';
import type { Param } from '../src/text/messages';
import type { Answers } from './types';

/**
 * The partner's name a flow was started with (`given.partner`, tagged by `given.partnerId`). A state
 * stored before the id was given has the name alone.
 */
export function givenPartner(given: Answers): Param {
  const name = String(given.partner ?? '');
  return typeof given.partnerId === 'number' ? personName({ id: given.partnerId, name }) : name;
}
