/**
 * Kompis's errors: one small class per kind, each with a `code` to branch on and the `problems` to
 * show an operator, one line each, every line naming what to fix. Code that decides what to do
 * about an error switches on `code`; `src/cli/runCommand.ts` turns each code into what the operator
 * reads. Never show these to a chat user: they get a kind message in their language instead.
 */
export type ErrorCode = 'CONFIG_INVALID' | 'PROGRAMME_INVALID' | 'LOCALE_MISSING' | 'USAGE' | 'OPERATOR' | 'STORE_UNAVAILABLE' | 'NO_ANSWER' | 'TURN_NOT_STORED';

export abstract class KompisError extends Error {
  abstract readonly code: ErrorCode;
  readonly problems: string[];
  constructor(problems: string | string[], options?: ErrorOptions) {
    const lines = typeof problems === 'string' ? [problems] : problems;
    super(lines.join('\n'), options);
    this.problems = lines;
  }
}

/** An environment variable is wrong or missing; each line names it. */
export class ConfigError extends KompisError {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
}

/** The programme settings file (or a survey file it names) is wrong; each line names the field. */
export class ProgrammeError extends KompisError {
  override readonly name = 'ProgrammeError';
  readonly code = 'PROGRAMME_INVALID';
}

/** A language file Kompis needs is missing or broken: the installation is incomplete. */
export class LocaleError extends KompisError {
  override readonly name = 'LocaleError';
  readonly code = 'LOCALE_MISSING';
}

/** A mistake in the command-line arguments; the usage is printed after it. */
export class UsageError extends KompisError {
  override readonly name = 'UsageError';
  readonly code = 'USAGE';
}

/** Something else the operator can fix, said in one line (e.g. a simulation pointed at a database in use). */
export class OperatorError extends KompisError {
  override readonly name = 'OperatorError';
  readonly code = 'OPERATOR';
}

/** The database file cannot be opened or migrated; names the setting an operator can change. */
export class StoreError extends KompisError {
  override readonly name = 'StoreError';
  readonly code = 'STORE_UNAVAILABLE';
  constructor(path: string, cause: unknown) {
    super(`DATABASE_PATH: cannot open the database at ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** A platform call got no answer in time; the message is tried again later. */
export class NoAnswerError extends KompisError {
  override readonly name = 'NoAnswerError';
  readonly code = 'NO_ANSWER';
}

/**
 * An event whose turn could not be written at all (not even an apology): nothing of it is kept, so a
 * platform's adapter answers with an error and the platform delivers the event again.
 */
export class TurnNotStored extends KompisError {
  override readonly name = 'TurnNotStored';
  readonly code = 'TURN_NOT_STORED';
  constructor(readonly inbound: { channel: string; eventId: string }) {
    super(`the turn for ${inbound.channel} event ${inbound.eventId} could not be stored`);
  }
}

/** Makes a `switch` over a union fail to compile when a case is missing. */
export function assertNever(value: never, what: string): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
