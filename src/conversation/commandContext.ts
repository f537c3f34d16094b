import type { Tx } from '../../db/client';
import type { Answers, FlowContext } from '../../flows/types';
import type { OutMessage, Text } from '../text/messages';
import type { Notice } from '../people/people';
import type { Programme } from '../settings/programme';
import type { ErasedAddress } from '../privacy/afterErasure';

/** What a programme command works with: the open transaction, who asks, and the flow context. */
export interface CommandContext {
  tx: Tx;
  actorId: number;
  /** The channel the person wrote from (consent decisions record it). */
  channel: string;
  ctx: FlowContext<Programme>;
  /** The person is in the middle of a form: their plain messages answer its questions. */
  inForm?: boolean;
  /** Where the coordinator desk answers (`https://kompis.example.org`), when it is served. */
  deskUrl?: string;
}

export interface CommandResult {
  /** Replies to the person who gave the command. */
  messages: OutMessage[];
  /** Messages to others, sent in the same transaction. */
  notices: Notice[];
  /** A conversation the person is taken into next (e.g. the kickoff questions), on `answers` given before. */
  start?: { flowId: string; given: Answers; answers?: Answers };
  /** Whom the command erased, for what is done once the transaction is committed (see `afterErasure`). */
  erased?: ErasedAddress[];
}

export function reply(...lines: Text[]): CommandResult {
  return { messages: [{ lines }], notices: [] };
}

/**
 * A command's number argument (`/view 12`, `/view #12`), or undefined. Only plain digits: `Number()`
 * alone reads `0x10` as 16 and `1e3` as 1000, which would act on a person nobody named.
 */
export function idArg(arg: string | undefined): number | undefined {
  const digits = /^#?(\d{1,15})$/.exec(arg ?? '')?.[1];
  const id = Number(digits);
  return digits !== undefined && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
