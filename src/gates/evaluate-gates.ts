import type { GateResult } from '../run/model.ts';
import { formatMeasured } from './format-measured.ts';
import { parseGateSet } from './parse-gates.ts';
import { compare } from './parse-threshold.ts';
import type { GateMetrics, GateSet, MetricName, ParsedGate, Threshold } from './types.ts';

/**
 * The one judge: given measured values and gates, says pass, fail or
 * unreliable for each gate. Pure: no I/O, no clock. A gate whose metric was
 * not measured, or whose measurement is in doubt (`metrics.unreliable`), is
 * 'unreliable', never silently passed.
 */
export function evaluateGates(metrics: GateMetrics, gates: GateSet | ParsedGate[], scope = ''): GateResult[] {
  const parsed = Array.isArray(gates) ? gates : parseGateSet(gates, scope ? `${scope} gates` : 'gates');
  return parsed.map(({ metric, threshold }) => {
    const raw = metrics.values[metric.name];
    const measured = raw === undefined || raw === null || Number.isNaN(raw) ? null : raw;
    const base = {
      name: metric.name,
      scope,
      threshold: threshold.text,
      measured,
      measuredText: formatMeasured(measured, metric.kind, threshold.unit),
    };
    if (measured === null) {
      return { ...base, verdict: 'unreliable', note: 'not measured (no samples for this metric)' };
    }
    const ok = compare(measured, threshold);
    if (metrics.unreliable && !ok && !generatorCouldCause(metric, threshold, measured)) {
      return {
        ...base,
        verdict: 'fail',
        note: `failed whatever the generator's health (${metrics.unreliable})`,
      };
    }
    if (metrics.unreliable && ok && metrics.passesStand) {
      return {
        ...base,
        verdict: 'pass',
        note: `passed although ${metrics.unreliable}, which can only make it look worse`,
      };
    }
    if (
      metrics.unreliable &&
      ok &&
      metrics.sentAll &&
      (metric.family === 'errors' || metric.family === 'contract')
    ) {
      return {
        ...base,
        verdict: 'pass',
        note: `passed although ${metrics.unreliable}: every planned request was sent, and a late send cannot hide an error answer`,
      };
    }
    if (metrics.unreliable) {
      return {
        ...base,
        verdict: 'unreliable',
        note: `${ok ? 'would pass' : 'would fail'}; ${metrics.unreliable}`,
      };
    }
    return { ...base, verdict: ok ? 'pass' : 'fail' };
  });
}

/**
 * Whether a generator that could not keep up may explain this breach. HTTP
 * errors, refused connections and contract violations are the API's answers
 * whatever the generator did; any other breach by a wide margin (twice the
 * limit, or half of a minimum) is too far off for a slow generator to
 * explain. Only the rest stays 'unreliable'.
 */
function generatorCouldCause(metric: MetricName, threshold: Threshold, measured: number): boolean {
  const key = `${metric.family}.${metric.stat}`;
  if (key === 'errors.http' || key === 'errors.connection' || key === 'errors.count') return false;
  if (metric.family === 'contract') return false;
  if (metric.family === 'coverage') return false;
  const { comparator: c, value } = threshold;
  if (c === '<' || c === '<=')
    return !(value > 0 ? measured >= value * 2 : measured > 0 && metric.kind !== 'latency');
  if (c === '>' || c === '>=') return !(measured <= value / 2);
  return true;
}

/** Overall verdict of a gate table: fail beats unreliable beats pass. */
export function gatesVerdict(results: GateResult[]): 'pass' | 'fail' | 'unreliable' {
  if (results.some((g) => g.verdict === 'fail')) return 'fail';
  if (results.some((g) => g.verdict === 'unreliable')) return 'unreliable';
  return 'pass';
}
