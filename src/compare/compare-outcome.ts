import type { CompareResult } from '../run/model.ts';
import type { StageOutcome } from '../run/stages/types.ts';

/** The comparison as the one stage of its run: roll back is a fail, promote a pass. */
export function compareOutcome(result: CompareResult): StageOutcome {
  const v = result.verdict;
  const failing = result.metrics.filter((m) => m.class !== 'pass').length;
  return {
    verdict: v.decision === 'promote' ? 'pass' : 'fail',
    summary: `${v.decision === 'promote' ? 'promote' : 'roll back'}: ${v.classification}, score ${v.score}; ${result.metrics.length - failing} of ${result.metrics.length} metrics pass${v.reasons[0] ? `; ${v.reasons[0]}` : ''}`,
    compare: result,
  };
}
