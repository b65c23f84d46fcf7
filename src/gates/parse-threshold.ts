import type { Comparator, MetricKind, Threshold } from './types.ts';

const pattern = /^\s*(<=|>=|==|!=|<|>)\s*(\d+(?:\.\d+)?)\s*(us|µs|ms|s|%)?\s*$/;

/** One example per metric kind, shown when a threshold does not parse. */
const thresholdExample: Record<MetricKind, string> = {
  latency: '<250ms',
  ratio: '<1%',
  count: '==0',
  rate: '>=500',
  value: '<0.01',
};

const unitless: Record<MetricKind, string> = {
  latency: '',
  ratio: '',
  count: 'a count',
  rate: 'requests per second',
  value: "a PromQL value (in the query's own unit)",
};

const toMs = { us: 0.001, µs: 0.001, ms: 1, s: 1000 } as const;

/**
 * Parses a threshold such as `<250ms`, `<=1s`, `<1%`, `>=500`, `==0` for a
 * metric of the given kind, into base units (ms, ratio 0..1, plain number).
 * Returns a reason string when it does not fit.
 */
export function parseThreshold(text: unknown, kind: MetricKind): Threshold | string {
  const example = thresholdExample[kind];
  const got = typeof text === 'string' ? JSON.stringify(text) : String(text);
  const bad = `must look like "${example}", got ${got}`;
  if (typeof text !== 'string') return bad;
  const match = pattern.exec(text);
  if (!match) return bad;
  const comparator = match[1] as Comparator;
  const number = Number(match[2]);
  const rawUnit = match[3] ?? '';
  const unit = (rawUnit === 'µs' ? 'us' : rawUnit) as Threshold['unit'];
  switch (kind) {
    case 'latency':
      if (unit === '' || unit === '%') return `${bad} (latency needs a unit: us, ms or s)`;
      return { comparator, value: number * toMs[unit], text: text.trim(), unit };
    case 'ratio':
      if (unit === '%') return { comparator, value: number / 100, text: text.trim(), unit };
      if (unit !== '') return `${bad} (a rate is a percentage or a ratio 0..1)`;
      if (number > 1) return `${bad} (a ratio above 1; did you mean ${number}%?)`;
      return { comparator, value: number, text: text.trim(), unit };
    default:
      if (unit !== '') return `${bad} (${unitless[kind]} takes no unit)`;
      return { comparator, value: number, text: text.trim(), unit };
  }
}

/** Whether `measured` satisfies the threshold. */
export function compare(measured: number, threshold: Threshold): boolean {
  const v = threshold.value;
  switch (threshold.comparator) {
    case '<':
      return measured < v;
    case '<=':
      return measured <= v;
    case '>':
      return measured > v;
    case '>=':
      return measured >= v;
    case '==':
      return measured === v;
    case '!=':
      return measured !== v;
  }
}
