/**
 * Runs one tollgate load in its own process (as the CLI would) so it can be
 * compared with autocannon and wrk process for process: prints the report
 * (without histograms) and the process's peak RSS as JSON.
 */
import { runLoad } from '../../src/load/run-load.ts';

const config = JSON.parse(process.argv[2]) as { baseURL: string; profile: Record<string, unknown> };
const report = await runLoad({
  profile: { name: 'bench', source: 'bench', options: config.profile as never },
  env: 'bench',
  baseURL: config.baseURL,
  validate: false,
});
const { histograms: _h, sendsPer100ms: _s, ...rest } = report;
process.stdout.write(`${JSON.stringify({ ...rest, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
