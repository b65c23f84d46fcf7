import { hodgesLehmann } from './stats/hodges-lehmann.ts';
import { mannWhitneyU } from './stats/mann-whitney.ts';
import { compareProportions } from './stats/proportions.ts';
import type {
  CompareMetricName,
  ContractComparison,
  MetricResult,
  MetricRule,
  SideSummary,
} from './types.ts';

/** What every judgement needs besides the data. */
export interface JudgeOptions {
  confidence: number;
  minSamples: number;
}

/**
 * Latency of one operation, as Kayenta's Mann-Whitney classifier judges a
 * metric: the Hodges-Lehmann shift of candidate over baseline with its
 * confidence interval; the metric is `high` when even the interval's lower
 * bound exceeds the allowed effect (the larger of a share of the baseline
 * median and a fixed number of ms), so noise and harmless shifts pass. Too
 * few samples on either side is `nodata`, never a pass.
 */
export function judgeLatency(
  op: string,
  baseline: readonly number[],
  candidate: readonly number[],
  seen: { baseline: number; candidate: number },
  rule: MetricRule,
  options: JudgeOptions,
): MetricResult {
  const sides = {
    baseline: summarise(baseline, seen.baseline),
    candidate: summarise(candidate, seen.candidate),
  };
  const base = { metric: 'latency' as const, op, critical: rule.critical, weight: rule.weight, ...sides };
  const median = sides.baseline.p50 ?? 0;
  const allowed = Math.max(rule.allowedIncrease * median, rule.allowedMs);
  const why = `${rule.allowedIncrease * 100}% of the baseline median ${ms(median)} or ${rule.allowedMs} ms`;
  if (baseline.length < options.minSamples || candidate.length < options.minSamples) {
    return {
      ...base,
      class: 'nodata',
      allowed,
      reason: `${label(op, 'latency')}: too little data (${baseline.length} baseline and ${candidate.length} candidate samples; needs ${options.minSamples} each)`,
    };
  }
  const shift = hodgesLehmann(baseline, candidate, options.confidence);
  const { pValue } = mannWhitneyU(baseline, candidate);
  const interval = `${pct(options.confidence)} CI ${signed(shift.lower)}..${signed(shift.upper)} ms`;
  if (shift.lower === undefined || shift.upper === undefined) {
    return {
      ...base,
      class: 'nodata',
      allowed,
      effect: shift.estimate,
      pValue,
      reason: `${label(op, 'latency')}: too little data for a confidence interval`,
    };
  }
  const high = shift.lower > allowed;
  return {
    ...base,
    class: high ? 'high' : 'pass',
    effect: shift.estimate,
    lower: shift.lower,
    upper: shift.upper,
    allowed,
    pValue,
    reason: high
      ? `${label(op, 'latency')}: candidate ${signed(shift.estimate)} ms slower at the median (${interval}, p=${p(pValue)}), allowed +${round(allowed)} ms (${why})`
      : `${label(op, 'latency')}: ${signed(shift.estimate)} ms (${interval}) within +${round(allowed)} ms`,
  };
}

/**
 * A rate (errors, 5xx) of one operation or of all: Newcombe's interval for
 * the candidate's increase; `high` when its lower bound exceeds the allowed
 * increase in points. Fewer requests than `minSamples` on a side: `nodata`.
 */
