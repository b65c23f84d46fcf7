import type { MetricResult } from '../run/model.ts';

/**
 * A PromQL gate of `tollgate compare` in words, parts joined by two spaces
 * as `metricLine` does (the first names it, the last is the result):
 * `promql.error_ratio <0.01  baseline 0 pass  candidate 0.0513 FAIL  query …  FAIL`.
 */
export function promqlCompareLine(m: MetricResult): string {
  const p = m.promql;
  if (!p) return `${m.op}  ${m.class === 'pass' ? 'PASS' : 'FAIL'}`;
  const side = (name: 'baseline' | 'candidate') => {
    const r = p[name];
    return `${name} ${r.measuredText}${r.measured === null ? '' : ` ${r.verdict}`}`;
  };
  const query = p.candidate.promql?.query;
  return [
    `${m.op} ${p.threshold}`,
    side('baseline'),
    side('candidate'),
    ...(query ? [`candidate query ${query}`] : []),
    m.class === 'pass' ? 'PASS' : 'FAIL',
  ].join('  ');
}

/** One side's cell: the value and the query as sent. */
export function promqlSideText(m: MetricResult, which: 'baseline' | 'candidate'): string {
  const r = m.promql?.[which];
  if (!r) return '-';
  return `${r.measuredText}${r.promql ? ` (${r.promql.query})` : ''}`;
}
