import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, loadConfig } from '../../src/settings/config';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('.env.example', () => {
  it('lists every variable Kompis reads, each with a comment above it, and only those', () => {
    const lines = read('.env.example').split('\n');
    const listed = lines.flatMap((line, i) => {
      const name = /^([A-Z_]+)=/.exec(line)?.[1];
      return name ? [{ name, commented: lines[i - 1]?.startsWith('#') === true }] : [];
    });
    expect(listed.map((l) => l.name).sort()).toEqual([...ENV_VARIABLES].sort());
    expect(listed.filter((l) => !l.commented)).toEqual([]);
    // The example as it is, copied unchanged, is a valid configuration.
    expect(() => loadConfig(Object.fromEntries(lines.flatMap((line) => (/^[A-Z_]+=/.test(line) ? [line.split('=', 2) as [string, string]] : []))))).not.toThrow();
  });
});

describe('the Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const [build = '', image = ''] = dockerfile.split(/^FROM /m).slice(1);

  it('builds in one stage and runs in another, the compilers only in the first', () => {
    expect(build).toMatch(/AS build/);
    expect(build).toMatch(/g\+\+/);
    expect(image).not.toMatch(/g\+\+|python3|make /);
    expect(image).toMatch(/COPY --from=build/);
  });

  it('runs as a user that is not root, keeps the data in /data, and adds Chromium only for WhatsApp', () => {
    expect(image).toMatch(/^USER node$/m);
    expect(image).toMatch(/^VOLUME \/data$/m);
    expect(image).toMatch(/DATABASE_PATH=\/data\/kompis\.db/);
    expect(image).toMatch(/if \[ "\$WHATSAPP" = "1" \]; then[\s\S]*chromium[\s\S]*fi/);
    expect(build).not.toMatch(/chromium/);
  });

  it('starts Node itself, so that docker stop reaches Kompis', () => {
    expect(image).toMatch(/^CMD \["node", "bin\/kompis\.mjs"\]$/m);
    // The bundle is built in the build stage, after the sources are copied: the unprivileged user could not write it.
    expect(build.indexOf('RUN npm run build')).toBeGreaterThan(build.indexOf('COPY . .'));
  });
});

describe('the systemd unit', () => {
  it('starts Node itself as its own user and gives it time to stop', () => {
    const unit = read('deploy/kompis.service');
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node bin\/kompis\.mjs$/m);
    expect(unit).toMatch(/^User=kompis$/m);
    expect(unit).toMatch(/^TimeoutStopSec=1[0-9]$/m);
  });
});
