import type { FindingGroup, RunModel, Verdict } from '../run/model.ts';
import { redactFinding } from './redact.ts';

/**
 * The few derived views every renderer shares, so HTML, Markdown, JUnit and
 * console agree on what the run said.
 */
export const verdictLabel: Record<Verdict | 'skipped' | 'unreliable', string> = {
  pass: 'PASS',
  fail: 'FAIL',
  error: 'ERROR',
  skipped: 'SKIPPED',
  unreliable: 'UNRELIABLE',
};

export interface GroupView extends FindingGroup {
  expected: string;
  received: string;
  location?: string;
}

/** Finding groups with the first finding's expected/received, the most frequent first. */
export function groupViews(model: RunModel): GroupView[] {
  const contract = model.contract;
  if (!contract) return [];
  return contract.groups
    .map((group) => {
      const first = contract.findings[group.first];
      return {
        ...group,
        expected: first?.expected ?? '',
        received: first?.received ?? '',
        location: first?.location,
      };
    })
    .sort(
      (a, b) => b.count - a.count || a.check.localeCompare(b.check) || a.operation.localeCompare(b.operation),
    );
}

/** Findings ready to display, redacted one last time, grouped by check (checks in name order). */
export function findingsByCheck(model: RunModel) {
  const byCheck = new Map<string, { index: number; finding: ReturnType<typeof redactFinding> }[]>();
  (model.contract?.findings ?? []).forEach((finding, index) => {
    const list = byCheck.get(finding.check) ?? [];
    list.push({ index, finding: redactFinding(finding) });
    byCheck.set(finding.check, list);
  });
  return [...byCheck.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** `5955905` from a full commit, with `+dirty` when the tree had changes. */
export function shortCommit(model: RunModel): string | undefined {
  if (!model.git) return undefined;
  return `${model.git.commit.slice(0, 7)}${model.git.dirty ? '+dirty' : ''}`;
}
