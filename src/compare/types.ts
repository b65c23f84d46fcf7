/**
 * The compare model: what one baseline-vs-candidate comparison measured and
 * decided, as plain data (carried in run.json as `compare`, rendered by every
 * reporter). The verdict is the hook a rollout acts on: `promote` or
 * `rollback` (`decision`), with the metrics that decided it.
 */

import type { CommandRun } from '../command/types.ts';
import type { CompareMetricName } from '../config/types.ts';

/** What is judged per operation (and over all operations, `op: '*'`); named in the config's `compare.metrics`. */
export type { CompareMetricName };

/** Kayenta's classes: pass, high (candidate worse beyond the allowed effect), nodata (too little to judge: never a pass). */
type MetricClass = 'pass' | 'high' | 'nodata';

/** How one metric is judged; every field has a default in `compareDefaults`. */
export interface MetricRule {
  /** Latency: share of the baseline median the candidate may add (0.1 = 10%). Rates: allowed increase in points (0.005 = 0.5%). */
  allowedIncrease: number;
  /** Latency: milliseconds the candidate may add whatever the share says (the larger of the two is allowed). */
  allowedMs: number;
  /** A critical metric that does not pass fails the whole verdict (score 0). */
  critical: boolean;
  /** Weight in the score. */
  weight: number;
}

export interface SideSummary {
  /** Latency samples kept (reservoir) and requests seen. */
  samples: number;
  requests: number;
  /** ms, from the kept samples. */
  p50?: number;
  p95?: number;
  p99?: number;
  /** Count and share for rates. */
  count?: number;
  rate?: number;
  /** PromQL gates: the side's value as Prometheus returned it; absent when not measured. */
  value?: number;
  /** Up to 60 evenly spaced quantiles of the samples (ms) for side-by-side distributions. */
  quantiles?: number[];
}

export interface MetricResult {
  /** `promql`: a PromQL gate judged on each side (`--gate`), critical, decided by the candidate's result. */
  metric: CompareMetricName | 'promql';
  /** operationId, or '*' for all operations together. */
  op: string;
  class: MetricClass;
  critical: boolean;
  weight: number;
  baseline: SideSummary;
  candidate: SideSummary;
  /** Candidate minus baseline: ms (Hodges-Lehmann) for latency, points (0..1) for rates, count for contract. */
  effect?: number;
  lower?: number;
  upper?: number;
  /** What the candidate may add before the metric fails (same unit as effect). */
  allowed?: number;
  pValue?: number;
  /** One line: why this class. */
  reason: string;
  /** PromQL gates (`op` is the gate's name): the threshold and each side's judged query, value and verdict. */
  promql?: { threshold: string; baseline: PromqlSideResult; candidate: PromqlSideResult };
}

/** A PromQL gate judged on one side (the run model's GateResult, kept structural so compare imports nothing of it). */
interface PromqlSideResult {
  measured: number | null;
  measuredText: string;
  verdict: 'pass' | 'fail' | 'unreliable';
  note?: string;
  promql?: { query: string; time: number };
}

export interface ContractComparison {
  /** Findings only the candidate has: regressions. */
  regressions: { check: string; operation: string; title: string }[];
  /** Findings both have. */
  known: { check: string; operation: string; title: string }[];
  /** Findings only the baseline has (fixed by the candidate). */
  fixed: { check: string; operation: string; title: string }[];
}

export interface CompareVerdict {
  score: number;
  /** pass (>= thresholds.pass), marginal (>= thresholds.marginal), fail. */
  classification: 'pass' | 'marginal' | 'fail';
  /** What to do: the exit code follows it (0 promote, 1 roll back). */
  decision: 'promote' | 'rollback';
  /** One line per metric that did not pass, worst first; empty when everything passed. */
  reasons: string[];
  /** A critical metric failed (score forced to 0). */
  criticalFailure?: string;
}

export interface CompareResult {
  baseline: { url: string; apiVersion?: string };
  candidate: { url: string; apiVersion?: string };
  startedAt: string;
  durationMs: number;
  /** Arrival rate per side (rps) and seconds of traffic. */
  rate: number;
  seconds: number;
  seed: number;
  confidence: number;
  thresholds: { pass: number; marginal: number };
  onMarginal: 'promote' | 'rollback';
  metrics: MetricResult[];
  contract?: ContractComparison;
  verdict: CompareVerdict;
  /** Set when the run stopped early; the verdict is then never promote. */
  aborted?: { reason: string };
  /** Fewer samples than this on a side: too little data (`nodata`). */
  minSamples: number;
  /** One line per metric with too little data (never a pass), shown by every reporter. */
  warnings: string[];
  /** The `--on-fail` command, run because the verdict was roll back. */
  rollback?: CommandRun & { trigger: string };
  notes: string[];
}
