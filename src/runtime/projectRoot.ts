import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder Kompis is installed in, where its locales, surveys, demo programme and migrations are:
 * the nearest folder above this file with a `package.json`. Found the same way from the TypeScript
 * sources and from the bundle `npm start` runs (`dist/`, see `bin/build.mjs`).
 */
export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the folder Kompis is installed in. */
export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}: Kompis's files are not where it was installed`);
  }
}
