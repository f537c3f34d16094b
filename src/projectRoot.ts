import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder Kompis is installed in, where its locales, surveys, demo programme and migrations are.
 * Worked out from this file, one folder down; the bundle `npm start` runs (`dist/`, see
 * `bin/build.mjs`) is one folder down too, so the same line is right in both.
 */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A path inside the folder Kompis is installed in. */
export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}
