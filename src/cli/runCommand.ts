import { StoreError } from '../../db/client';
import { UsageError } from './parseCli';
import { ConfigError } from '../settings/config';
import { ProgrammeError } from '../settings/programme';
import { LocaleError } from '../text/localeError';

/** A problem the operator can fix, said in one line (e.g. a simulation pointed at a database in use). */
export class OperatorError extends Error {}

/**
 * Runs a command-line entry point and sets the exit code. A failure the operator can fix is one line
 * per problem ("kompis: …") with exit 1; a mistake in the arguments also prints the usage and exits
 * with `usageExitCode`; anything else is "unexpected error", never a stack trace.
 */
export function runCommand(main: () => number | Promise<number>, usage: string, usageExitCode = 1): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (err: unknown) => {
        const mistake = err instanceof UsageError || isArgumentError(err);
        const lines =
          err instanceof ConfigError || err instanceof ProgrammeError
            ? err.problems
            : mistake || err instanceof StoreError || err instanceof OperatorError || err instanceof LocaleError
              ? [(err as Error).message]
              : [`unexpected error: ${err instanceof Error ? err.message : String(err)}`];
        process.stderr.write(`${lines.map((l) => `kompis: ${l}`).join('\n')}\n${mistake ? `${usage}\n` : ''}`);
        process.exitCode = mistake ? usageExitCode : 1;
      },
    );
}

/** What `node:util` parseArgs throws for an unknown option or a missing value. */
function isArgumentError(err: unknown): boolean {
  return err instanceof TypeError && String((err as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
}
