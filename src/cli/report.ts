import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openStore } from '../../db/client';
import { StoreError, UsageError } from '../runtime/errors';
import { loadConfig } from '../settings/config';
import { createTranslator, LOCALES_DIR } from '../text/i18n';
import { DEMO_PROGRAMME_PATH, loadProgramme } from '../settings/programme';
import { audit } from '../privacy/audit';
import { buildReport } from '../evaluation/buildReport';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../evaluation/formatReport';
import { type Comparison, compareReports } from '../evaluation/compareReports';
import { formatComparison } from '../evaluation/formatComparison';
import type { Text } from '../text/messages';
import { runCommand } from './runCommand';
import { isDay } from '../text/calendar';
import { namedRounds } from '../../flows/applicationRounds';

const USAGE = `Usage: npm run report -- --format csv|json|md|html [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--round YYYY-N] [--language LANG] [--out FILE]
         [--compare-from YYYY-MM-DD] [--compare-to YYYY-MM-DD] [--by language]
Writes the funder report of the database DATABASE_PATH names (to FILE, or to the screen).
--round keeps to one application round's applicants and their pairs (rounds are named 2027-1, 2027-2, ... in the order they open).
--compare-from/--compare-to put a second period beside the first (the two must not overlap);
--by language puts the mentees of each chat language side by side.
Figures resting on fewer people than the programme's report.minimumCell (5 unless set) are shown as <5.`;

/** `npm run report`: the funder report, in the format asked for. */
function main(argv: string[], env: NodeJS.ProcessEnv): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string', default: 'md' },
      from: { type: 'string' },
      to: { type: 'string' },
      round: { type: 'string' },
      language: { type: 'string' },
      out: { type: 'string' },
      'compare-from': { type: 'string' },
      'compare-to': { type: 'string' },
      by: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = REPORT_FORMATS.find((f) => f === values.format);
  if (!format) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  for (const [name, value] of [
    ['--from', values.from],
    ['--to', values.to],
    ['--compare-from', values['compare-from']],
    ['--compare-to', values['compare-to']],
  ] as const) {
    if (value !== undefined && !isDay(value)) throw new UsageError(`${name} must be a day such as 2026-01-31`);
  }
  if (values.from && values.to && values.from > values.to) throw new UsageError('--from must not be after --to');
  const second = values['compare-from'] || values['compare-to'] ? { from: values['compare-from'], to: values['compare-to'] } : undefined;
  if (second?.from && second.to && second.from > second.to) throw new UsageError('--compare-from must not be after --compare-to');
  if (values.by !== undefined && values.by !== 'language') throw new UsageError('--by must be language');
  if (second && values.by) throw new UsageError('compare either two periods or by language, not both');
  const period = { from: values.from, to: values.to, round: values.round };
  const comparison: Comparison | undefined = second ? { by: 'periods', periods: [period, second] } : values.by ? { by: 'language', period } : undefined;
  const config = loadConfig(env);
  if (!existsSync(config.databasePath)) throw new StoreError(config.databasePath, new Error('there is no database there yet'));
  const programme = loadProgramme(config.programmePath ?? DEMO_PROGRAMME_PATH);
  if (values.round !== undefined && !namedRounds(programme.rounds).some((r) => r.id === values.round)) {
    const named = namedRounds(programme.rounds).map((r) => r.id);
    throw new UsageError(named.length === 0 ? 'the programme has no rounds: leave out --round' : `--round must be one of ${named.join(', ')}`);
  }
  const language = values.language ?? programme.defaultLanguage;
  if (!programme.languages.includes(language)) throw new UsageError(`--language must be one of ${programme.languages.join(', ')}`);
  const store = openStore(config.databasePath);
  try {
    const now = new Date();
    const translator = createTranslator(LOCALES_DIR, programme.localeOverrides);
    const text = { language, translate: (words: Text) => translator.translate(words, language), now };
    const output = comparison
      ? formatComparison(compareReports(store.db, programme, comparison, now), format, text)
      : formatReport(buildReport(store.db, programme, period, now), format as ReportFormat, text);
    audit(store.db, { programmeId: programme.id, actorId: null, action: 'exportReport', at: now });
    if (values.out) {
      writeFileSync(values.out, output);
      process.stderr.write(`kompis: the report is in ${values.out}\n`);
    } else {
      process.stdout.write(output);
    }
  } finally {
    store.close();
  }
  return 0;
}

runCommand(() => main(process.argv.slice(2), process.env), USAGE);
