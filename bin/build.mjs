// @ts-check
// Kompis's bundle: src/cli/main.ts and everything it imports, as JavaScript in dist/, so a start
// loads a few files instead of TypeScript module by module through tsx (about half a second less to
// the first answer). The chat libraries stay in node_modules, and each channel's adapter is a chunk
// of its own, loaded only when that channel is set up. `npm run build` writes it; `bin/kompis.mjs`
// writes it when it is missing or older than a source file.
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The bundle's folder: one folder down, as `src/projectRoot.ts` expects. */
export const DIST = join(ROOT, 'dist');
export const ENTRY = join(DIST, 'main.mjs');
const SOURCES = ['src', 'adapters', 'flows', 'db'].map((dir) => join(ROOT, dir));
const BUNDLED = /\.(ts|tsx|json)$/;

/** Whether the bundle exists and is newer than every TypeScript (and JSON) file it may be made of. */
export function bundleIsCurrent() {
  let built;
  try {
    built = statSync(ENTRY).mtimeMs;
  } catch {
    return false;
  }
  return SOURCES.every((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).every((file) => !BUNDLED.test(file) || statSync(join(dir, file)).mtimeMs <= built));
}

/**
 * Writes the bundle. It is built in a folder of its own and then put in place, so a Kompis starting
 * at the same moment never reads half a bundle. `more` adds entry points (name: TypeScript file
 * from the project's folder), as the benchmark's memory measurement does to run as Kompis runs.
 *
 * @param {Record<string, string>} [more]
 */
export async function build(more = {}) {
  const { build: esbuild } = await import('esbuild');
  const next = `${DIST}.${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  await esbuild({
    entryPoints: { main: join(ROOT, 'src', 'cli', 'main.ts'), ...Object.fromEntries(Object.entries(more).map(([name, file]) => [name, join(ROOT, file)])) },
    outdir: next,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'error',
  });
  const old = `${DIST}.old.${process.pid}`;
  try {
    renameSync(DIST, old);
  } catch {
    // No bundle yet.
  }
  try {
    renameSync(next, DIST);
  } catch (err) {
    // Another Kompis starting at the same moment put its bundle in place first: it is the same one.
    rmSync(next, { recursive: true, force: true });
    if (!bundleIsCurrent()) throw err;
  } finally {
    rmSync(old, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build();
