import { accessSync, constants, existsSync } from 'node:fs';
import { CHANNELS } from '../../adapters/channels';
import { inspectDatabase } from '../../db/inspectDatabase';
import type { ChannelAdapter } from '../channels/channel';
import { KompisError } from '../runtime/errors';
import { silentLogger } from '../runtime/logger';
import { hasPublishedInviteCode } from '../settings/publishedInviteCode';
import { type Config, loadConfig } from '../settings/config';
import { DEMO_PROGRAMME_PATH, loadProgramme } from '../settings/programme';

/** One finding of `kompis doctor`. */
export interface Finding {
  ok: boolean;
  what: string;
  line: string;
}

/**
 * `npm run kompis -- doctor`: the settings, the programme file, the database and each configured
 * channel's credentials, one finding each. Reads the database without changing it and asks each
 * platform who the bot is; it sends nothing to anyone.
 */
export async function doctor(env: NodeJS.ProcessEnv): Promise<Finding[]> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    return problems('settings', err);
  }
  const findings: Finding[] = [{ ok: true, what: 'settings', line: `read; the HTTP server would listen on ${config.http.host}:${config.http.port}` }];
  const chatChannels = config.telegram !== undefined || config.slack !== undefined || config.whatsapp !== undefined || config.whatsappCloud !== undefined;
  let about: { name: string; languages: string[] } = { name: 'Kompis', languages: [] };
  try {
    const programme = loadProgramme(config.programmePath ?? DEMO_PROGRAMME_PATH);
    about = { name: programme.name, languages: programme.languages };
    const demoCode = chatChannels && hasPublishedInviteCode(programme);
    findings.push({
      ok: !demoCode,
      what: 'programme',
      line: demoCode
        ? "KOMPIS_PROGRAMME: the programme has the demo's published coordinatorInviteCode; give it one of its own"
        : `${programme.name} (${config.programmePath ?? 'the bundled demo'})`,
    });
  } catch (err) {
    findings.push(...problems('programme', err));
  }
  const database = inspectDatabase(config.databasePath);
  findings.push({ what: 'database', ...database });
  if (!chatChannels) findings.push({ ok: true, what: 'channels', line: 'none configured: npm start opens the console' });
  for (const channel of Object.values(CHANNELS)) {
    const adapter = await channel.create({ config, logger: silentLogger, groupNotice: () => '', programme: about, listButton: () => '' });
    if (adapter) findings.push(await checkChannel(adapter, config));
  }
  return findings;
}

async function checkChannel(adapter: ChannelAdapter, config: Config): Promise<Finding> {
  if (adapter.channel === 'whatsapp' && config.whatsapp) {
    const { chromiumPath, sessionDir } = config.whatsapp;
    if (!isExecutable(chromiumPath)) return { ok: false, what: 'whatsapp', line: `CHROMIUM_PATH: no Chromium at ${chromiumPath}; apt-get install chromium, or set it` };
    return {
      ok: true,
      what: 'whatsapp',
      line: existsSync(sessionDir) ? `Chromium found; a linked session is kept in ${sessionDir}` : 'Chromium found; not linked yet: start Kompis and scan the QR code',
    };
  }
  if (!adapter.check) return { ok: true, what: adapter.channel, line: 'configured' };
  try {
    return { ok: true, what: adapter.channel, line: await adapter.check() };
  } catch (err) {
    return {
      ok: false,
      what: adapter.channel,
      line: err instanceof KompisError ? err.problems.join('; ') : `could not be checked: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

function problems(what: string, err: unknown): Finding[] {
  if (!(err instanceof KompisError)) throw err;
  return err.problems.map((line) => ({ ok: false, what, line }));
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
