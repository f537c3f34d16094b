import type { Survey, SurveyItem } from '../../flows/survey/surveySchema';
import { parseAnswers } from '../people/storedAnswers';
import { t } from '../text/messages';
import { type Cells, type Figure, type Label, median, type Quote, type Section, section } from './figures';

/** One survey answer as stored: whose (pseudonymously), which survey and time point, and the answers. */
export interface ResponseRow {
  survey: string;
  timepoint: string;
  respondent: string;
  answers: string;
  /** The person and their name when they answered with it (and have not deleted their data); else null. */
  participantId: number | null;
  name: string | null;
}

const YES_PARTLY_NO = ['yes', 'partly', 'no'] as const;

/** WHO-5's answers, from "at no time" (0) to "all of the time" (5). */
const WHO5_POINTS: Record<string, number> = { atNoTime: 0, someOfTheTime: 1, lessThanHalf: 2, moreThanHalf: 3, mostOfTheTime: 4, allTheTime: 5 };
const WHO5_ITEMS = ['cheerful', 'calm', 'active', 'rested', 'interest'];

/**
 * Every item of every survey answered in the period, one section per survey, time point and item:
 * choices and yes/partly/no as shares of those who answered the item, each choice of a multi-choice
 * item as the share who chose it, 1–5 and 0–10 items as their distribution with the median. Free
 * text is listed only with `quoteNamed` (the coordinators' view) and only from the answers given with
 * a name: anonymous answers were promised to reach coordinators in totals only, and the funder version
 * never has free text. A person who answered a survey twice at one time point counts once, with their
 * latest answers. WHO-5 is shown as its 0–100 score instead (see `who5Section`).
 */
export function surveyItemSections(cells: Cells, surveys: Record<string, Survey>, rows: ResponseRow[], quoteNamed = false): Section[] {
  const groups = new Map<string, Map<string, Record<string, unknown>>>();
  const named = new Map<string, { participantId: number; name: string }>();
  for (const row of rows) {
    const key = `${row.survey}.${row.timepoint}`;
    const group = groups.get(key) ?? new Map<string, Record<string, unknown>>();
    group.set(row.respondent, parseAnswers(row.answers));
    groups.set(key, group);
    const who = `${key}|${row.respondent}`;
    if (quoteNamed && row.participantId !== null && row.name !== null) named.set(who, { participantId: row.participantId, name: row.name });
    else named.delete(who);
  }
  const sections: Section[] = [];
  for (const [key, byRespondent] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const [surveyId = '', timepoint = ''] = key.split('.');
    const survey = surveys[surveyId];
    if (!survey || surveyId === 'who5') continue;
    const answered = [...byRespondent.values()];
    const quotable = [...byRespondent].flatMap(([respondent, answers]) => {
      const person = named.get(`${key}|${respondent}`);
      return person ? [{ ...person, answers }] : [];
    });
    sections.push(
      section(
        `survey.${key}`,
        false,
        [cells.count('respondents', t('report.item.respondents'), answered.length)],
        t('report.section.survey', { survey: surveyId, timepoint: timepointText(timepoint) }),
      ),
    );
    for (const item of survey.items) {
      if (item.kind === 'text') {
        const quotes = quotesOf(item.id, quotable);
        if (quotes.length > 0) sections.push({ ...section(`survey.${key}.${item.id}`, false, [], { local: item.text }), quotes });
        continue;
      }
      const figures = itemFigures(cells, item, answered);
      if (figures.length > 0) sections.push(section(`survey.${key}.${item.id}`, item.kind !== 'scale10', figures, { local: item.text }));
    }
  }
  return sections;
}

/** The words each named respondent wrote for a free-text item, a name on one line, in the order they answered. */
function quotesOf(itemId: string, people: { participantId: number; name: string; answers: Record<string, unknown> }[]): Quote[] {
  return people.flatMap((p) => {
    const words = p.answers[itemId];
    return typeof words === 'string' && words.trim() !== '' ? [{ participantId: p.participantId, name: p.name.replace(/\s+/g, ' ').trim(), words: words.trim() }] : [];
  });
}

