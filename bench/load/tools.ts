import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LoadReport } from '../../src/load/types.ts';

const exec = promisify(execFile);
const root = join(import.meta.dirname, '../..');

export interface Measured {
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

export type TollgateRun = LoadReport & { maxRssMB: number };

/**
 * tollgate in a child process, like the CLI. `inFile`: the profile is written
 * to a file and read back as the CLI reads one (worker threads need that).
 */
export async function runTollgate(
  baseURL: string,
  profile: Record<string, unknown>,
  inFile = false,
): Promise<TollgateRun> {
  const { stdout } = await exec(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'bench/load/tollgate-child.ts'),
      JSON.stringify({ baseURL, profile, inFile }),
    ],
    { cwd: root, maxBuffer: 64 * 1024 * 1024, timeout: 15 * 60_000 },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

export function tollgateMeasured(r: TollgateRun): Measured {
  return { rps: r.totals.rps, p50Ms: r.totals.latencyMs.p50, p99Ms: r.totals.latencyMs.p99 };
}

/** The autocannon CLI from node_modules, JSON output. */
export async function runAutocannon(url: string, connections: number, seconds: number): Promise<Measured> {
  const bin = join(root, 'node_modules/.bin/autocannon');
  const { stdout } = await exec(bin, ['-c', String(connections), '-d', String(seconds), '-j', url], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const r = JSON.parse(stdout);
  return { rps: r.requests.total / r.duration, p50Ms: r.latency.p50, p99Ms: r.latency.p99 };
}

/** wrk with --latency and one thread (one core, like Node's event loop) unless told. */
export async function runWrk(
  url: string,
  connections: number,
  seconds: number,
  threads = 1,
): Promise<Measured> {
  const { stdout } = await exec('wrk', [
    `-t${threads}`,
    `-c${connections}`,
    `-d${seconds}s`,
    '--latency',
    url,
  ]);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
  const pct = (p: string) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(stdout);
    if (!m) return Number.NaN;
    return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2] as 'us' | 'ms' | 's'];
  };
  return { rps, p50Ms: pct('50'), p99Ms: pct('99') };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function fmt(v: number, digits = 2): string {
  return Number.isFinite(v) ? v.toFixed(digits) : 'n/a';
}
