/**
 * Gates as data: `{ 'latency.p99': '<250ms', 'errors.rate': '<1%' }`. A gate
 * names a metric and a threshold; `evaluateGates()` is the only judge.
 */

/** Gates by environment name, then metric name -> threshold text. */
export type GatesByEnv = Record<string, GateSet>;
/** Metric name -> threshold text, e.g. `'latency.p99': '<250ms'`. */
export type GateSet = Record<string, string>;

export type Comparator = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** What a metric measures decides which units its threshold may use. */
/** `value`: a number as a PromQL query returns it, in its own unit. */
export type MetricKind = 'latency' | 'ratio' | 'count' | 'rate' | 'value';

export interface Threshold {
  comparator: Comparator;
  /** In the metric's base unit: ms for latency, 0..1 for ratios, plain numbers otherwise. */
  value: number;
  /** As written, e.g. `<250ms`. */
  text: string;
  /** The unit as written ('' when none); used to format the measured value alike. */
  unit: '' | 'us' | 'ms' | 's' | '%';
}

export interface MetricName {
  /** As written: `latency{op:getAlbum}.p95`. */
  name: string;
  kind: MetricKind;
  /** `latency`, `errors`, `rps`, `contract`, `coverage`, `promql`. */
  family: string;
  /** `p95`, `mean`, `rate`... ('' for `rps`). */
  stat: string;
  /** For percentiles: 95 for p95, 99.9 for p999. */
  percentile?: number;
  /** Operation tag (`{op:getAlbum}`), when given. */
  op?: string;
  /** `promql.<name>` names a query of the environment's `prometheus.queries`; `promql:<expr>` gives it inline. */
  promql?: { query: string } | { expr: string };
}

export interface ParsedGate {
  metric: MetricName;
  threshold: Threshold;
}

/** Measured values keyed by metric name as written in the gates (base units); null = not measured. */
export interface GateMetrics {
  values: Record<string, number | null | undefined>;
  /** When set, the measurement itself is in doubt: every gate is 'unreliable' with this note. */
  unreliable?: string;
  /**
   * The doubt can only make results look worse (a closed-model generator at
   * full CPU adds delay and sends less): a gate that passes anyway stands.
   */
  passesStand?: boolean;
  /**
   * Every planned request was sent; only when it left is in doubt (the
   * generator lagged or ran hot). A late send cannot hide an error answer, so
   * a pass of a gate on the API's answers (`errors.*`, `contract.*`) stands.
   */
  sentAll?: boolean;
}
