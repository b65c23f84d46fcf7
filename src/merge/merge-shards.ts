import { parseGateSet } from '../gates/parse-gates.ts';
import { buildLoadReport } from '../load/load-report.ts';
import { toLoadMetrics } from '../load/metrics/load-metrics.ts';
import { mergeRecorder, Recorder } from '../load/metrics/recorder.ts';
import { selfCheck } from '../load/safety/self-check.ts';
import type { LoadReport } from '../load/types.ts';
import type { LoadCleanup } from '../run/model.ts';
import type { ShardRun } from './read-shard-runs.ts';

/**
 * The shards of one run judged as one: every shard's counters and HDR
 * histograms (total and per operation, corrected and not) added into one
 * recorder, exactly as worker threads merge, so a merged p99 is the p99 of
 * every request; the self-check sees the whole run (planned and sent summed,
 * the busiest shard's CPU and lag); the same `buildLoadReport` judges it.
 * Each shard cleaned up what it created: the ledgers add up (created,
 * deleted, leftover, their reasons), so a leftover on any shard fails the
 * merged run as it failed that shard. PromQL gates read Prometheus over a
 * run's window and are not re-judged.
 */
export function mergeShards(runs: ShardRun[]): { report: LoadReport; notices: string[] } {
  const [first] = runs;
  const { report: r0, shard: s0 } = first;
  const recorder = new Recorder(r0.model === 'open');
  for (const run of runs) mergeRecorder(recorder, run.shard.snapshot);
  const inputs = runs.map((r) => r.shard.selfCheckInput);
  const measuredSec = Math.max(...runs.map((r) => r.shard.measuredSec));
  const totals = toLoadMetrics(recorder.total, measuredSec);
  const sum = (pick: (i: (typeof inputs)[number]) => number | undefined) =>
    inputs.some((i) => pick(i) === undefined) ? undefined : inputs.reduce((n, i) => n + pick(i)!, 0);
  const lags = inputs.map((i) => i.meanLagMs).filter((v): v is number => v !== undefined);
  const check = selfCheck({
    model: r0.model,
    plannedRequests: sum((i) => i.plannedRequests),
    sentRequests: sum((i) => i.sentRequests) ?? 0,
    measuredSec,
    cpu: Math.max(...inputs.map((i) => i.cpu)),
    meanInFlight: sum((i) => i.meanInFlight),
    meanLagMs: lags.length ? Math.max(...lags) : undefined,
    achievedRps: totals.rps,
    meanLatencyMs: totals.latencyMs.mean,
    dropped: sum((i) => i.dropped) ?? 0,
    connectionErrorShare:
      totals.errors.connection /
      Math.max(1, totals.requests + totals.errors.connection + totals.errors.timeouts),
  });
  const written = parseGateSet(s0.gates, `${r0.source}: gates.${r0.env}`);
  const gates = written.filter((g) => g.metric.family !== 'promql');
  const notices: string[] = [];
  if (gates.length < written.length)
    notices.push(
      `${written.length - gates.length} PromQL gate(s) not judged by merge: each shard's run judged them over its own window`,
    );
  const aborted = runs.find((r) => r.report.aborted);
  const starts = runs.map((r) => Date.parse(r.report.startedAt));
  const ends = runs.map((r, i) => starts[i] + r.report.durationMs);
  const report = buildLoadReport({
    profile: { name: r0.profile, source: r0.source },
    env: r0.env,
    model: r0.model,
    startedAt: new Date(Math.min(...starts)),
    durationMs: Math.max(...ends) - Math.min(...starts),
    warmupMs: r0.warmupMs,
    aborted: aborted?.report.aborted
      ? { reason: `shard ${aborted.shard.index}/${aborted.shard.of}: ${aborted.report.aborted.reason}` }
      : undefined,
    recorder,
    measuredSec,
    check,
    gates,
    written: written.length,
    dropped: runs.reduce((n, r) => n + r.report.dropped, 0),
    peakConnections: runs.reduce((n, r) => n + r.report.peakConnections, 0),
    sendsPer100ms: recorder.sendsPer100ms,
    gateWindow: r0.gateWindow,
    cleanup: mergeCleanup(runs.map((r) => r.report.cleanup)),
  });
  return { report, notices };
}

/** The shards' cleanup ledgers summed; undefined when no shard cleaned up. */
function mergeCleanup(ledgers: (LoadCleanup | undefined)[]): LoadCleanup | undefined {
  const present = ledgers.filter((c): c is LoadCleanup => c !== undefined);
  if (!present.length) return undefined;
  const total = (pick: (c: LoadCleanup) => number | undefined) =>
    present.reduce((n, c) => n + (pick(c) ?? 0), 0);
  const reasons: Record<string, number> = {};
  for (const c of present)
    for (const [why, n] of Object.entries(c.leftoverReasons ?? {})) reasons[why] = (reasons[why] ?? 0) + n;
  const sample = present.flatMap((c) => c.leftoverSample ?? []).slice(0, 5);
  const curls = present.flatMap((c) => c.curls ?? []);
  const overflowed = total((c) => c.overflowed);
  const unconfirmed = total((c) => c.unconfirmed);
  return {
    created: total((c) => c.created),
    deleted: total((c) => c.deleted),
    leftover: total((c) => c.leftover),
    ...(overflowed ? { overflowed } : {}),
    ...(unconfirmed ? { unconfirmed } : {}),
    ...(Object.keys(reasons).length ? { leftoverReasons: reasons } : {}),
    ...(sample.length ? { leftoverSample: sample } : {}),
    ...(curls.length ? { curls } : {}),
  };
}
