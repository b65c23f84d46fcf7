import type { CompareMetricName, UserCompareOptions } from '../config/types.ts';
import { percent } from '../config/validate-compare.ts';
import { compareDefaults } from './defaults.ts';
import type { MetricRule } from './types.ts';

/** Everything one comparison needs to know, every field decided. */
export interface CompareSettings {
  durationMs: number;
  rate: number;
  seed: number;
  confidence: number;
  thresholds: { pass: number; marginal: number };
  onMarginal: 'promote' | 'rollback';
  minSamples: number;
  metrics: Record<CompareMetricName, MetricRule>;
  contract: boolean;
  onFail?: string;
}

/** What a command line may set over the config. */
export type CompareFlags = Partial<
  Pick<CompareSettings, 'durationMs' | 'rate' | 'seed' | 'contract' | 'onFail'>
>;

/**
 * The environment's `compare` block (validated with the config) over
 * `compareDefaults`, the command line's flags over both. A metric rule
 * merges field by field: `{ latency: { critical: true } }` keeps 10% or 2 ms.
 */
export function compareSettings(user: UserCompareOptions = {}, flags: CompareFlags = {}): CompareSettings {
  const d = compareDefaults;
  const metrics = Object.fromEntries(
    (Object.keys(d.metrics) as CompareMetricName[]).map((name) => {
      const u = user.metrics?.[name] ?? {};
      const rule: MetricRule = { ...d.metrics[name] };
      if (u.allowedIncrease !== undefined)
        rule.allowedIncrease = percent(u.allowedIncrease) ?? rule.allowedIncrease;
      if (u.allowedMs !== undefined) rule.allowedMs = u.allowedMs;
      if (u.critical !== undefined) rule.critical = u.critical;
      if (u.weight !== undefined) rule.weight = u.weight;
      return [name, rule];
    }),
  ) as Record<CompareMetricName, MetricRule>;
  const onFail = flags.onFail ?? user.onFail;
  return {
    durationMs: flags.durationMs ?? (user.durationSec ?? d.durationSec) * 1000,
    rate: flags.rate ?? user.rate ?? d.rate,
    seed: flags.seed ?? user.seed ?? d.seed,
    confidence: user.confidence ?? d.confidence,
    thresholds: { ...d.thresholds, ...user.thresholds },
    onMarginal: user.onMarginal ?? d.onMarginal,
    minSamples: user.minSamples ?? d.minSamples,
    metrics,
    contract: flags.contract ?? user.contract ?? true,
    ...(onFail === undefined ? {} : { onFail }),
  };
}
