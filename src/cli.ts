import { parseArgs } from 'node:util';

export class UsageError extends Error {
  readonly code = 'USAGE';
}

export interface CliArgs {
  /** The console user's name. */
  as: string;
  help: boolean;
}

export const USAGE = `Usage: npm start -- [--as NAME]

  --as NAME   chat in the console as NAME (default "you"); each name is a different person
  --help      show this help

Settings are read from the environment; see the README.`;

export function parseCli(argv: string[]): CliArgs {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { as: { type: 'string', default: 'you' }, help: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    });
    const as = values.as.trim();
    if (as === '') throw new UsageError('--as needs a name, for example --as amina');
    return { as, help: values.help };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}