export function judgeRate(
  metric: 'errors' | '5xx',
  op: string,
  baseline: { count: number; requests: number },
  candidate: { count: number; requests: number },
  rule: MetricRule,
  options: JudgeOptions,
): MetricResult {
  const side = (s: { count: number; requests: number }): SideSummary => ({
    samples: s.requests,
    requests: s.requests,
    count: s.count,
    rate: s.requests > 0 ? s.count / s.requests : undefined,
  });
  const base = {
    metric,
    op,
    critical: rule.critical,
    weight: rule.weight,
    baseline: side(baseline),
    candidate: side(candidate),
    allowed: rule.allowedIncrease,
  };
  if (baseline.requests < options.minSamples || candidate.requests < options.minSamples) {
    return {
      ...base,
      class: 'nodata',
      reason: `${label(op, metric)}: too little data (${baseline.requests} baseline and ${candidate.requests} candidate requests; needs ${options.minSamples} each)`,
    };
  }
  const r = compareProportions(
    baseline.count,
    baseline.requests,
    candidate.count,
    candidate.requests,
    options.confidence,
  );
  const high = r.lower > rule.allowedIncrease;
  const rates = `candidate ${pctOf(candidate.count, candidate.requests)} (${candidate.count}/${candidate.requests}) vs baseline ${pctOf(baseline.count, baseline.requests)} (${baseline.count}/${baseline.requests})`;
  return {
    ...base,
    class: high ? 'high' : 'pass',
    effect: r.difference,
    lower: r.lower,
    upper: r.upper,
    pValue: r.pValue,
    reason: `${label(op, metric)}: ${rates}, ${points(r.difference)} (${pct(options.confidence)} CI ${points(r.lower)}..${points(r.upper)}), allowed ${points(rule.allowedIncrease)}`,
  };
}

/** The contract runs: a finding only the candidate has is a regression. */
export function judgeContract(comparison: ContractComparison, rule: MetricRule): MetricResult {
  const n = comparison.regressions.length;
  const first = comparison.regressions
    .slice(0, 3)
    .map((f) => `${f.check} on ${f.operation}`)
    .join(', ');
  return {
    metric: 'contract',
    op: '*',
    class: n > 0 ? 'high' : 'pass',
    critical: rule.critical,
    weight: rule.weight,
    baseline: { samples: 0, requests: 0, count: comparison.known.length + comparison.fixed.length },
    candidate: { samples: 0, requests: 0, count: comparison.known.length + n },
    effect: n,
    allowed: 0,
    reason:
      n > 0
        ? `contract: ${n} finding${n === 1 ? '' : 's'} only the candidate has (${first}${n > 3 ? ', ...' : ''}); ${comparison.known.length} known on both`
        : `contract: no new findings (${comparison.known.length} known on both, ${comparison.fixed.length} fixed)`,
  };
}

/** Findings of both runs, keyed by check and operation. */
export function compareFindings(
  baseline: { check: string; operation: string; title: string }[],
  candidate: { check: string; operation: string; title: string }[],
): ContractComparison {
  const key = (f: { check: string; operation: string }) => `${f.check}\u0000${f.operation}`;
  const unique = (list: typeof baseline) => [...new Map(list.map((f) => [key(f), f])).values()];
  const b = unique(baseline);
  const c = unique(candidate);
  const inB = new Set(b.map(key));
  const inC = new Set(c.map(key));
  return {
    regressions: c.filter((f) => !inB.has(key(f))),
    known: c.filter((f) => inB.has(key(f))),
    fixed: b.filter((f) => !inC.has(key(f))),
  };
}

/** `getAlbum latency`, `all operations 5xx rate`. */
function label(op: string, metric: CompareMetricName): string {
  const what =
    metric === 'latency'
      ? 'latency'
      : metric === 'errors'
        ? 'error rate'
        : metric === '5xx'
          ? '5xx rate'
          : metric;
  return `${op === '*' ? 'all operations' : op} ${what}`;
}

function summarise(values: readonly number[], seen: number): SideSummary {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (f: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))] : undefined;
  const steps = Math.min(60, sorted.length);
  return {
    samples: sorted.length,
    requests: seen,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    quantiles: Array.from({ length: steps }, (_, i) => round(q((i + 0.5) / steps)!)),
  };
}

const round = (v: number) => Math.round(v * 100) / 100;
const ms = (v: number) => `${round(v)} ms`;
const signed = (v: number | undefined) => (v === undefined ? '?' : `${v >= 0 ? '+' : ''}${round(v)}`);
const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;
const pctOf = (k: number, n: number) => `${n ? Math.round((k / n) * 1000) / 10 : 0}%`;
const points = (v: number) => `${v >= 0 ? '+' : ''}${Math.round(v * 1000) / 10} points`;
const p = (v: number) => (v < 0.0001 ? v.toExponential(1) : String(Math.round(v * 10000) / 10000));
