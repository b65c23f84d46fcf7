import type { ContractProgress } from './types.ts';

const phaseLabel: Record<ContractProgress['phase'], string> = {
  fixtures: 'creating test data',
  stateful: 'create-read-delete sequences',
  cases: 'running test cases',
  cleanup: 'cleaning up what this run created',
};

/**
 * The contract progress line a person reads: `contract: running test cases, 120 of 480 cases done,
 * 3 findings so far`. While setting up, the total is not known yet, so no
 * `1/0` (issue 14).
 */
export function progressText(p: ContractProgress): string {
  const count =
    p.total > 0
      ? `${p.done} of ${p.total} cases done`
      : `${p.done} ${p.done === 1 ? 'case' : 'cases'} so far`;
  const findings =
    p.findings === 0
      ? 'no findings yet'
      : `${p.findings} ${p.findings === 1 ? 'finding' : 'findings'} so far`;
  return `contract: ${phaseLabel[p.phase]}, ${count}, ${findings}`;
}
