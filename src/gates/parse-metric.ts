import type { MetricKind, MetricName } from './types.ts';

/** Every metric a gate may name, with what it measures. `pNN` means any percentile. */
const metricCatalog: Record<string, MetricKind> = {
  'latency.pNN': 'latency',
  'latency.mean': 'latency',
  'latency.min': 'latency',
  'latency.max': 'latency',
  'errors.rate': 'ratio',
  'errors.count': 'count',
  'errors.http': 'count',
  'errors.connection': 'count',
  'errors.timeouts': 'count',
  rps: 'rate',
  'contract.violations': 'count',
  'contract.violationRate': 'ratio',
  'contract.findings': 'count',
  'contract.unanswered': 'ratio',
  'contract.warnings': 'count',
  'coverage.neverSeen': 'count',
};

/** Metrics that accept an `{op:<operationId>}` tag. */
const taggable = new Set(['latency', 'errors', 'rps']);

const shape = /^([a-z]+)(?:\{op:([A-Za-z0-9_.-]+)\})?(?:\.([A-Za-z0-9]+))?$/;

/**
 * Parses `latency{op:getAlbum}.p95` into its parts; returns a reason string
 * when the name is not a known metric.
 */
export function parseMetricName(name: string): MetricName | string {
  if (name.startsWith('promql')) return parsePromqlName(name);
  const match = shape.exec(name.trim());
  if (!match) return `"${name}" is not a metric name (known: ${knownList()})`;
  const [, family, op, stat = ''] = match;
  if (op && !taggable.has(family)) return `"${name}": only latency, errors and rps take an {op:...} tag`;
  const percentile = family === 'latency' ? parsePercentile(stat) : undefined;
  const key = percentile !== undefined ? 'latency.pNN' : stat ? `${family}.${stat}` : family;
  const kind = metricCatalog[key];
  if (!kind) return `"${name}" is not a metric name (known: ${knownList()})`;
  return { name, kind, family, stat, percentile, op };
}

/** `p95` -> 95, `p999` -> 99.9, `p50` -> 50, `p99.9` -> 99.9. */
export function parsePercentile(stat: string): number | undefined {
  const m = /^p(\d{1,4})$/.exec(stat);
  if (!m) return undefined;
  const digits = m[1];
  const value = digits.length <= 2 ? Number(digits) : Number(`${digits.slice(0, 2)}.${digits.slice(2)}`);
  return value > 0 && value <= 100 ? value : undefined;
}

/** `promql.<name>` (a query of the environment's `prometheus.queries`) or `promql:<expr>`; evaluated by src/prometheus/. */
function parsePromqlName(name: string): MetricName | string {
  const base = { name, kind: 'value' as const, family: 'promql' };
  if (name.startsWith('promql:')) {
    const expr = name.slice('promql:'.length).trim();
    if (expr === '')
      return `"${name}": write the PromQL after "promql:", e.g. "promql:sum(rate(http_requests_total[{{window}}]))"`;
    return { ...base, stat: '', promql: { expr } };
  }
  const m = /^promql\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(name);
  if (!m) return `"${name}" must be promql.<name> (a key of prometheus.queries) or promql:<expr>`;
  return { ...base, stat: m[1], promql: { query: m[1] } };
}

function knownList(): string {
  return `${Object.keys(metricCatalog).join(', ')}, promql.<query>, promql:<expr>`;
}
