import { AGE_BANDS, HEARD_FROM, WORK_NOW } from '../../flows/intake/intakeFlow';
import { parseAnswers } from '../people/storedAnswers';
import { t } from '../text/messages';
import { type Cells, type Section, section } from './figures';
import { choiceShares, timepointText } from './surveyItems';

/** What the about-texts have in the reader's words; the other options are neutral in the applicant's. */
const WORK_NOW_ABOUT = ['none', 'belowEducation', 'fitsEducation', 'education'];
const YEARS = ['lessThan1', '1-2', '3-5', '6plus'];
const IN_WORK = ['belowEducation', 'fitsEducation'];

/** A mentee's outcome at a time point with what they answered at intake. */
export interface BaselineOutcome {
  timepoint: string;
  status: string;
  fits: string | null;
  answers: string;
}

/**
 * The baseline: what the applicants of the period did when they applied, how long they had lived in
 * the country, where the programme asks their gender and age band, and how they heard of the
 * programme, as shares of those who answered each question.
 */
export function baselineSections(cells: Cells, applicationAnswers: string[]): Section[] {
  const answered = applicationAnswers.map(parseAnswers);
  const values = (id: string) => answered.map((a) => a[id]).filter((v): v is string => typeof v === 'string');
  const option = (group: string, value: string) => t(group === 'workNow' && WORK_NOW_ABOUT.includes(value) ? `about.option.workNow.${value}` : `intake.options.${group}.${value}`);
  const sections: Section[] = [];
  const add = (id: string, group: string, options: string[]) => {
    const given = values(group);
    if (given.length === 0) return;
    sections.push(
      section(
        `baseline.${id}`,
        true,
        choiceShares(
          cells,
          options.map((o) => ({ id: o, label: option(group, o) })),
          given,
        ),
      ),
    );
  };
  add('workNow', 'workNow', WORK_NOW);
  add('yearsInCountry', 'yearsInCountry', YEARS);
  add('gender', 'gender', ['woman', 'man', 'other', 'preferNot']);
  add('ageBand', 'ageBand', AGE_BANDS);
  add('heardFrom', 'heardFrom', HEARD_FROM);
  return sections;
}

/**
 * Change from the baseline, per time point, for the mentees who said at intake what they did and
 * answered at that time point: in work, and in work that fits their education, then and now.
 */
export function changeSections(cells: Cells, rows: BaselineOutcome[]): Section[] {
  const timepoints = [...new Set(rows.map((r) => r.timepoint))].sort((a, b) => (a === 'end' ? -1 : b === 'end' ? 1 : a.localeCompare(b, 'en', { numeric: true })));
  return timepoints.flatMap((timepoint) => {
    const both = rows
      .filter((r) => r.timepoint === timepoint)
      .flatMap((r) => {
        const before = parseAnswers(r.answers).workNow;
        return typeof before === 'string' && WORK_NOW.includes(before) ? [{ before, status: r.status, fits: r.fits }] : [];
      });
    if (both.length === 0) return [];
    const when = timepointText(timepoint);
    return [
      section(
        `change.${timepoint}`,
        true,
        [
          cells.count('respondents', t('report.item.bothTimes'), both.length),
          cells.share('inWorkAtStart', t('report.item.inWorkAtStart'), both.filter((b) => IN_WORK.includes(b.before)).length, both.length),
          cells.share('inWorkThen', t('report.item.inWorkThen', { timepoint: when }), both.filter((b) => b.status === 'job').length, both.length),
          cells.share('fitsAtStart', t('report.item.fitsAtStart'), both.filter((b) => b.before === 'fitsEducation').length, both.length),
          cells.share('fitsThen', t('report.item.fitsThen', { timepoint: when }), both.filter((b) => b.status === 'job' && b.fits === 'yes').length, both.length),
        ],
        t('report.section.change', { timepoint: when }),
      ),
    ];
  });
}
