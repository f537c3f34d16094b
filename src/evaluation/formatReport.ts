import { t } from '../text/messages';
import type { Report } from './buildReport';
import type { Section } from './figures';
import { reportHtml } from './reportHtml';
import { z } from 'zod';
import { display, headerLines, labelText, type ReportText } from './reportText';

export const REPORT_FORMATS = ['csv', 'json', 'md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The report as a file: the same figures, already suppressed, in every format. */
export function formatReport(report: Report, format: ReportFormat, text: ReportText): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(asJson(report, text), null, 2)}\n`;
    case 'csv':
      return asCsv(report, text);
    case 'md':
      return asMarkdown(report, text);
    case 'html':
      return reportHtml(report, text);
  }
}

/**
 * The json format's shape, published as docs/report.schema.json for whoever reads the file
 * (a test keeps the two the same).
 */
export const reportJsonSchema = z
  .object({
    programme: z.string(),
    from: z.string().nullable().describe('First day of the period (YYYY-MM-DD), or null from the start'),
    to: z.string().nullable().describe('Last day of the period (YYYY-MM-DD), or null up to now'),
    round: z.string().nullable().describe('The application round the figures keep to (e.g. 2027-1), or null for all applicants'),
    madeAt: z.string().describe('When the report was made (ISO 8601)'),
    minimumCell: z.number().int().describe('Figures resting on fewer cases than this are suppressed'),
    sections: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        figures: z.array(
          z.object({
            id: z.string(),
            label: z.string(),
            kind: z.enum(['count', 'share', 'days', 'rate', 'score']).describe('A share is 0–1; a score is a median or an NPS'),
            value: z.number().nullable().describe('null when suppressed or when there is nothing to measure'),
            n: z.number().int().nullable().describe('How many cases the figure rests on; null when suppressed'),
            suppressed: z.boolean(),
          }),
        ),
      }),
    ),
  })
  .describe('A Kompis programme report');

function asJson(report: Report, text: ReportText): z.infer<typeof reportJsonSchema> {
  return {
    programme: report.programme,
    from: report.from,
    to: report.to,
    round: report.round,
    madeAt: text.now.toISOString(),
    minimumCell: report.minimumCell,
    sections: sectionsJson(report.sections, text),
  };
}

/** The sections as the json format writes them: suppressed figures without their count. */
export function sectionsJson(sections: Section[], text: ReportText): z.infer<typeof reportJsonSchema>['sections'] {
  return sections.map((s) => ({
    id: s.id,
    title: labelText(text, s.title),
    figures: s.figures.map((f) => ({
      id: f.id,
      label: labelText(text, f.label),
      kind: f.kind,
      value: f.value === null ? null : round(f.value),
      n: f.suppressed ? null : f.n,
      suppressed: f.suppressed,
    })),
  }));
}

/** The long format for analysts: one row per figure, with the period on every row, nothing but data in a cell. */
function asCsv(report: Report, text: ReportText): string {
  const rows = [['period_from', 'period_to', 'group', 'group_title', 'measure', 'measure_title', 'kind', 'value', 'n', 'suppressed'], ...csvRows(report, text)];
  return csvText(rows);
}

/** One csv row per figure: the period, the section, the figure; nothing but data in a cell. */
export function csvRows(report: Pick<Report, 'from' | 'to' | 'sections'>, text: ReportText): string[][] {
  const rows: string[][] = [];
  for (const s of report.sections) {
    for (const f of s.figures) {
      const value = f.value === null ? '' : String(round(f.value));
      rows.push([
        report.from ?? '',
        report.to ?? '',
        s.id,
        labelText(text, s.title),
        f.id,
        labelText(text, f.label),
        f.kind,
        value,
        f.suppressed ? '' : String(f.n),
        String(f.suppressed),
      ]);
    }
  }
  return rows;
}

export function csvText(rows: string[][]): string {
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function asMarkdown(report: Report, text: ReportText): string {
  const lines = [`# ${text.translate(t('report.title', { programme: report.programme }))}`, '', ...headerLines(report, text).map((l) => `${l}  `), ''];
  for (const s of report.sections) {
    lines.push(`## ${labelText(text, s.title)}`, '');
    if (s.figures.length === 0) {
      lines.push(text.translate(t('report.nothing')), '');
      continue;
    }
    lines.push(`| ${text.translate(t('report.column.item'))} | ${text.translate(t('report.column.value'))} |`, '|---|---:|');
    for (const f of s.figures) lines.push(`| ${markdownCell(labelText(text, f.label))} | ${display(f, text.language, report.minimumCell)} |`);
    lines.push('');
  }
  return lines.join('\n');
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** RFC 4180 quoting; a title starting like a formula is prefixed with ' so a spreadsheet shows it as text. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && Number.isNaN(Number(value)) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function markdownCell(value: string): string {
  return value.replaceAll('|', '\\|');
}
