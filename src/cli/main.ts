import { dirname, join } from 'node:path';
import { ConsoleAdapter } from '../../adapters/console/consoleAdapter';
import { CHANNELS } from '../../adapters/channels';
import { openStore } from '../../db/client';
import { backupDatabase, restoreDatabase } from '../../db/backup';
import { doctor } from './doctor';
import { loadReplyTemplates, templatesToSubmit } from '../../adapters/whatsapp-cloud/replyTemplates';
import { addCoordinator } from '../people/addCoordinator';
import { listCoordinators } from '../people/listCoordinators';
import { removeCoordinator } from '../people/removeCoordinator';
import { hasPublishedInviteCode } from '../settings/publishedInviteCode';
import { auditLines } from '../privacy/audit';
import { createApp, saveProgramme } from './app';
import { UsageError } from '../runtime/errors';
import { parseCli, USAGE } from './parseCli';
import { runCommand } from './runCommand';
import { exportCommand, importCommand, joinCodeLines } from './spreadsheetCommands';
import { systemClock } from '../runtime/clock';
import { type Config, loadConfig } from '../settings/config';
import { createTranslator, LOCALES_DIR, type Translator } from '../text/i18n';
import { matchLocale } from '../text/languages';
import { createJsonLogger, createLogger, type Logger } from '../runtime/logger';
import type { ChannelAdapter } from '../channels/channel';
import { DEMO_PROGRAMME_PATH, loadProgramme, type Programme } from '../settings/programme';
import { ProgrammeError } from '../runtime/errors';

/**
 * Starts Kompis on every channel whose credentials are set. With none, the console channel is used:
 * an interactive chat in a terminal, or one message per line when input is piped in (the process
 * exits 0 at its end). Returns the exit code.
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const args = parseCli(argv);
  if (args.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.command === 'whatsapp-templates') {
    process.stdout.write(`${templatesToSubmit(loadReplyTemplates())}\n`);
    return 0;
  }
  if (args.command === 'doctor') {
    const findings = await doctor(env);
    process.stdout.write(`${findings.map((f) => `${f.ok ? 'ok  ' : 'FAIL'} ${f.what}: ${f.line}`).join('\n')}\n`);
    return findings.every((f) => f.ok) ? 0 : 1;
  }
  const config = loadConfig(env);
  if (args.command === 'backup') {
    const bytes = await backupDatabase(config.databasePath, args.file);
    process.stdout.write(`Backup written to ${args.file}: ${(bytes / 1024 / 1024).toFixed(1)} MB, integrity_check ok.\n`);
    return 0;
  }
  if (args.command === 'restore') {
    const { replaced } = restoreDatabase(args.file, config.databasePath);
    process.stdout.write(`Restored ${args.file} to ${config.databasePath}.${replaced ? ` The database it replaced is kept as ${replaced}.` : ''} Start Kompis again.\n`);
    return 0;
  }
  const programme = loadProgramme(config.programmePath ?? DEMO_PROGRAMME_PATH);
  if (args.command === 'coordinator-add' || args.command === 'coordinator-remove' || args.command === 'coordinator-list') {
    const store = openStore(config.databasePath);
    try {
      saveProgramme(store, programme, systemClock.now());
      const lines =
        args.command === 'coordinator-list'
          ? listCoordinators(store, programme.id)
          : [args.command === 'coordinator-add' ? addCoordinator(store, programme, args, systemClock.now()) : removeCoordinator(store, args)];
      process.stdout.write(`${lines.join('\n')}\n`);
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    } finally {
      store.close();
    }
    return 0;
  }
  if (args.command === 'import' || args.command === 'import-codes' || args.command === 'export') {
    const store = openStore(config.databasePath);
    try {
      saveProgramme(store, programme, systemClock.now());
      if (args.command === 'export') {
        const written = exportCommand(store, programme, { ...args, now: systemClock.now() });
        if (written.line) process.stderr.write(`kompis: ${written.line}\n`);
        else process.stdout.write(written.csv);
        return 0;
      }
      const printed =
        args.command === 'import' ? importCommand(store, programme, { ...args, now: systemClock.now() }) : { lines: joinCodeLines(store, programme, systemClock.now()), code: 0 };
      process.stdout.write(`${printed.lines.join('\n')}\n`);
      return printed.code;
    } finally {
      store.close();
    }
  }
  if (args.command === 'audit') {
    const store = openStore(config.databasePath);
    try {
      process.stdout.write(`${auditLines(store.db, programme.id, args.person).join('\n')}\n`);
    } finally {
      store.close();
    }
    return 0;
  }
  const translator = createTranslator(LOCALES_DIR, programme.localeOverrides);
  const chatChannels = config.telegram !== undefined || config.slack !== undefined || config.whatsapp !== undefined;
  if (chatChannels && hasPublishedInviteCode(programme)) {
    throw new ProgrammeError([
      `KOMPIS_PROGRAMME: ${config.programmePath === undefined ? 'is not set, so the demo programme would run' : "the programme has the demo's coordinatorInviteCode"}, whose code is published: anyone could become a coordinator on a chat channel. Set KOMPIS_PROGRAMME to your programme's file, with a coordinatorInviteCode of its own`,
    ]);
  }
  // The console shares the terminal with the log: keep the log to what the operator must see.
  const logger = (config.logFormat === 'json' ? createJsonLogger : createLogger)(chatChannels || config.logLevel === 'debug' ? config.logLevel : 'warn');
  const terminal = chatChannels ? undefined : new ConsoleAdapter({ as: args.as, fileDir: join(dirname(config.databasePath), 'files') });
  const adapters = terminal ? [terminal] : await chatAdapters({ config, programme, translator, logger });
  const app = createApp({
    databasePath: config.databasePath,
    programme,
    adapters,
    clock: systemClock,
    logger,
    translator,
    outboxMaxAttempts: config.outboxMaxAttempts,
    // The console needs no port unless the desk is wanted (DESK_URL); every chat channel gets
    // /healthz, /readyz and the desk, and its webhooks if any.
    http: terminal && config.deskUrl === undefined ? undefined : config.http,
    deskUrl: config.deskUrl,
  });
  // Listened for from before the start: a signal while starting stops Kompis once it has started.
  const signalled = terminal ? undefined : untilSignal();
  try {
    await app.start();
  } catch (err) {
    await app.stop();
    throw err;
  }
  if (terminal) {
    await terminal.finished;
    await app.stop();
    return 0;
  }
  logger.info('Kompis is running', { channels: adapters.map((a) => a.channel).join(','), port: app.httpPort() });
  await (signalled ?? untilSignal());
  logger.info('stopping');
  return stopWithin(app.stop(), STOP_DEADLINE_MS, logger);
}

/**
 * How long stopping may take after SIGTERM: service managers and `docker stop` kill after 10 s.
 * A message still being sent then is kept in the outbox and sent again after the next start.
 */
