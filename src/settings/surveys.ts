import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Survey, type SurveyItem, surveySchema } from '../../flows/survey/surveySchema';
import { readJsonFile } from './readJsonFile';
import { projectPath } from '../runtime/projectRoot';

export const SURVEYS_DIR = projectPath('surveys');

/**
 * The bundled surveys, then the programme's own files (paths relative to `baseDir`): a file with the
 * id of a bundled survey replaces it. Returns the surveys by id, or the problems found, one line each.
 */
export function loadSurveys(files: string[], baseDir: string): { surveys: Record<string, Survey>; problems: string[] } {
  const bundled = readdirSync(SURVEYS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(SURVEYS_DIR, f));
  const surveys: Record<string, Survey> = {};
  const ownIds = new Set<string>();
  const problems: string[] = [];
  for (const path of [...bundled, ...files.map((f) => resolve(baseDir, f))]) {
    // The programme's own files must lie in its folder: a programme file cannot make Kompis read
    // (and report on) any file on the machine.
    const read = readJsonFile(path, bundled.includes(path) ? undefined : baseDir);
    if (!read.ok) {
      problems.push(`surveys.files: cannot use ${path}: ${read.reason}`);
      continue;
    }
    const parsed = surveySchema.safeParse(read.value);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((i) => `${path}: ${i.path.join('.') || '(top level)'}: ${i.message}`));
      continue;
    }
    problems.push(...itemProblems(parsed.data).map((p) => `${path}: ${p}`));
    if (!bundled.includes(path)) {
      if (ownIds.has(parsed.data.id)) problems.push(`${path}: id: "${parsed.data.id}" is used by another of surveys.files`);
      ownIds.add(parsed.data.id);
    }
    surveys[parsed.data.id] = parsed.data;
  }
  return { surveys, problems };
}

/** What the schema cannot see: duplicate ids, and conditions that could never hold. */
function itemProblems(survey: Survey): string[] {
  const problems: string[] = [];
  const earlier = new Map<string, SurveyItem>();
  for (const item of survey.items) {
    if (earlier.has(item.id)) problems.push(`items.${item.id}: the id is used twice`);
    const when = item.when;
    const on = when ? earlier.get(when.item) : undefined;
    if (when && !on) problems.push(`items.${item.id}.when: refers to "${when.item}", which is not an earlier item`);
    if (when && on) {
      const values = 'options' in on ? on.options.map((o) => o.value) : on.kind === 'yesPartlyNo' ? ['yes', 'partly', 'no'] : undefined;
      const value = when.equals ?? when.includes;
      if (when.includes !== undefined && on.kind !== 'multi') problems.push(`items.${item.id}.when: "includes" needs a multi item; use "equals"`);
      if (when.equals !== undefined && on.kind === 'multi') problems.push(`items.${item.id}.when: "equals" never holds for a multi item; use "includes"`);
      if (value !== undefined && values && !values.includes(value)) problems.push(`items.${item.id}.when: "${value}" is not an option of "${when.item}"`);
    }
    earlier.set(item.id, item);
  }
  return problems;
}
