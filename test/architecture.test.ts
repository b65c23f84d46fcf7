import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'vitest';

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
  command: ['config', 'errors', 'http'],
  watch: ['command', 'load', 'traffic', 'gates', 'run', 'report', 'http', 'spec', 'config', 'errors'],
  diff: ['spec', 'errors'],
  'export-k6': ['config', 'gates', 'load', 'spec', 'http', 'errors'],
  'import-k6': ['gates', 'load', 'spec', 'run', 'errors'],
  merge: ['gates', 'load', 'run', 'errors'],
  'export-k8s': ['config'],
  init: ['spec', 'cases', 'traffic', 'config', 'generate', 'errors'],
  report: ['run', 'http'],
  prometheus: ['gates', 'config', 'run', 'errors'],
  'metrics-out': ['run', 'load', 'errors'],
  monitor: ['spec', 'schema', 'cases', 'contract', 'traffic', 'config', 'run', 'errors'],
  traffic: ['spec', 'load', 'errors'],
  compare: ['command', 'spec', 'load', 'traffic', 'contract', 'target', 'config', 'run', 'errors', 'http'],
  target: ['config', 'spec', 'errors', 'http'],
  run: [
    'checks',
    'command',
    'compare',
    'config',
    'contract',
    'diff',
    'errors',
    'gates',
    'generate',
    'http',
    'load',
    'prometheus',
    'report',
    'spec',
    'target',
  ],
  'test-kit': ['cases', 'checks', 'contract', 'http', 'run', 'schema', 'spec', 'target'],
  playwright: ['target', 'spec', 'http', 'test-kit'],
  vitest: ['target', 'spec', 'http', 'test-kit'],
  cli: [
    'command',
    'compare',
    'traffic',
    'config',
    'contract',
    'diff',
    'errors',
    'export-k6',
    'export-k8s',
    'gates',
    'import-k6',
    'merge',
    'generate',
    'init',
    'load',
    'report',
    'run',
    'spec',
    'target',
    'checks',
    'prometheus',
    'watch',
    'metrics-out',
    'monitor',
  ],
  public: ['config', 'load', 'playwright', 'run', 'vitest'],
};
const onlyHere: Record<string, string[]> = {
  autocannon: ['load'],
  '@playwright/test': ['playwright', 'public'],
  vitest: ['vitest', 'public'],
  'prom-client': ['metrics-out', 'monitor'],
};

/**
 * The rooms inside src/load/ (ARCHITECTURE.md, "Inside src/load/"): which room
 * may import which. The files at the top (`run-load.ts`, `types.ts`,
 * `format-summary.ts`) put the rooms together and may import them all; no room
 * imports the top.
 */
const loadRooms: Record<string, string[]> = {
  profile: [],
  plan: ['profile'],
  metrics: [],
  cleanup: ['plan'],
  safety: ['profile'],
  shard: ['profile'],
  engines: ['profile', 'plan', 'metrics', 'cleanup', 'shard'],
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

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from |import\()'(\.[^']+)'/g)].map((m) => resolve(file, '..', m[1]));
}

test('every room of src/load/ imports only the rooms ARCHITECTURE.md allows', () => {
  const load = join(src, 'load');
  const violations: string[] = [];
  for (const file of files(load)) {
    const [room, ...rest] = relative(load, file).split('/');
    if (rest.length === 0) continue;
    assert.ok(
      room in loadRooms,
      `src/load/${room}/ is not in ARCHITECTURE.md's rooms (add it there and here)`,
    );
    for (const target of relativeImports(file)) {
      const path = relative(load, target);
      if (path.startsWith('..')) continue;
      const [to, ...below] = path.split('/');
      if (below.length === 0)
        violations.push(`load/${relative(load, file)} imports the top of src/load (${to})`);
      else if (to !== room && !loadRooms[room].includes(to))
        violations.push(`load/${relative(load, file)} imports load/${to}/`);
    }
  }
  assert.deepEqual(violations, []);
});

test('src/load/ has no import circles', () => {
  const load = join(src, 'load');
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push(
        path
          .slice(path.indexOf(file))
          .map((f) => relative(load, f))
          .join(' -> '),
      );
      return;
    }
    state.set(file, 'open');
    for (const target of relativeImports(file)) if (target.startsWith(load)) visit(target, [...path, target]);
    state.set(file, 'done');
  };
  for (const file of files(load)) visit(file, [file]);
  assert.deepEqual(cycles, []);
});
