import type { LocalText } from '../../flows/survey/surveySchema';
import { type Text, t } from '../text/messages';

/** One figure: a count, a share (0–1), days, a rate or a score, with the number of cases behind it. */
export interface Figure {
  id: string;
  label: Label;
  kind: 'count' | 'share' | 'days' | 'rate' | 'score';
  /** null when suppressed (fewer than `minimumCell` cases) or when there is nothing to measure. */
  value: number | null;
  /** How many cases the figure rests on. */
  n: number;
  suppressed: boolean;
}

/** What a section or figure is called: a text of Kompis's own, or the words of a survey file. */
export type Label = Text | { local: LocalText };

export interface Section {
  id: string;
  title: Label;
  figures: Figure[];
  /** Drawn as bars in the html report. */
  chart: boolean;
  /** Free-text answers given with a name, in the coordinators' view only; never in the funder version. */
  quotes?: Quote[];
}

/** What a person wrote, with their name, because they chose to answer with it. */
export interface Quote {
  participantId: number;
  name: string;
  words: string;
}

export function section(id: string, chart: boolean, figures: Figure[], title: Label = t(`report.section.${id}`)): Section {
  return { id, title, figures, chart };
}

/** The figure makers for one threshold: a figure on one to `min - 1` cases is suppressed (none with 0). */
export interface Cells {
  measure(id: string, label: Label, kind: Figure['kind'], value: number | null, n: number, people?: number): Figure;
  count(id: string, label: Label, n: number, people?: number): Figure;
  share(id: string, label: Label, part: number, whole: number, people?: number): Figure;
  partition(cells: { id: string; label: Label; n: number }[]): Figure[];
}

export function cells(min: number): Cells {
  const small = (k: number) => k > 0 && k < min;

  /** A figure resting on `n` cases and `people` people; suppressed when either is small. */
  function measure(id: string, label: Label, kind: Figure['kind'], value: number | null, n: number, people = n): Figure {
    const figure: Figure = { id, label, kind, value, n, suppressed: false };
    return small(n) || small(people) ? { ...figure, value: null, suppressed: true } : figure;
  }

  function count(id: string, label: Label, n: number, people = n): Figure {
    return measure(id, label, 'count', n, n, people);
  }

  /**
   * `part` of `whole` as a share. Suppressed when the part, or the rest (which the whole and the share
   * would give away), is small, or when it rests on too few people.
   */
  function share(id: string, label: Label, part: number, whole: number, people = whole): Figure {
    const figure = measure(id, label, 'share', whole > 0 ? part / whole : null, whole, people);
    return small(part) || small(whole - part) ? { ...figure, value: null, suppressed: true } : figure;
  }

  /**
   * Counts that add up to a total shown elsewhere. Beyond the small counts, the smallest other counts
   * are suppressed too until the suppressed ones add up to `min` or more, so that none can be worked
   * out by subtraction.
   */
  function partition(list: { id: string; label: Label; n: number }[]): Figure[] {
    const hidden = new Set(list.filter((c) => small(c.n)).map((c) => c.id));
    const hiddenSum = () => list.filter((c) => hidden.has(c.id)).reduce((a, c) => a + c.n, 0);
    while (small(hiddenSum())) {
      const next = list.filter((c) => !hidden.has(c.id) && c.n > 0).sort((a, b) => a.n - b.n)[0];
      if (!next) break;
      hidden.add(next.id);
    }
    return list.map((c) => (hidden.has(c.id) ? { id: c.id, label: c.label, kind: 'count' as const, value: null, n: c.n, suppressed: true } : count(c.id, c.label, c.n)));
  }

  return { measure, count, share, partition };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
