import type { Text } from '../text/messages';
import { t } from '../text/messages';
import { intlLocale } from '../text/languages';
import { inLanguage } from '../../flows/survey/surveySchema';
import type { Report } from './buildReport';
import type { Figure, Label } from './figures';

/** Shown instead of a figure resting on fewer than `minimumCell` cases: "<5". */
export function suppressedMark(minimumCell: number): string {
  return `<${minimumCell}`;
}

export interface ReportText {
  /** The language the labels and numbers are written in. */
  language: string;
  translate: (text: Text) => string;
  /** When the report was made. */
  now: Date;
}

/** A figure for people: "62 %", "12.5", "<5", or "–" when there is nothing to measure. */
export function display(figure: Figure, language: string, minimumCell: number): string {
  if (figure.suppressed) return suppressedMark(minimumCell);
  if (figure.value === null) return '–';
  const digits =
    figure.kind === 'share' ? { style: 'percent' as const, maximumFractionDigits: 0 } : { maximumFractionDigits: figure.kind === 'count' || figure.kind === 'score' ? 0 : 1 };
  return new Intl.NumberFormat(intlLocale(language), digits).format(figure.value);
}

export function headerLines(report: Report, text: ReportText): string[] {
  return [
    text.translate(report.from || report.to ? t('report.period', { from: report.from ?? '…', to: report.to ?? '…' }) : t('report.periodAll')),
    ...(report.round === null ? [] : [text.translate(t('report.round', { round: report.round }))]),
    text.translate(t('report.made', { date: text.now.toISOString().slice(0, 10) })),
    text.translate(t('report.suppressedNote', { min: report.minimumCell, mark: suppressedMark(report.minimumCell) })),
  ];
}

/** A section's or figure's name in the report's language: Kompis's own text, or a survey file's words. */
export function labelText(text: ReportText, label: Label): string {
  return 'local' in label ? inLanguage(label.local, text.language) : text.translate(label);
}