function itemFigures(cells: Cells, item: SurveyItem, answered: Record<string, unknown>[]): Figure[] {
  const values = answered.map((a) => a[item.id]).filter((v) => v !== undefined && v !== null && v !== '');
  switch (item.kind) {
    case 'text':
      return [];
    case 'single':
      return choiceShares(
        cells,
        item.options.map((o) => ({ id: o.value, label: { local: o.text } })),
        values.map(String),
      );
    case 'yesPartlyNo':
      return choiceShares(
        cells,
        YES_PARTLY_NO.map((v) => ({ id: v, label: t(`survey.yesPartlyNo.${v}`) })),
        values.map(String),
      );
    case 'multi': {
      const lists = values.map((v) => (Array.isArray(v) ? v.map(String) : [String(v)]));
      return [
        cells.count('answered', t('report.item.answered'), lists.length),
        ...item.options.map((o) => cells.share(o.value, { local: o.text }, lists.filter((l) => l.includes(o.value)).length, lists.length)),
      ];
    }
    case 'scale5':
    case 'scale10': {
      const top = item.kind === 'scale5' ? 5 : 10;
      const numbers = values.map(Number).filter((n) => Number.isInteger(n) && n >= (top === 5 ? 1 : 0) && n <= top);
      const points = Array.from({ length: top === 5 ? 5 : 11 }, (_, i) => String(top === 5 ? i + 1 : i));
      return [
        cells.measure('median', t('report.item.median'), 'score', median(numbers), numbers.length),
        ...choiceShares(
          cells,
          points.map((p) => ({ id: p, label: t('report.item.point', { point: p }) })),
          numbers.map(String),
        ),
      ];
    }
  }
}

/**
 * Each choice's share of those who answered, with the count behind it suppressed together with the
 * others so that no small cell can be worked out by subtraction.
 */
export function choiceShares(cells: Cells, choices: { id: string; label: Label }[], values: string[]): Figure[] {
  const counted = cells.partition(choices.map((c) => ({ ...c, n: values.filter((v) => v === c.id).length })));
  return [
    cells.count('answered', t('report.item.answered'), values.length),
    ...counted.map((f): Figure => (f.suppressed ? { ...f, kind: 'share' } : cells.measure(f.id, f.label, 'share', values.length > 0 ? f.n / values.length : null, values.length))),
  ];
}

/**
 * WHO-5 as the standard 0–100 score (the five answers 0–5 added and multiplied by four): the median at
 * intake and at the end, for the mentees who answered both, and how many of them scored higher at the end.
 */
export function who5Section(cells: Cells, rows: ResponseRow[]): Section {
  const scores = (timepoint: string) => {
    const latest = new Map(rows.filter((r) => r.survey === 'who5' && r.timepoint === timepoint).map((r) => [r.respondent, parseAnswers(r.answers)]));
    const out = new Map<string, number>();
    for (const [respondent, answers] of latest) {
      const points = WHO5_ITEMS.map((item) => WHO5_POINTS[String(answers[item])]);
      if (points.every((p) => p !== undefined)) out.set(respondent, 4 * points.reduce((a: number, p) => a + (p ?? 0), 0));
    }
    return out;
  };
  const intake = scores('intake');
  const end = scores('end');
  const both = [...intake.keys()].filter((r) => end.has(r));
  const at = (map: Map<string, number>) => both.map((r) => map.get(r) ?? 0);
  return section('wellbeing', false, [
    cells.count('respondents', t('report.item.bothTimes'), both.length),
    cells.measure('intake', t('report.item.who5Intake'), 'score', median(at(intake)), both.length),
    cells.measure('end', t('report.item.who5End'), 'score', median(at(end)), both.length),
    cells.share('better', t('report.item.who5Better'), both.filter((r) => (end.get(r) ?? 0) > (intake.get(r) ?? 0)).length, both.length),
  ]);
}

/** "at the end", "6 months after the end", "at the start". */
export function timepointText(timepoint: string) {
  if (timepoint === 'end') return t('report.timepoint.end');
  if (timepoint === 'intake') return t('report.timepoint.intake');
  return t('report.timepoint.followup', { count: Number(timepoint.replace('followup', '')) });
}
