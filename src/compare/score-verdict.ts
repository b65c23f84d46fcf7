import type { CompareVerdict, MetricResult } from './types.ts';

export interface VerdictOptions {
  thresholds: { pass: number; marginal: number };
  onMarginal: 'promote' | 'rollback';
  aborted?: { reason: string };
}

/**
 * Kayenta's weighted-sum scorer: the score is the weighted share of metrics
 * that pass (0-100); a critical metric that is `high` forces it to 0. Unlike
 * Kayenta, a metric without enough data counts as not passing, so a run that
 * measured too little can never promote. Pass / marginal thresholds classify
 * the score; marginal promotes or rolls back as configured; a run stopped
 * early always rolls back.
 */
export function scoreVerdict(metrics: MetricResult[], options: VerdictOptions): CompareVerdict {
  const total = metrics.reduce((sum, m) => sum + m.weight, 0);
  const passed = metrics.filter((m) => m.class === 'pass').reduce((sum, m) => sum + m.weight, 0);
  const critical = metrics.find((m) => m.critical && m.class === 'high');
  const score = critical || total === 0 ? 0 : Math.round((passed / total) * 1000) / 10;
  const rank = (m: MetricResult) => (m.critical && m.class === 'high' ? 0 : m.class === 'high' ? 1 : 2);
  const reasons = metrics
    .filter((m) => m.class !== 'pass')
    .sort((a, b) => rank(a) - rank(b))
    .map((m) => (m.critical && m.class === 'high' ? `critical: ${m.reason}` : m.reason));
  if (total === 0) reasons.unshift('nothing was measured');
  if (options.aborted) reasons.unshift(`run stopped early: ${options.aborted.reason}`);
  const classification =
    score >= options.thresholds.pass ? 'pass' : score >= options.thresholds.marginal ? 'marginal' : 'fail';
  const promote =
    !options.aborted &&
    (classification === 'pass' || (classification === 'marginal' && options.onMarginal === 'promote'));
  return {
    score,
    classification: options.aborted ? 'fail' : classification,
    decision: promote ? 'promote' : 'rollback',
    reasons,
    criticalFailure: critical?.reason,
  };
}
