import * as hdr from 'hdr-histogram-js';
import type { LoadResult } from '../../run/model.ts';

/** Percentiles the distribution chart plots, denser in the tail where it matters. */
const PERCENTILES = [0, 10, 25, 50, 75, 90, 95, 97.5, 99, 99.5, 99.9, 99.95, 99.99, 100];

/** `[percentile, ms][]` for the latency distribution chart of one load run. */
export function latencyDistribution(load: LoadResult): [number, number][] {
  const fromHistogram = decode(load.histograms.corrected ?? load.histograms.uncorrected);
  if (fromHistogram) return fromHistogram;
  // without a decodable histogram, the summary percentiles still draw the curve
  const l = load.totals.latencyMs;
  return [
    [0, l.min],
    [50, l.p50],
    [90, l.p90],
    [95, l.p95],
    [99, l.p99],
    [99.9, l.p999],
    [100, l.max],
  ];
}

function decode(base64: string | undefined): [number, number][] | undefined {
  if (!base64) return undefined;
  try {
    const histogram = hdr.decodeFromCompressedBase64(base64);
    if (histogram.totalCount === 0) return undefined;
    // recorded in microseconds
    const points = PERCENTILES.map((p): [number, number] => [p, histogram.getValueAtPercentile(p) / 1000]);
    histogram.destroy();
    return points;
  } catch {
    return undefined;
  }
}
