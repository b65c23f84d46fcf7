import type { JsHistogram } from 'hdr-histogram-js';
import type { Histogram as PromHistogram } from 'prom-client';
import { decodeHistogram } from '../load/metrics/histogram.ts';

/**
 * Bucket bounds in seconds on the boundaries of a native histogram of schema 0
 * (powers of two, 2^-13 s = 122 us up to 2^4 s = 16 s): a classic histogram
 * whose every `le` is also a native bucket boundary, so the series convert to
 * native histograms (or sit beside them) without re-bucketing error.
 */
export const latencyBuckets: number[] = Array.from({ length: 18 }, (_, i) => 2 ** (i - 13));

/**
 * Observes every value of a base64 HDR histogram (microseconds, as the load
 * engine keeps them) into a prom-client histogram, with its exact count. HDR's
 * value ranges are 0.1% wide, so no value lands in the wrong power-of-two bucket
 * by more than that.
 */
export function observeHdr<L extends string>(
  into: PromHistogram<L>,
  labels: Partial<Record<L, string>>,
  base64: string,
): number {
  const hdr = decodeHistogram(base64) as unknown as JsHistogram;
  const values = hdr.recordedValuesIterator;
  values.reset();
  let observed = 0;
  while (values.hasNext()) {
    const step = values.next();
    const seconds = step.valueIteratedTo / 1e6;
    for (let i = 0; i < step.countAtValueIteratedTo; i++) into.observe(labels, seconds);
    observed += step.countAtValueIteratedTo;
  }
  return observed;
}
