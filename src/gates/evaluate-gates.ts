import type { GateResult } from '../run/model.ts';
import { formatMeasured } from './format-measured.ts';
import { parseGateSet } from './parse-gates.ts';
import { compare } from './parse-threshold.ts';
import type { GateMetrics, GateSet, ParsedGate } from './types.ts';

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

/** Overall verdict of a gate table: fail beats unreliable beats pass. */
export function gatesVerdict(results: GateResult[]): 'pass' | 'fail' | 'unreliable' {
  if (results.some((g) => g.verdict === 'fail')) return 'fail';
  if (results.some((g) => g.verdict === 'unreliable')) return 'unreliable';
  return 'pass';
}
