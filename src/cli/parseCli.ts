import { parseArgs } from 'node:util';
import { UsageError } from '../runtime/errors';
import type { ChannelName } from '../channels/channel';
import { idArg } from '../conversation/commandContext';
import { isChannelName } from '../../adapters/channels';
import { IMPORT_KINDS, type ImportKind } from '../spreadsheet/importColumns';
import { EXPORT_KINDS, type ExportKind } from '../spreadsheet/exportCsv';

export type CliArgs =
  /** Chat: run Kompis (the console user's name is `as`). */
  | { command: 'run'; as: string }
  | { command: 'help' }
  /** Make the person behind a channel identity a coordinator, or no longer one. */
  | { command: 'coordinator-add'; channel: ChannelName; id: string }
  | { command: 'coordinator-remove'; channel: ChannelName; id: string }
  /** Print the coordinators and where they write from. */
  | { command: 'coordinator-list' }
  /** Print who looked at whose data (all of it, or about one person). */
  | { command: 'audit'; person?: number }
  /** Copy the database, online, to a new file; put a copy back while Kompis is stopped. */
  | { command: 'backup'; file: string }
  | { command: 'restore'; file: string }
  /** Check the settings, the database and each channel's credentials, sending nothing. */
  | { command: 'doctor' }
  /** Preview a spreadsheet of mentors or applicants, or import it (`confirm`). */
  | { command: 'import'; kind: ImportKind; file: string; confirm: boolean; mapping: Record<string, string> }
  /** Print the personal codes of imported people who have not started their chat. */
  | { command: 'import-codes' }
  /** Write applications, mentors or pairs as CSV to a file or the screen. */
  | { command: 'export'; kind: ExportKind; file?: string }
  /** Print the WhatsApp template to submit to Meta, in every language. */
  | { command: 'whatsapp-templates' };

export const USAGE = `Usage:
  npm start -- [--as NAME]                           chat in the console as NAME (default "you")
  npm run kompis -- coordinator add CHANNEL:ID       make someone a coordinator
                                                     (console:NAME, telegram:USER_ID, slack:USER_ID
                                                     or whatsapp:PHONE, e.g. whatsapp:4791234567,
                                                     or whatsapp-cloud:PHONE)
  npm run kompis -- coordinator remove CHANNEL:ID    make them no longer a coordinator
  npm run kompis -- coordinator list                 the coordinators and where they write from
  npm run kompis -- audit [--person ID]              who saw whose data, and every report
  npm run kompis -- backup FILE                      copy the database to FILE while Kompis runs
  npm run kompis -- restore FILE                     put the copy FILE back (stop Kompis first)
  npm run kompis -- doctor                           check the settings, the database and the channels
  npm run kompis -- import mentors|applicants FILE   show what importing the CSV FILE would do
      [--map "HEADER=FIELD"]... [--confirm]          (each row's problems); --confirm imports the rows
                                                     without problems and prints each person's code
  npm run kompis -- import codes                     the codes of imported people without a chat yet
  npm run kompis -- export applications|mentors|pairs [FILE]   the list as CSV, to FILE or the screen
  npm run kompis -- whatsapp templates               the WhatsApp template to submit to Meta
Settings are read from the environment; see the README.`;

export function parseCli(argv: string[]): CliArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (positionals.length === 0) {
    const as = values.as.trim();
    if (as === '') throw new UsageError('--as needs a name, for example --as amina');
    return { command: 'run', as };
  }
  const [noun, verb, target = ''] = positionals;
  if (noun === 'audit' && positionals.length === 1) {
    if (values.person === undefined) return { command: 'audit' };
    const person = idArg(values.person);
    if (person === undefined) throw new UsageError(`--person needs a person's number, for example --person 12`);
    return { command: 'audit', person };
  }
  if ((noun === 'backup' || noun === 'restore') && positionals.length === 2 && verb) return { command: noun, file: verb };
  if (noun === 'backup' || noun === 'restore') throw new UsageError(`${noun} needs one file name, for example: ${noun} kompis-2026-12-01.db`);
  if (noun === 'doctor' && positionals.length === 1) return { command: 'doctor' };
  if (noun === 'import' && verb === 'codes' && positionals.length === 2) return { command: 'import-codes' };
  if (noun === 'import') {
    const kind = IMPORT_KINDS.find((k) => k === verb);
    if (!kind || positionals.length !== 3) throw new UsageError('import needs mentors or applicants and one file, for example: import mentors mentors.csv');
    return { command: 'import', kind, file: target, confirm: values.confirm, mapping: mappingOf(values.map ?? []) };
  }
  if (noun === 'export') {
    const kind = EXPORT_KINDS.find((k) => k === verb);
    if (!kind || positionals.length > 3) throw new UsageError('export needs applications, mentors or pairs, and a file if you like, for example: export mentors mentors.csv');
    return positionals.length === 3 ? { command: 'export', kind, file: target } : { command: 'export', kind };
  }
  if (noun === 'whatsapp' && verb === 'templates' && positionals.length === 2) return { command: 'whatsapp-templates' };
  if (noun === 'coordinator' && verb === 'list' && positionals.length === 2) return { command: 'coordinator-list' };
  if (noun !== 'coordinator' || (verb !== 'add' && verb !== 'remove') || positionals.length !== 3) {
    throw new UsageError(`unknown command: ${positionals.join(' ')}`);
  }
  const at = target.indexOf(':');
  const channel = target.slice(0, at);
  const id = target.slice(at + 1);
  if (at < 0 || !isChannelName(channel) || id === '') {
    throw new UsageError(`"${target}" should be CHANNEL:ID, for example console:amina or telegram:123456789`);
  }
  return verb === 'add' ? { command: 'coordinator-add', channel, id } : { command: 'coordinator-remove', channel, id };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      as: { type: 'string', default: 'you' },
      person: { type: 'string' },
      help: { type: 'boolean', default: false },
      confirm: { type: 'boolean', default: false },
      map: { type: 'string', multiple: true },
    },
    strict: true,
    allowPositionals: true,
  });
}

/** `--map "Fornavn=name"` given once per column: header → field (the last `=` splits, a header may hold one). */
function mappingOf(pairs: string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const header = pair.slice(0, at).trim();
    const field = pair.slice(at + 1).trim();
    if (at < 0 || header === '' || field === '') throw new UsageError(`--map needs HEADER=FIELD, for example --map "Fornavn=name"; got "${pair}"`);
    mapping[header] = field;
  }
  return mapping;
}
