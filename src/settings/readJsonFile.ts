import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';

/** The most a settings file (a programme, a survey) may weigh; the bundled ones are a few KB. */
export const MAX_SETTINGS_BYTES = 1024 * 1024;

/**
 * Reads a settings file the operator named and parses it as JSON. Returns the value, or why it
 * cannot be used, in words that never quote the file: a file given by mistake (a password file, a
 * key) must not end up in a terminal or a log. Only a regular file is opened, so a device
 * (`/dev/zero`) or a named pipe cannot make the start read forever or hang.
 *
 * With `within`, the file (after following links) must lie inside that folder.
 */
export function readJsonFile(path: string, within?: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return { ok: false, reason: 'there is no such file' };
  }
  if (within !== undefined && !inside(real, within)) {
    return { ok: false, reason: `it is outside the programme's folder (${within}); put it next to the programme file` };
  }
  const stat = statSync(real);
  if (!stat.isFile()) return { ok: false, reason: 'it is not a regular file' };
  if (stat.size > MAX_SETTINGS_BYTES) return { ok: false, reason: `it is larger than ${MAX_SETTINGS_BYTES / 1024} KB` };
  let text: string;
  try {
    text = readFileSync(real, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'unknown';
    return { ok: false, reason: `it cannot be read (${code})` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: `it is not valid JSON${lineOfError(text, err)}` };
  }
}

function inside(real: string, folder: string): boolean {
  let base: string;
  try {
    base = realpathSync(folder);
  } catch {
    return false;
  }
  const rel = relative(base, real);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** " (line 3)": where JSON.parse gave up, without its message, which quotes the text. */
function lineOfError(text: string, err: unknown): string {
  const position = /position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1];
  return position === undefined ? '' : ` (line ${text.slice(0, Number(position)).split('\n').length})`;
}
