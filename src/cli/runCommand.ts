import { type ErrorCode, KompisError } from '../runtime/errors';

/** How the command line shows each kind of error: its lines, its lines and the usage, or neither. */
const SHOWN_AS: Record<ErrorCode, 'lines' | 'linesAndUsage' | 'unexpected'> = {
  CONFIG_INVALID: 'lines',
  PROGRAMME_INVALID: 'lines',
  LOCALE_MISSING: 'lines',
  OPERATOR: 'lines',
  STORE_UNAVAILABLE: 'lines',
  USAGE: 'linesAndUsage',
  NO_ANSWER: 'unexpected',
  TURN_NOT_STORED: 'unexpected',
};

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
        const shown = err instanceof KompisError ? SHOWN_AS[err.code] : isArgumentError(err) ? 'linesAndUsage' : 'unexpected';
        const lines =
          shown === 'unexpected'
            ? [`unexpected error: ${err instanceof Error ? err.message : String(err)}`]
            : err instanceof KompisError
              ? err.problems
              : [String(err instanceof Error ? err.message : err)];
        const withUsage = shown === 'linesAndUsage';
        process.stderr.write(`${lines.map((l) => `kompis: ${l}`).join('\n')}\n${withUsage ? `${usage}\n` : ''}`);
        process.exitCode = withUsage ? usageExitCode : 1;
      },
    );
}

/** What `node:util` parseArgs throws for an unknown option or a missing value. */
function isArgumentError(err: unknown): boolean {
  return err instanceof TypeError && String((err as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
}
