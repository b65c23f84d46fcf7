/**
 * `npm run bench`: every benchmark under bench/, one after another (they
 * would disturb each other in parallel). Each writes its own bench/results/*.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const benches = [
  'load/run.ts',
  'closed-workers/run.ts',
  'contract-vs-schemathesis/run.ts',
  'diff-vs-oasdiff/run.ts',
  'cli-startup/run.ts',
  'monitor-cost/run.ts',
  'compare/run.ts',
];
let failed = 0;
for (const bench of benches) {
  const file = join(import.meta.dirname, bench);
  if (!existsSync(file)) {
    console.log(`bench: skipping ${bench} (not there)`);
    continue;
  }
  console.log(`bench: ${bench}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`bench: ${bench} exited with ${r.status}`);
  }
}
process.exitCode = failed ? 1 : 0;
