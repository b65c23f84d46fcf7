/**
 * How long a big spec takes to load and how much memory it costs: a 50 MB
 * JSON spec of 5,000 operations and a 2,000-operation one, each loaded by
 * `loadSpec` in a fresh process (wall time, peak RSS). Measurements only; no
 * test asserts speed. Usage: node --import tsx bench/spec-load/run.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bigSpec } from '../../test/support/big-spec.ts';

const loader = resolve(import.meta.dirname, '../../src/spec/load-spec.ts');
const dir = mkdtempSync(join(tmpdir(), 'tollgate-spec-bench-'));
const inputs: [string, Record<string, unknown>][] = [
  ['2,000 operations', bigSpec(2000)],
  ['5,000 operations, 50 MB', bigSpec(5000, 10_000)],
];
for (const [name, spec] of inputs) {
  const file = join(dir, `${name.replace(/\W+/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const script = `const { loadSpec } = await import(${JSON.stringify(loader)});
const t0 = performance.now();
const spec = await loadSpec(${JSON.stringify(file)});
console.log(JSON.stringify({ ms: performance.now() - t0, operations: spec.operations.length, maxRssMB: process.resourceUsage().maxRSS / 1024 }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  const r = JSON.parse(out.trim().split('\n').at(-1) ?? '{}');
  const mb = (statSync(file).size / 1048576).toFixed(1);
  console.log(
    `${name} (${mb} MB): ${r.operations} operations in ${(r.ms / 1000).toFixed(1)} s, peak RSS ${Math.round(r.maxRssMB)} MB`,
  );
}
