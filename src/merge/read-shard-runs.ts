import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TollgateError } from '../errors/tollgate-error.ts';
import type { LoadReport, ShardRecord } from '../load/types.ts';

/** One shard's load.json as `tollgate load --shard i/n` wrote it. */
export interface ShardRun {
  /** The folder (or file) as the user named it. */
  shown: string;
  report: LoadReport & { baseURL?: string };
  shard: ShardRecord;
}

/** Reads `<dir>/load.json` (or the load.json named) of a shard's run; anything else is one line, exit 2. */
export function readShardRun(path: string, shown: string): ShardRun {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'load.json') : path;
  if (!existsSync(file))
    throw new TollgateError(
      'TG_SHARD_INPUT',
      `no load.json in ${shown}: it is not a run folder of tollgate load`,
    );
  let report: ShardRun['report'];
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new TollgateError('TG_SHARD_INPUT', `${shown}: load.json is not JSON`);
  }
  if (!report?.shard?.snapshot)
    throw new TollgateError(
      'TG_SHARD_INPUT',
      `${shown} is not a shard's run (its load.json has no shard record): run tollgate load <profile> --shard i/n`,
    );
  return { shown, report, shard: report.shard };
}

/**
 * Refuses shards that are not one whole run: another profile, environment,
 * model, base URL, shard count or overrides than the first; a shard given
 * twice; a shard missing. Returns the shards in index order.
 */
export function assertWholeRun(runs: ShardRun[]): ShardRun[] {
  const [first] = runs;
  const same: [string, (r: ShardRun) => unknown][] = [
    ['profile', (r) => `${r.report.profile} (${r.report.source})`],
    ['environment', (r) => r.report.env],
    ['model', (r) => r.report.model],
    ['base URL', (r) => r.report.baseURL],
    ['shard count', (r) => r.shard.of],
    ['overrides', (r) => JSON.stringify(r.shard.overrides ?? {})],
    ['gates', (r) => JSON.stringify(r.shard.gates)],
  ];
  for (const [what, of] of same) {
    const other = runs.find((r) => of(r) !== of(first));
    if (other)
      throw new TollgateError(
        'TG_SHARD_INPUT',
        `${first.shown} and ${other.shown} differ in ${what} (${String(of(first))} vs ${String(of(other))}): they are not shards of one run`,
      );
  }
  const byIndex = new Map<number, ShardRun>();
  for (const r of runs) {
    const seen = byIndex.get(r.shard.index);
    if (seen)
      throw new TollgateError(
        'TG_SHARD_INPUT',
        `${seen.shown} and ${r.shown} are both shard ${r.shard.index}/${r.shard.of}: pass each shard once`,
      );
    byIndex.set(r.shard.index, r);
  }
  const of = first.shard.of;
  const missing = Array.from({ length: of }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length)
    throw new TollgateError(
      'TG_SHARD_INPUT',
      `shard ${missing.map((i) => `${i}/${of}`).join(', ')} missing: got ${runs.length} of ${of} run folders`,
    );
  return [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i)!);
}
