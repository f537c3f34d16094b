import { z } from 'zod';

/** A setting the operator must fix; the message names the variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const envSchema = z.object({
  DATABASE_PATH: z.string().min(1).default('./data/kompis.db'),
  KOMPIS_PROGRAMME: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
});

export interface Config {
  databasePath: string;
  /** The programme settings file; the bundled demo programme when unset. */
  programmePath: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  outboxMaxAttempts: number;
}

/** Reads the environment. Throws `ConfigError` with one line per bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = envSchema.safeParse(blankAsUnset);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = result.data;
  return {
    databasePath: e.DATABASE_PATH,
    programmePath: e.KOMPIS_PROGRAMME,
    logLevel: e.LOG_LEVEL,
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
  };
}