const STOP_DEADLINE_MS = 8_000;

async function stopWithin(stopping: Promise<void>, ms: number, logger: Logger): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  const outcome = await Promise.race([stopping.then(() => 'stopped' as const), late]).finally(() => clearTimeout(timer));
  if (outcome === 'stopped') return 0;
  logger.warn('stopping took too long; what was being sent is sent again at the next start', { seconds: ms / 1000 });
  // Something (a send that hangs) still holds the event loop: leave without waiting for it.
  process.exit(0);
}

/** The adapter of every chat channel whose settings are set. */
async function chatAdapters(deps: { config: Config; programme: Programme; translator: Translator; logger: Logger }): Promise<ChannelAdapter[]> {
  const { config, programme, translator, logger } = deps;
  const groupNotice = (locale: string | undefined, bot: string) =>
    translator.translate({ key: 'channel.groupOnly', params: { bot } }, matchLocale(locale, programme.languages) ?? programme.defaultLanguage);
  const listButton = (language: string) => translator.translate({ key: 'channel.chooseFromList' }, language);
  const about = { name: programme.name, languages: programme.languages };
  const made = await Promise.all(Object.values(CHANNELS).map((channel) => channel.create({ config, logger, groupNotice, programme: about, listButton })));
  return made.filter((adapter) => adapter !== undefined);
}

/** Resolves at the first SIGINT or SIGTERM; a second one ends the process at once. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const first = () => {
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve();
    };
    process.once('SIGINT', first);
    process.once('SIGTERM', first);
  });
}

runCommand(() => main(process.argv.slice(2), process.env), USAGE, 2);
