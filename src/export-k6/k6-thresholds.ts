import type { ParsedGate } from '../gates/types.ts';

/** A k6 threshold: the expression alone, or with abortOnFail as k6's object form. */
type K6Threshold = string | { threshold: string; abortOnFail: true; delayAbortEval?: string };

/** The counter the exported script adds to for every failed request (errors.count has no k6 built-in). */
export const failedCounter = 'tollgate_failed';

export interface ThresholdPlan {
  thresholds: Record<string, K6Threshold[]>;
  /** Gates k6 cannot express, each with the reason: the script carries them as comments. */
  dropped: { gate: string; threshold: string; reason: string }[];
}

/**
 * The profile's gates for one environment as k6 thresholds:
 * `latency.p99 <250ms` -> `http_req_duration: ['p(99)<250']`, `errors.rate`
 * -> `http_req_failed: ['rate<0.01']`, `{op:x}` -> the `{name:x}` sub-metric
 * (the script tags each request with its operation name). Contract and
 * coverage gates need tollgate's own checks and are dropped with a reason.
 */
export function k6Thresholds(gates: ParsedGate[], abort?: { delayAbortEval: string }): ThresholdPlan {
  const thresholds: Record<string, K6Threshold[]> = {};
  const dropped: ThresholdPlan['dropped'] = [];
  for (const { metric, threshold } of gates) {
    const mapped = k6Metric(metric.family, metric.stat, metric.percentile);
    if (typeof mapped === 'string') {
      dropped.push({ gate: metric.name, threshold: threshold.text, reason: mapped });
      continue;
    }
    const key = metric.op ? `${mapped.metric}{name:${metric.op}}` : mapped.metric;
    const expression = `${mapped.aggregation}${threshold.comparator}${number(threshold.value)}`;
    const entry: K6Threshold = abort ? { threshold: expression, abortOnFail: true, ...abort } : expression;
    thresholds[key] = [...(thresholds[key] ?? []), entry];
  }
  return { thresholds, dropped };
}

/** tollgate metric -> k6 metric and aggregation, or why k6 cannot judge it. */
function k6Metric(
  family: string,
  stat: string,
  percentile: number | undefined,
): { metric: string; aggregation: string } | string {
  if (family === 'latency') {
    if (percentile !== undefined) return { metric: 'http_req_duration', aggregation: `p(${percentile})` };
    return { metric: 'http_req_duration', aggregation: stat === 'mean' ? 'avg' : stat };
  }
  if (family === 'errors' && stat === 'rate') return { metric: 'http_req_failed', aggregation: 'rate' };
  if (family === 'errors' && stat === 'count') return { metric: failedCounter, aggregation: 'count' };
  if (family === 'rps') return { metric: 'http_reqs', aggregation: 'rate' };
  if (family === 'errors')
    return `k6 does not tell ${stat} apart from other failures (http_req_failed counts them all)`;
  return `${family} gates need tollgate's own checks of the answers; k6 does not run them`;
}

/** k6 compares in ms and ratios; keep what the gate said without float noise (0.1 + 0.2). */
function number(value: number): string {
  return String(Number(value.toPrecision(12)));
}
