import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';

/**
 * ARCHITECTURE.md, enforced: which src/ folder may import which, and which
 * folders may touch autocannon or Playwright. Keep the two in step.
 */
const allowed: Record<string, string[]> = {
  errors: [],
  config: ['errors'],
  spec: ['errors'],
  schema: ['spec', 'errors'],
  http: ['config', 'errors'],
  checks: ['spec', 'schema', 'http'],
  cases: ['spec', 'checks'],
  stateful: ['spec', 'cases', 'checks', 'http', 'config'],
  contract: ['spec', 'schema', 'http', 'checks', 'cases', 'stateful', 'config', 'run', 'errors'],
  gates: ['run', 'errors'],
  load: ['spec', 'checks', 'gates', 'http', 'config', 'run', 'errors', 'stateful'],
  generate: ['config', 'spec', 'errors'],
  diff: ['spec', 'errors'],
  report: ['run', 'http'],
  traffic: ['spec', 'cases', 'errors'],
  compare: ['spec', 'load', 'traffic', 'contract', 'target', 'config', 'run', 'errors', 'http'],
  target: ['config', 'spec', 'errors', 'http'],
  run: [
    'checks',
    'compare',
    'config',
    'contract',
    'diff',
    'errors',
    'gates',
    'generate',
    'http',
    'load',
    'report',
    'spec',
    'target',
  ],
  playwright: ['target', 'spec', 'checks', 'contract', 'cases', 'schema', 'http', 'run'],
  cli: [
    'compare',
    'traffic',
    'config',
    'contract',
    'diff',
    'errors',
    'gates',
    'generate',
    'load',
    'report',
    'run',
    'spec',
    'target',
    'checks',
  ],
  public: ['config', 'load', 'playwright', 'run'],
};
const onlyHere: Record<string, string[]> = {
  autocannon: ['load'],
  '@playwright/test': ['playwright', 'public'],
};

const src = resolve(import.meta.dirname, '../src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

test('every src/ folder imports only what ARCHITECTURE.md allows', () => {
  const violations: string[] = [];
  for (const file of files(src)) {
    const folder = relative(src, file).split('/')[0];
    assert.ok(folder in allowed, `src/${folder} is not in ARCHITECTURE.md's table (add it there and here)`);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/from '([^']+)'/g)) {
      if (spec.startsWith('.')) {
        const target = relative(src, resolve(file, '..', spec)).split('/')[0];
        if (target !== folder && !allowed[folder].includes(target)) {
          violations.push(`${relative(src, file)} imports src/${target}`);
        }
      } else {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (onlyHere[pkg] && !onlyHere[pkg].includes(folder))
          violations.push(`${relative(src, file)} imports ${pkg}`);
      }
    }
  }
  assert.deepEqual(violations, []);
});
