import type { ParsedGate } from '../../gates/types.ts';
import type { LoadMetrics } from '../../run/model.ts';
import { percentileMs, summarize } from './histogram.ts';
import type { OpStats, Recorder } from './recorder.ts';

/** Totals or one operation's numbers, as the run model reports them. */
export function toLoadMetrics(s: OpStats, seconds: number): LoadMetrics {
  const attempts = s.requests + s.timeouts + s.connection;
  const failed = s.http + s.timeouts + s.connection;
  const metrics: LoadMetrics = {
    requests: s.requests,
    rps: seconds > 0 ? round(s.requests / seconds) : 0,
    latencyMs: summarize(s.latency),
    statusCodes: { ...s.statusCodes },
    errors: {
      http: s.http,
      timeouts: s.timeouts,
      connection: s.connection,
      rate: attempts ? failed / attempts : 0,
    },
  };
  if (s.corrected) {
    const c = summarize(s.corrected);
    metrics.correctedLatencyMs = { p50: c.p50, p95: c.p95, p99: c.p99, max: c.max };
  }
  if (s.sampled > 0) metrics.contract = { sampled: s.sampled, violations: s.violations };
  return metrics;
}

/**
 * The value of each gated metric, in the gate's base unit (ms, ratio, rps,
 * count). Latency gates read the corrected histogram when there is one (open
 * model): that is what a user waiting on the API would have seen.
 */
export function gateValues(
  recorder: Recorder,
  gates: ParsedGate[],
  seconds: number,
): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const { metric } of gates) {
    const s = metric.op ? recorder.perOp.get(metric.op) : recorder.total;
    if (!s) {
      values[metric.name] = null;
      continue;
    }
    values[metric.name] = metricValue(s, metric.family, metric.stat, metric.percentile, seconds);
  }
  return values;
}

function metricValue(
  s: OpStats,
  family: string,
  stat: string,
  percentile: number | undefined,
  seconds: number,
) {
  const attempts = s.requests + s.timeouts + s.connection;
  switch (family) {
    case 'latency': {
      const h = s.corrected ?? s.latency;
      if (h.totalCount === 0) return null;
      if (percentile !== undefined) return percentileMs(h, percentile);
      if (stat === 'mean') return h.mean / 1000;
      if (stat === 'min') return h.minNonZeroValue / 1000;
      return h.maxValue / 1000;
    }
    case 'errors':
      if (stat === 'rate') return attempts ? (s.http + s.timeouts + s.connection) / attempts : null;
      if (stat === 'count') return s.http + s.timeouts + s.connection;
      if (stat === 'http') return s.http;
      if (stat === 'connection') return s.connection;
      return s.timeouts;
    case 'rps':
      return seconds > 0 ? s.requests / seconds : null;
    case 'contract':
      if (stat === 'violations') return s.violations;
      if (stat === 'violationRate') return s.sampled ? s.violations / s.sampled : null;
      return null;
    default:
      // contract.findings and coverage.neverSeen come from contract runs, not load.
      return null;
  }
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
