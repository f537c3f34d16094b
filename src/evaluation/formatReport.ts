import { t } from '../text/messages';
import type { Report } from './buildReport';
import { reportHtml } from './reportHtml';
import { display, headerLines, labelText, type ReportText, suppressedMark } from './reportText';

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

function asJson(report: Report, text: ReportText) {
  return {
    programme: report.programme,
    from: report.from,
    to: report.to,
    madeAt: text.now.toISOString(),
    minimumCell: report.minimumCell,
    sections: report.sections.map((s) => ({
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
    })),
  };
}

function asCsv(report: Report, text: ReportText): string {
  const rows = [['section', 'section_title', 'item', 'item_title', 'kind', 'value', 'n']];
  for (const s of report.sections) {
    const mark = suppressedMark(report.minimumCell);
    for (const f of s.figures) {
      const value = f.suppressed ? mark : f.value === null ? '' : String(round(f.value));
      rows.push([s.id, labelText(text, s.title), f.id, labelText(text, f.label), f.kind, value, f.suppressed ? mark : String(f.n)]);
    }
  }
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

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function markdownCell(value: string): string {
  return value.replaceAll('|', '\\|');
}
