import { isRightToLeft } from '../text/languages';
import { t } from '../text/messages';
import type { Report } from './buildReport';
import type { Figure, Section } from './figures';
import { display, headerLines, labelText, type ReportText } from './reportText';

const BAR_AREA = 480;
const ROW = 26;
const LABEL_WIDTH = 300;
const CHART_WIDTH = LABEL_WIDTH + BAR_AREA + 80;

/**
 * The report as one self-contained html file: no scripts, no external files, charts as inline SVG
 * with their numbers on them and the table behind a "show the numbers" fold, so a coordinator can
 * open it, print it to PDF or attach it to an e-mail. Arabic and Dari lay out right to left.
 */
export function reportHtml(report: Report, text: ReportText): string {
  const title = text.translate(t('report.title', { programme: report.programme }));
  const html: HtmlText = { ...text, minimumCell: report.minimumCell, rtl: isRightToLeft(text.language) };
  const sections = report.sections.map((s) => sectionHtml(s, html)).join('\n');
  return htmlDocument(title, headerLines(report, text), sections, text);
}

/** A self-contained html file around the report's sections: its title, the header notes and the one stylesheet (plus `style`). */
export function htmlDocument(title: string, header: string[], sections: string, text: ReportText, style = ''): string {
  return `<!doctype html>
<html lang="${escape(text.language)}" dir="${isRightToLeft(text.language) ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
${REPORT_STYLE}${style === '' ? '' : `\n${style}`}
</style>
</head>
<body>
<h1>${escape(title)}</h1>
${header.map((l) => `<p class="note">${escape(l)}</p>`).join('\n')}
${sections}
</body>
</html>
`;
}

/** The html report's stylesheet, for the screen and for print. */
const REPORT_STYLE = `body { font-family: system-ui, sans-serif; max-width: 960px; margin: 2rem auto; padding: 0 1rem; color: #1d2a33; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d5dde3; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
td { padding: .25rem .5rem; border-bottom: 1px solid #eef2f5; } td.value { text-align: end; white-space: nowrap; }
.note { color: #5b6b77; font-size: .9rem; margin: .1rem 0; }
svg.chart { display: block; margin: .5rem 0; width: 100%; height: auto; }
svg.chart text { font-size: 13px; fill: #1d2a33; } svg.chart rect { fill: #2f7d8c; }
summary { cursor: pointer; color: #2f5f8c; margin-bottom: 1rem; }
@media print {
  body { max-width: none; margin: 0; }
  section { break-inside: avoid; }
  summary { display: none; }
  details::details-content { content-visibility: visible; display: block; }
}`;

/** The report's text, below how many cases a figure is hidden, and whether it reads right to left. */
type HtmlText = ReportText & { minimumCell: number; rtl: boolean };

function sectionHtml(section: Section, text: HtmlText): string {
  const title = labelText(text, section.title);
  if (section.figures.length === 0)
    return `<section id="${escape(section.id)}"><h2>${escape(title)}</h2><p class="note">${escape(text.translate(t('report.nothing')))}</p></section>`;
  const rows = section.figures.map((f) => `<tr><td>${escape(labelText(text, f.label))}</td><td class="value">${value(f, text)}</td></tr>`).join('');
  const table = `<table>${rows}</table>`;
  const chart = section.chart ? chartSvg(section, title, text) : '';
  const body = chart === '' ? table : `${chart}<details><summary>${escape(text.translate(t('report.showNumbers')))}</summary>${table}</details>`;
  return `<section id="${escape(section.id)}"><h2>${escape(title)}</h2>${body}</section>`;
}

/** A figure as written: "<5" stays "<5" inside right-to-left text, not the mirrored "5>". */
function value(figure: Figure, text: HtmlText): string {
  const shown = escape(display(figure, text.language, text.minimumCell));
  return figure.suppressed ? `<bdi dir="ltr">${shown}</bdi>` : shown;
}

/** Horizontal bars for the section's shares (or, without shares, its counts); a suppressed figure gets no bar. */
function chartSvg(section: Section, title: string, text: HtmlText): string {
  const kind = section.figures.some((f) => f.kind === 'share') ? 'share' : 'count';
  const figures = section.figures.filter((f) => f.kind === kind);
  if (figures.length === 0) return '';
  const max = kind === 'share' ? 1 : Math.max(1, ...figures.map((f) => f.value ?? 0));
  const height = figures.length * ROW + 4;
  const bars = figures.map((f, i) => bar(f, i, max, text)).join('');
  return `<svg class="chart" role="img" aria-label="${escape(title)}" viewBox="0 0 ${CHART_WIDTH} ${height}">${bars}</svg>`;
}

/**
 * One bar with its label and its number on it. Right to left, the chart is mirrored: the label at the
 * right edge and the bar growing leftwards from it (the texts' start is their right end there, as the
 * page's direction is inherited).
 */
function bar(figure: Figure, index: number, max: number, text: HtmlText): string {
  const y = index * ROW + 2;
  const width = figure.value ? Math.max(1, Math.round((figure.value / max) * BAR_AREA)) : 0;
  const label = labelText(text, figure.label);
  const shown = escape(display(figure, text.language, text.minimumCell));
  const x = (from: number, length = 0) => (text.rtl ? CHART_WIDTH - from - length : from);
  const number = figure.suppressed ? `<tspan direction="ltr" unicode-bidi="isolate">${shown}</tspan>` : shown;
  return `<g><text x="${x(0)}" y="${y + 16}">${escape(label.length > 40 ? `${label.slice(0, 39)}…` : label)}</text>${
    width > 0 ? `<rect x="${x(LABEL_WIDTH, width)}" y="${y + 3}" width="${width}" height="${ROW - 8}" rx="2"><title>${escape(label)}: ${shown}</title></rect>` : ''
  }<text x="${x(LABEL_WIDTH + width + 6)}" y="${y + 16}">${number}</text></g>`;
}

export function escape(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
