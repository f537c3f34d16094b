import { t } from '../text/messages';
import type { ComparedReport } from './compareReports';
import type { Figure, Label } from './figures';
import { z } from 'zod';
import { csvRows, csvText, markdownCell, type ReportFormat, reportJsonSchema, sectionsJson } from './formatReport';
import { escape, htmlDocument } from './reportHtml';
import { display, labelText, type ReportText, suppressedMark } from './reportText';

/**
 * A comparison as a file: json with a `groups` array (each group as the report's json has its
 * sections), the long csv with the group on every row, and md and html with one column per group.
 */
export function formatComparison(compared: ComparedReport, format: ReportFormat, text: ReportText): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(asJson(compared, text), null, 2)}\n`;
    case 'csv':
      return asCsv(compared, text);
    case 'md':
      return asMarkdown(compared, text);
    case 'html':
      return asHtml(compared, text);
  }
}

/** The json format of a comparison, published as docs/report-comparison.schema.json (a test keeps the two the same). */
export const comparisonJsonSchema = z
  .object({
    programme: z.string(),
    comparison: z.enum(['periods', 'language']).describe('Two periods, or Everyone and then the mentees of each chat language'),
    madeAt: z.string().describe('When the report was made (ISO 8601)'),
    minimumCell: z.number().int().describe('Figures resting on fewer cases than this are suppressed, and so are enough of the other groups that subtraction cannot find them'),
    groups: z.array(
      z.object({
        id: z.string().describe('2027-01-01..2027-03-31 (an open end left empty), all, language:<code> or language:none'),
        title: z.string(),
        from: z.string().nullable(),
        to: z.string().nullable(),
        sections: reportJsonSchema.shape.sections,
      }),
    ),
  })
  .describe('A Kompis programme report, groups side by side');

function asJson(compared: ComparedReport, text: ReportText): z.infer<typeof comparisonJsonSchema> {
  return {
    programme: compared.programme,
    comparison: compared.comparison,
    madeAt: text.now.toISOString(),
    minimumCell: compared.minimumCell,
    groups: compared.groups.map((g) => ({ id: g.id, title: text.translate(g.title), from: g.from, to: g.to, sections: sectionsJson(g.sections, text) })),
  };
}

/** The report's long csv with the group's id after the period: one row per group and figure. */
function asCsv(compared: ComparedReport, text: ReportText): string {
  const rows = [['period_from', 'period_to', 'compared_group', 'group', 'group_title', 'measure', 'measure_title', 'kind', 'value', 'n', 'suppressed']];
  for (const g of compared.groups) rows.push(...csvRows(g, text).map(([from = '', to = '', ...rest]) => [from, to, g.id, ...rest]));
  return csvText(rows);
}

/** One table per section: a row per figure, a column per group. */
interface Table {
  id: string;
  title: string;
  rows: { label: string; cells: (Figure | undefined)[] }[];
}

function tables(compared: ComparedReport, text: ReportText): Table[] {
  const out = new Map<string, { title: Label; figures: Map<string, Label> }>();
  for (const g of compared.groups)
    for (const s of g.sections) {
      const table = out.get(s.id) ?? { title: s.title, figures: new Map<string, Label>() };
      for (const f of s.figures) if (!table.figures.has(f.id)) table.figures.set(f.id, f.label);
      out.set(s.id, table);
    }
  return [...out].map(([id, table]) => ({
    id,
    title: labelText(text, table.title),
    rows: [...table.figures].map(([figureId, label]) => ({
      label: labelText(text, label),
      cells: compared.groups.map((g) => g.sections.find((s) => s.id === id)?.figures.find((f) => f.id === figureId)),
    })),
  }));
}

function headerLines(compared: ComparedReport, text: ReportText): string[] {
  const first = compared.groups[0];
  return [
    text.translate(compared.comparison === 'periods' ? t('report.compare.byPeriods') : t('report.compare.byLanguage')),
    ...(compared.comparison === 'language' && first
      ? [text.translate(first.from || first.to ? t('report.period', { from: first.from ?? '…', to: first.to ?? '…' }) : t('report.periodAll'))]
      : []),
    text.translate(t('report.made', { date: text.now.toISOString().slice(0, 10) })),
    text.translate(t('report.suppressedNote', { min: compared.minimumCell, mark: suppressedMark(compared.minimumCell) })),
  ];
}

function cell(figure: Figure | undefined, text: ReportText, minimumCell: number): string {
  return figure ? display(figure, text.language, minimumCell) : '–';
}

function asMarkdown(compared: ComparedReport, text: ReportText): string {
  const lines = [`# ${text.translate(t('report.title', { programme: compared.programme }))}`, '', ...headerLines(compared, text).map((l) => `${l}  `), ''];
  const heads = compared.groups.map((g) => markdownCell(text.translate(g.title)));
  for (const table of tables(compared, text)) {
    lines.push(`## ${table.title}`, '');
    lines.push(`| ${text.translate(t('report.column.item'))} | ${heads.join(' | ')} |`, `|---|${heads.map(() => '---:').join('|')}|`);
    for (const row of table.rows) lines.push(`| ${markdownCell(row.label)} | ${row.cells.map((f) => cell(f, text, compared.minimumCell)).join(' | ')} |`);
    lines.push('');
  }
  return lines.join('\n');
}

function asHtml(compared: ComparedReport, text: ReportText): string {
  const title = text.translate(t('report.title', { programme: compared.programme }));
  const heads = compared.groups.map((g) => `<th scope="col">${escape(text.translate(g.title))}</th>`).join('');
  const value = (f: Figure | undefined) => {
    const shown = escape(cell(f, text, compared.minimumCell));
    return `<td class="value">${f?.suppressed ? `<bdi dir="ltr">${shown}</bdi>` : shown}</td>`;
  };
  const sections = tables(compared, text)
    .map(
      (table) =>
        `<section id="${escape(table.id)}"><h2>${escape(table.title)}</h2><table><tr><th scope="col">${escape(text.translate(t('report.column.item')))}</th>${heads}</tr>${table.rows
          .map((r) => `<tr><th scope="row">${escape(r.label)}</th>${r.cells.map(value).join('')}</tr>`)
          .join('')}</table></section>`,
    )
    .join('\n');
  return htmlDocument(
    title,
    headerLines(compared, text),
    sections,
    text,
    'th { text-align: start; font-weight: normal; padding: .25rem .5rem; border-bottom: 1px solid #eef2f5; } tr:first-child th { font-weight: bold; }',
  );
}
