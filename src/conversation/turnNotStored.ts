import type { Inbound } from '../text/messages';

/**
 * An event whose turn could not be written at all (not even an apology): nothing of it is kept, so a
 * platform's adapter answers with an error and the platform delivers the event again.
 */
export class TurnNotStored extends Error {
  readonly code = 'turn_not_stored';

  constructor(readonly inbound: Pick<Inbound, 'channel' | 'eventId'>) {
    super(`the turn for ${inbound.channel} event ${inbound.eventId} could not be stored`);
    this.name = 'TurnNotStored';
  }
}
