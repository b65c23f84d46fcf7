import type { TrafficRequest } from '../traffic/read-mix.ts';
import { compareDefaults } from './defaults.ts';
import { type InterleavedOutcome, runInterleaved, type Side } from './interleaved-traffic.ts';
import { judgeLatency, judgeRate } from './judge-metric.ts';
import { scoreVerdict } from './score-verdict.ts';
import type {
  CompareMetricName,
  CompareResult,
  ContractComparison,
  MetricResult,
  MetricRule,
} from './types.ts';

export interface CompareOptions {
  baseline: { url: string; headers: Record<string, string> };
  candidate: { url: string; headers: Record<string, string> };
  basePath: string;
  requests: TrafficRequest[];
  /** Arrivals per second per side. */
  rate: number;
  durationMs: number;
  seed: number;
  /** Per-metric overrides of `compareDefaults.metrics`. */
  metrics?: Partial<Record<CompareMetricName, Partial<MetricRule>>>;
  thresholds?: { pass: number; marginal: number };
  onMarginal?: 'promote' | 'rollback';
  confidence?: number;
  /** Fewer samples than this on a side is too little data. Default: `compareDefaults.minSamples`. */
  minSamples?: number;
  /** Metrics judged outside the traffic (the contract runs of both sides), scored with the rest. */
  extra?: { metrics: MetricResult[]; contract?: ContractComparison };
  timeoutMs?: number;
  notes?: string[];
  signal?: AbortSignal;
}

/**
 * `tollgate compare` without the CLI: interleaved traffic to both targets,
 * then per operation its latency (Mann-Whitney and Hodges-Lehmann), error
 * rate and 5xx rate (two proportions) judged, and the Kayenta-style score
 * and verdict over all of them. An operation with too little traffic is
 * `nodata`, which never counts as a pass.
 */
export async function runCompare(o: CompareOptions): Promise<CompareResult> {
  const startedAt = new Date();
  const traffic = await runInterleaved({
    sides: { baseline: o.baseline, candidate: o.candidate },
    basePath: o.basePath,
    requests: o.requests,
    rate: o.rate,
    durationMs: o.durationMs,
    seed: o.seed,
    reservoir: compareDefaults.reservoir,
    timeoutMs: o.timeoutMs ?? 10_000,
    signal: o.signal,
  });
  return judgeTraffic(traffic, o, startedAt);
}

/**
 * The judgement half of `runCompare`, on traffic already sent: the same
 * traffic can be judged under other rules (bench/compare judges each run
 * with the defaults and with no allowed effect).
 */
export function judgeTraffic(
  traffic: InterleavedOutcome,
  o: Omit<CompareOptions, 'timeoutMs'>,
  startedAt: Date,
): CompareResult {
  const confidence = o.confidence ?? compareDefaults.confidence;
  const minSamples = o.minSamples ?? compareDefaults.minSamples;
  const judge = { confidence, minSamples };
  const rule = (m: CompareMetricName): MetricRule => ({ ...compareDefaults.metrics[m], ...o.metrics?.[m] });
  const metrics: MetricResult[] = [];
  const ops = [...new Set(o.requests.map((r) => r.op))];
  const empty = { latency: { values: [] as number[] }, requests: 0, errors: 0, fiveXX: 0 };
  for (const op of ops) {
    const b = traffic.tallies.baseline.get(op) ?? empty;
    const c = traffic.tallies.candidate.get(op) ?? empty;
    metrics.push(
      judgeLatency(
        op,
        b.latency.values,
        c.latency.values,
        { baseline: b.requests, candidate: c.requests },
        rule('latency'),
        judge,
      ),
      judgeRate('errors', op, count(b, 'errors'), count(c, 'errors'), rule('errors'), judge),
      judgeRate('5xx', op, count(b, 'fiveXX'), count(c, 'fiveXX'), rule('5xx'), judge),
    );
  }
  metrics.push(...(o.extra?.metrics ?? []));
  const notes = [...(o.notes ?? [])];
  for (const side of ['baseline', 'candidate'] as Side[])
    if (traffic.dropped[side] > 0)
      notes.push(
        `${traffic.dropped[side]} ${side} arrivals not sent: every connection busy and the queue full`,
      );
  const aborted = o.signal?.aborted ? { reason: 'interrupted' } : undefined;
  const thresholds = o.thresholds ?? compareDefaults.thresholds;
  const onMarginal = o.onMarginal ?? compareDefaults.onMarginal;
  return {
    baseline: { url: o.baseline.url },
    candidate: { url: o.candidate.url },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(traffic.elapsedMs),
    rate: o.rate,
    seconds: o.durationMs / 1000,
    seed: o.seed,
    confidence,
    thresholds,
    onMarginal,
    metrics,
    ...(o.extra?.contract ? { contract: o.extra.contract } : {}),
    verdict: scoreVerdict(metrics, { thresholds, onMarginal, aborted }),
    aborted,
    minSamples,
    warnings: metrics.filter((m) => m.class === 'nodata').map((m) => m.reason),
    notes,
  };
}

function count(
  t: { requests: number; errors: number; fiveXX: number },
  key: 'errors' | 'fiveXX',
): { count: number; requests: number } {
  return { count: t[key], requests: t.requests };
}
