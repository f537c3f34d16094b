import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LOCALES_DIR } from '../text/i18n';
import { LANGUAGE_CODES } from '../text/languages';
import { readJsonFile } from './readJsonFile';

/** Texts by key, nested as in `locales/<code>.json`. */
export type LocaleTree = { [key: string]: string | LocaleTree };

/**
 * A programme's own wording: `locales/<code>.json` beside its programme file, with only the keys it
 * changes (same nesting as Kompis's `locales/<code>.json`). Laid over the bundled texts of that
 * language; every other text stays as released. Returns the overrides by language, or the problems
 * found, one line each: a language Kompis has no texts for, a key that is not one of Kompis's texts
 * (a typo would otherwise change nothing, silently), or a text that leaves out or adds a variable.
 */
export function readLocaleOverrides(programmeDir: string): { overrides: Record<string, LocaleTree>; problems: string[] } {
  const dir = join(programmeDir, 'locales');
  const overrides: Record<string, LocaleTree> = {};
  const problems: string[] = [];
  if (!existsSync(dir)) return { overrides, problems };
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const code = basename(file, '.json');
    const path = join(dir, file);
    if (!(LANGUAGE_CODES as readonly string[]).includes(code)) {
      problems.push(`${path}: Kompis has no texts in "${code}"; name the file after one of ${LANGUAGE_CODES.join(', ')}`);
      continue;
    }
    const read = readJsonFile(path, programmeDir);
    if (!read.ok) {
      problems.push(`${path}: ${read.reason}`);
      continue;
    }
    const bundled = JSON.parse(readFileSync(join(LOCALES_DIR, `${code}.json`), 'utf8')) as LocaleTree;
    const found = treeProblems(read.value, bundled, '');
    if (found.length > 0) problems.push(...found.map((p) => `${path}: ${p}`));
    else overrides[code] = read.value as LocaleTree;
  }
  return { overrides, problems };
}

function treeProblems(value: unknown, bundled: LocaleTree | string | undefined, prefix: string): string[] {
  if (typeof value === 'string') {
    if (typeof bundled !== 'string') return [`${prefix}: is not one of Kompis's texts`];
    const missing = variables(bundled).filter((v) => !variables(value).includes(v));
    const extra = variables(value).filter((v) => !variables(bundled).includes(v));
    if (missing.length + extra.length === 0) return [];
    return [`${prefix}: must keep the variables of Kompis's text (${variables(bundled).join(', ') || 'none'})`];
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${prefix || '(top level)'}: must be a text or a group of texts`];
  if (typeof bundled !== 'object') return [`${prefix}: is not one of Kompis's texts`];
  return Object.entries(value).flatMap(([key, child]) => treeProblems(child, bundled[key], prefix ? `${prefix}.${key}` : key));
}

/** The variable names of a text, without formatters: `{{date, day}}` is `date`. */
function variables(text: string): string[] {
  return [...new Set([...text.matchAll(/{{\s*([^},]+?)\s*(?:,[^}]*)?}}/g)].map((m) => m[1] ?? ''))].sort();
}
