#!/usr/bin/env node
// @ts-check
// Starts Kompis: what `npm start` and `npm run kompis` run, with the same arguments as
// src/cli/main.ts. It runs the bundle in dist/, and builds it first when it is missing or a source
// file is newer (see bin/build.mjs).
import { build, bundleIsCurrent, ENTRY } from './build.mjs';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

if (!bundleIsCurrent()) {
  try {
    await build();
  } catch (err) {
    // esbuild has already printed a source file's errors with their file and line.
    const line =
      err instanceof Error && 'code' in err
        ? `Kompis could not write its bundle into dist/ (${err.code}): run \`npm run build\` as the owner of this folder, then start again.`
        : 'Kompis could not be built: the errors above name the file and line to fix.';
    process.stderr.write(`${line}\n`);
    process.exit(1);
  }
}
await import(pathToFileURL(ENTRY).href);
