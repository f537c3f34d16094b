import { t } from '../text/messages';
import type { Figure, Report, Section } from './buildReport';
import { display, headerLines, type ReportText } from './reportText';

const BAR_AREA = 320;
const ROW = 26;
const LABEL_WIDTH = 260;

/**
 * The report as one self-contained html file: no scripts, no external files, charts as inline SVG,
 * so a coordinator can open it or attach it to an e-mail.
 */
export function reportHtml(report: Report, text: ReportText): string {
  const title = text.translate(t('report.title', { programme: report.programme }));
  const sections = report.sections.map((s) => sectionHtml(s, { ...text, minimumCell: report.minimumCell })).join('\n');
  return `<!doctype html>
<html lang="${escape(text.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 760px; margin: 2rem auto; padding: 0 1rem; color: #1d2a33; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d5dde3; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
td { padding: .25rem .5rem; border-bottom: 1px solid #eef2f5; } td.value { text-align: right; white-space: nowrap; }
.note { color: #5b6b77; font-size: .9rem; margin: .1rem 0; }
svg.chart { display: block; margin: .5rem 0 1rem; max-width: 100%; height: auto; }
svg.chart text { font-size: 12px; fill: #1d2a33; } svg.chart rect { fill: #2f7d8c; }
</style>
</head>
<body>
<h1>${escape(title)}</h1>
${headerLines(report, text)
  .map((l) => `<p class="note">${escape(l)}</p>`)
  .join('\n')}
${sections}
</body>
</html>
`;
}

/** The report's text, and below how many cases a figure is hidden. */
type HtmlText = ReportText & { minimumCell: number };

function sectionHtml(section: Section, text: HtmlText): string {
  const title = text.translate(section.title);
  if (section.figures.length === 0)
    return `<section id="${escape(section.id)}"><h2>${escape(title)}</h2><p class="note">${escape(text.translate(t('report.nothing')))}</p></section>`;
  const rows = section.figures
    .map((f) => `<tr><td>${escape(text.translate(f.label))}</td><td class="value">${escape(display(f, text.language, text.minimumCell))}</td></tr>`)
    .join('');
  const chart = section.chart ? chartSvg(section, title, text) : '';
  return `<section id="${escape(section.id)}"><h2>${escape(title)}</h2>${chart}<table>${rows}</table></section>`;
}

/** Horizontal bars for the section's shares (or, without shares, its counts); a suppressed figure gets no bar. */
function chartSvg(section: Section, title: string, text: HtmlText): string {
  const kind = section.figures.some((f) => f.kind === 'share') ? 'share' : 'count';
  const figures = section.figures.filter((f) => f.kind === kind);
  if (figures.length === 0) return '';
  const max = kind === 'share' ? 1 : Math.max(1, ...figures.map((f) => f.value ?? 0));
  const height = figures.length * ROW + 4;
  const bars = figures.map((f, i) => bar(f, i, max, text)).join('');
  return `<svg class="chart" role="img" aria-label="${escape(title)}" viewBox="0 0 ${LABEL_WIDTH + BAR_AREA + 60} ${height}" width="${LABEL_WIDTH + BAR_AREA + 60}" height="${height}">${bars}</svg>`;
}

function bar(figure: Figure, index: number, max: number, text: HtmlText): string {
  const y = index * ROW + 2;
  const width = figure.value ? Math.max(1, Math.round((figure.value / max) * BAR_AREA)) : 0;
  const label = text.translate(figure.label);
  return `<g><text x="0" y="${y + 16}">${escape(label.length > 40 ? `${label.slice(0, 39)}…` : label)}</text>${
    width > 0
      ? `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${width}" height="${ROW - 8}" rx="2"><title>${escape(label)}: ${escape(display(figure, text.language, text.minimumCell))}</title></rect>`
      : ''
  }<text x="${LABEL_WIDTH + width + 6}" y="${y + 16}">${escape(display(figure, text.language, text.minimumCell))}</text></g>`;
}

function escape(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
