import type { CompareMetricName, MetricRule } from './types.ts';

/** Every compare default in one place (documented in the README's compare section). */
export const compareDefaults = {
  durationSec: 30,
  /** Arrivals per second per side. */
  rate: 50,
  confidence: 0.98,
  thresholds: { pass: 95, marginal: 75 },
  onMarginal: 'rollback' as 'promote' | 'rollback',
  /** Fewer latency samples (or requests, for rates) than this on either side: nodata. */
  minSamples: 30,
  /** Latency samples kept per side and operation. */
  reservoir: 2000,
  seed: 1,
  metrics: {
    latency: { allowedIncrease: 0.1, allowedMs: 2, critical: false, weight: 1 },
    errors: { allowedIncrease: 0.01, allowedMs: 0, critical: false, weight: 1 },
    '5xx': { allowedIncrease: 0.005, allowedMs: 0, critical: true, weight: 1 },
    contract: { allowedIncrease: 0, allowedMs: 0, critical: true, weight: 1 },
  } satisfies Record<CompareMetricName, MetricRule>,
};
