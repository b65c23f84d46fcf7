import type { MetricKind, Threshold } from './types.ts';

/** Formats a measured value (base units) like its threshold: `212.4ms`, `0.3%`, `512`. */
export function formatMeasured(value: number | null, kind: MetricKind, unit: Threshold['unit']): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  switch (kind) {
    case 'latency':
      if (unit === 'us') return `${round(value * 1000)}us`;
      if (unit === 's') return `${round(value / 1000, 3)}s`;
      return `${round(value)}ms`;
    case 'ratio':
      return unit === '%' ? `${round(value * 100, 2)}%` : `${round(value, 4)}`;
    case 'rate':
      return `${round(value, 1)}`;
    case 'value':
      return String(Number(value.toPrecision(4)));
    default:
      return `${round(value, 0)}`;
  }
}

function round(v: number, digits = 1): string {
  const f = 10 ** digits;
  return String(Math.round(v * f) / f);
}
