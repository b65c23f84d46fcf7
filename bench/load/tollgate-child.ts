/**
 * Runs one tollgate load in its own process (as the CLI would) so it can be
 * compared with autocannon and wrk process for process: prints the report
 * (without histograms) and the process's peak RSS as JSON.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile } from '../../src/load/profile/load-profile.ts';
import { runLoad } from '../../src/load/run-load.ts';

const config = JSON.parse(process.argv[2]) as {
  baseURL: string;
  profile: Record<string, unknown>;
  inFile?: boolean;
};
const dir = config.inFile ? mkdtempSync(join(tmpdir(), 'tollgate-bench-')) : undefined;
if (dir) writeFileSync(join(dir, 'bench.mjs'), `export default ${JSON.stringify(config.profile)};\n`);
const profile = dir
  ? await loadProfile(join(dir, 'bench.mjs'), { loadDir: dir, cwd: dir })
  : { name: 'bench', source: 'bench', options: config.profile as never };
const report = await runLoad({
  profile,
  env: 'bench',
  baseURL: config.baseURL,
  validate: false,
});
if (dir) rmSync(dir, { recursive: true, force: true });
const { histograms: _h, sendsPer100ms: _s, ...rest } = report;
process.stdout.write(`${JSON.stringify({ ...rest, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
