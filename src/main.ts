import { ConsoleAdapter } from '../adapters/console/consoleAdapter';
import { StoreError } from '../db/client';
import { createApp } from './app';
import { parseCli, USAGE, UsageError } from './cli';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { DEMO_PROGRAMME_PATH, loadProgramme, ProgrammeError } from './programme';

/**
 * Starts Kompis. With no chat credentials set, the console channel is used: an interactive chat in
 * a terminal, or one message per line when input is piped in (the process exits 0 at its end).
 * Returns the exit code.
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const args = parseCli(argv);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig(env);
  const programme = loadProgramme(config.programmePath ?? DEMO_PROGRAMME_PATH);
  const terminal = new ConsoleAdapter({ as: args.as });
  // The console shares the terminal with the log: keep it to what the operator must see.
  const logger = createLogger(config.logLevel === 'debug' ? 'debug' : 'warn');
  const app = createApp({
    databasePath: config.databasePath,
    programme,
    adapters: [terminal],
    clock: systemClock,
    logger,
    outboxMaxAttempts: config.outboxMaxAttempts,
  });
  await app.start();
  await terminal.finished;
  await app.stop();
  return 0;
}

/** The errors an operator can fix: their lines are printed as they are, without a stack trace. */
function operatorLines(err: unknown): string[] | undefined {
  if (err instanceof ConfigError || err instanceof ProgrammeError) return err.problems;
  if (err instanceof StoreError) return [err.message];
  if (err instanceof UsageError) return [err.message, USAGE];
  return undefined;
}

main(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const lines = operatorLines(err) ?? [
      `unexpected error: ${err instanceof Error ? err.message : String(err)}`,
    ];
    process.stderr.write(`${lines.map((l) => `kompis: ${l}`).join('\n')}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
