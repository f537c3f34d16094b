import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, type Module } from '../helpers/importGraph';

const modules = importGraph(['src', 'flows', 'adapters', 'db']);

/** Every import of a file under `from` that does not satisfy `allowed`, as "file → import". */
function breaches(from: string | RegExp, allowed: (target: string, module: Module) => boolean): string[] {
  return modules
    .filter((m) => (typeof from === 'string' ? m.file.startsWith(from) : from.test(m.file)))
    .flatMap((m) => [...m.local, ...m.packages].filter((target) => !allowed(target, m)).map((target) => `${m.file} → ${target}`));
}

const under = (target: string, ...folders: string[]) => folders.some((folder) => target.startsWith(folder));

describe('the direction of imports', () => {
  it('has no import cycle', () => {
    expect(importCycles(new Map(modules.map((m) => [m.file, m.local])))).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const edges = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCycles(edges)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('keeps the flows pure: they import only flows, the message vocabulary and zod', () => {
    expect(breaches('flows/', (target) => under(target, 'flows/', 'src/text/') || target === 'zod')).toEqual([]);
  });

  it('keeps the text vocabulary free of the rest of Kompis', () => {
    expect(breaches('src/text/', (target) => !target.includes('/') || under(target, 'src/text/', 'src/runtime/', 'node:'))).toEqual([]);
  });

  // adapters/channels.ts, the registry of channels, is the wiring between them and may import them all.
  it('lets an adapter use only its own folder, the channel contract, errors and the logger', () => {
    const allowed = (target: string, m: Module) =>
      !target.startsWith('src/') && !target.startsWith('adapters/') && !target.startsWith('db/')
        ? true
        : under(target, m.file.split('/').slice(0, 2).join('/') + '/', 'src/channels/') || target === 'src/runtime/errors.ts' || target === 'src/runtime/logger.ts';
    expect(breaches(/^adapters\/[^/]+\//, allowed)).toEqual([]);
  });

  it('keeps delivery apart from conversation state', () => {
    expect(breaches('src/delivery/', (target) => !under(target, 'src/conversation/'))).toEqual([]);
  });

  // The route contract (src/channels/httpRoute.ts) takes the server's types; nothing else listens.
  it('has one HTTP server: only src/http/ imports node:http or @hono/node-server', () => {
    const server = ['node:http', 'node:https', '@hono/node-server'];
    const outside = modules.filter((m) => !m.file.startsWith('src/http/') && m.file !== 'src/channels/httpRoute.ts' && m.packages.some((p) => server.includes(p)));
    expect(outside.map((m) => m.file)).toEqual([]);
  });

  it('keeps the platform libraries inside adapters', () => {
    const platform = ['grammy', '@slack/bolt', '@slack/web-api', 'whatsapp-web.js'];
    const outside = modules.filter((m) => !m.file.startsWith('adapters/') && m.packages.some((p) => platform.includes(p)));
    expect(outside.map((m) => m.file)).toEqual([]);
  });
});
