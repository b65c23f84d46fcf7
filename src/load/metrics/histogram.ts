import * as hdr from 'hdr-histogram-js';
import type { LoadMetrics } from '../../run/model.ts';

/**
 * Microsecond HDR histograms: bounded memory whatever the request count,
 * any percentile, and a base64 encoding that merges across processes.
 * 1 us .. 60 s at 3 significant digits is about 0.1% error.
 */
export type Histogram = hdr.Histogram;

const maxMicros = 60_000_000;

export function newHistogram(): Histogram {
  return hdr.build({
    bitBucketSize: 32,
    autoResize: true,
    lowestDiscernibleValue: 1,
    highestTrackableValue: maxMicros,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });
}

/** Records a latency in microseconds (clamped to the trackable range). */
export function recordMicros(h: Histogram, micros: number): void {
  h.recordValue(Math.min(maxMicros, Math.max(1, Math.round(micros))));
}

export function encodeHistogram(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

export function decodeHistogram(base64: string): Histogram {
  return hdr.decodeFromCompressedBase64(base64, 32, false);
}

/**
 * Microseconds at a percentile, clamped to what was recorded. HDR answers with
 * the top of the value's bucket (123.519 ms for a single 123.457 ms sample),
 * which would put p999 above max in run.json; no percentile or mean is ever
 * outside [min, max].
 */
function clampedMicros(h: Histogram, us: number): number {
  return Math.min(h.maxValue, Math.max(h.minNonZeroValue, us));
}

/** Percentile in milliseconds (0 for an empty histogram), never above max. */
export function percentileMs(h: Histogram, p: number): number {
  return h.totalCount === 0 ? 0 : clampedMicros(h, h.getValueAtPercentile(p)) / 1000;
}

/** The run model's latency shape: milliseconds with microsecond precision. */
export type LatencySummary = LoadMetrics['latencyMs'];

/** The usual percentiles in milliseconds with microsecond precision. */
export function summarize(h: Histogram): LatencySummary {
  if (h.totalCount === 0) return { min: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0 };
  const ms = (us: number) => Math.round(clampedMicros(h, us)) / 1000;
  return {
    min: ms(h.minNonZeroValue),
    mean: ms(h.mean),
    p50: ms(h.getValueAtPercentile(50)),
    p90: ms(h.getValueAtPercentile(90)),
    p95: ms(h.getValueAtPercentile(95)),
    p99: ms(h.getValueAtPercentile(99)),
    p999: ms(h.getValueAtPercentile(99.9)),
    max: ms(h.maxValue),
  };
}
