/**
 * How fast `tollgate --help` and `tollgate --version` answer (issue 14: they
 * should not wait for every command's imports). Spawns each BENCH_REPS times
 * (default 10) and writes medians and worst cases to bench/results/cli-startup.md.
 * A benchmark, not a test: the shared machine makes timings noisy.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

const reps = Number(process.env.BENCH_REPS ?? 10);
const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/tollgate.js');

function timeOnce(args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`tollgate ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const rows: string[] = [];
for (const args of [['--version'], ['--help'], ['contract', '--help']]) {
  const times = Array.from({ length: reps }, () => timeOnce(args)).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  rows.push(`| \`tollgate ${args.join(' ')}\` | ${median.toFixed(0)} | ${times.at(-1)?.toFixed(0)} |`);
}
const out = [
  '# CLI startup',
  '',
  `${reps} runs each, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}, node ${process.version}.`,
  '',
  '| command | median ms | worst ms |',
  '| --- | --- | --- |',
  ...rows,
  '',
].join('\n');
console.log(out);
mkdirSync(join(import.meta.dirname, '../results'), { recursive: true });
writeFileSync(join(import.meta.dirname, '../results/cli-startup.md'), out);
