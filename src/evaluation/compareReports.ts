import { sql } from 'drizzle-orm';
import type { Programme } from '../settings/programme';
import { UsageError } from '../runtime/errors';
import { type Text, t } from '../text/messages';
import { buildReport, type Period, type Reader, type Report, type ReportAudience, type Scope } from './buildReport';
import type { Figure, Section } from './figures';

/** Two periods side by side, or the mentees of each chat language within one period. */
export type Comparison = { by: 'periods'; periods: [Period, Period] } | { by: 'language'; period: Period };

/** One column of a comparison: its figures, for its period and, by language, its mentees. */
export interface ReportGroup {
  /** For files: `2027-01-01..2027-03-31`, `..2026-12-31`, `language:ar`, `language:none` or `all`. */
  id: string;
  title: Text;
  from: string | null;
  to: string | null;
  sections: Section[];
}

export interface ComparedReport {
  programme: string;
  comparison: Comparison['by'];
  groups: ReportGroup[];
  minimumCell: number;
}

/**
 * The same report for each group, side by side. Every cell follows the small-cell rules, and beyond
 * them, when a group's figure is suppressed, the same figure of the next smallest groups is
 * suppressed too until the hidden ones together rest on `minimumCell` or more cases (and, for a
 * share, on as many on either side of it), so that no hidden cell can be worked out from the whole
 * and the other groups. By language, the first group is all the mentees. Overlapping periods are
 * refused: a person counted in both would be found by subtraction.
 */
export function compareReports(db: Reader, programme: Programme, comparison: Comparison, now: Date, audience: ReportAudience = 'funder'): ComparedReport {
  const scopes = groupsOf(db, programme, comparison);
  const shown = scopes.map((g) => buildReport(db, programme, g.scope, now, audience));
  // The same figures unsuppressed, only to know how many cases lie behind each hidden cell; they never leave this function.
  const open = { ...programme, report: { ...programme.report, minimumCell: 0 } };
  const raw = scopes.map((g) => buildReport(db, open, g.scope, now, audience));
  // By language the first column is the whole; the groups add up to it.
  const parts = comparison.by === 'language' ? scopes.slice(1).map((_, i) => i + 1) : scopes.map((_, i) => i);
  const protectedReports = acrossGroups(shown, raw, parts, programme.report.minimumCell);
  return {
    programme: programme.name,
    comparison: comparison.by,
    minimumCell: programme.report.minimumCell,
    groups: scopes.map((g, i) => ({ id: g.id, title: g.title, from: g.scope.from ?? null, to: g.scope.to ?? null, sections: protectedReports[i]?.sections ?? [] })),
  };
}

/** Whether two periods share a day (an open end reaches forever). */
export function periodsOverlap(a: Period, b: Period): boolean {
  const start = (p: Period) => p.from ?? '0000-01-01';
  const end = (p: Period) => p.to ?? '9999-12-31';
  return start(a) <= end(b) && start(b) <= end(a);
}

function groupsOf(db: Reader, programme: Programme, comparison: Comparison): { id: string; title: Text; scope: Scope }[] {
  switch (comparison.by) {
    case 'periods': {
      const [a, b] = comparison.periods;
      if (periodsOverlap(a, b)) throw new UsageError(`the two periods overlap (${spanText(a)}, and ${spanText(b)}): compare periods that share no day`);
      return [a, b].map((p) => ({ id: span(p), title: t('report.compare.period', { from: p.from ?? '…', to: p.to ?? '…' }), scope: p }));
    }
    case 'language': {
      const { period } = comparison;
      const languages = db.all<{ language: string | null }>(menteeLanguages(programme.id)).map((r) => r.language);
      return [
        { id: 'all', title: t('report.compare.all'), scope: period },
        ...languages.map((language) => ({
          id: `language:${language ?? 'none'}`,
          title: language === null ? t('report.compare.noLanguage') : t('report.compare.language', { language }),
          scope: { ...period, mentees: { language } },
        })),
      ];
    }
  }
}

/**
 * Hides, figure by figure, enough of the other groups' cells that a suppressed one cannot be worked
 * out by subtraction (the idea of `partition`, across the groups `parts` that add up to a whole).
 */
function acrossGroups(shown: Report[], raw: Report[], parts: number[], min: number): Report[] {
  const small = (k: number) => k > 0 && k < min;
  const hide = new Set<string>();
  const key = (group: number, section: string, figure: string) => `${group}|${section}|${figure}`;
  const figureIds = new Map<string, Set<string>>();
  for (const report of shown)
    for (const s of report.sections) {
      const ids = figureIds.get(s.id) ?? new Set<string>();
      for (const f of s.figures) ids.add(f.id);
      figureIds.set(s.id, ids);
    }
  for (const [sectionId, ids] of figureIds) {
    for (const figureId of ids) {
      const cells = parts.flatMap((group) => {
        const figure = findFigure(shown[group], sectionId, figureId);
        const open = findFigure(raw[group], sectionId, figureId);
        if (!figure || !open) return [];
        const part = figure.kind === 'share' && open.value !== null ? Math.round(open.value * open.n) : 0;
        return [{ group, suppressed: figure.suppressed, n: open.n, part, share: figure.kind === 'share' }];
      });
      const hidden = new Set(cells.filter((c) => c.suppressed).map((c) => c.group));
      if (hidden.size === 0) continue;
      const total = (pick: (c: (typeof cells)[number]) => number) => cells.filter((c) => hidden.has(c.group)).reduce((a, c) => a + pick(c), 0);
      const exposed = () => hidden.size < 2 || small(total((c) => c.n)) || (cells.some((c) => c.share) && (small(total((c) => c.part)) || small(total((c) => c.n - c.part))));
      while (exposed()) {
        const next = cells.filter((c) => !hidden.has(c.group) && c.n > 0).sort((a, b) => a.n - b.n)[0];
        if (!next) break;
        hidden.add(next.group);
      }
      for (const group of hidden) hide.add(key(group, sectionId, figureId));
    }
  }
  return shown.map((report, group) => ({
    ...report,
    sections: report.sections.map((s) => ({
      ...s,
      figures: s.figures.map((f): Figure => (hide.has(key(group, s.id, f.id)) ? { ...f, value: null, suppressed: true } : f)),
    })),
  }));
}

function findFigure(report: Report | undefined, sectionId: string, figureId: string): Figure | undefined {
  return report?.sections.find((s) => s.id === sectionId)?.figures.find((f) => f.id === figureId);
}

/** The languages the programme's applicants and mentees chat in, those without one last (as null). */
function menteeLanguages(programmeId: string) {
  return sql`select distinct language from participants where programme_id = ${programmeId} and role in ('applicant', 'mentee')
    order by language is null, language`;
}

/** A period as an id: `2027-01-01..2027-03-31`, open ends left empty (`..2026-12-31`). */
function span(p: Period): string {
  return `${p.from ?? ''}..${p.to ?? ''}`;
}

function spanText(p: Period): string {
  return `${p.from ?? 'the start'} to ${p.to ?? 'now'}`;
}
