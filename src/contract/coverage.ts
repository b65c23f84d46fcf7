import type { OperationCoverage } from '../run/model.ts';
import type { Operation } from '../spec/types.ts';

/**
 * Per-operation status counts and latency: which documented statuses were
 * seen, which never were (a Schemathesis complaint: no failure when a
 * documented status never shows up), and p50/p95/p99 of the operation's
 * requests.
 */
export interface OperationTally {
  cases: number;
  findings: number;
  seen: Record<string, number>;
  latencies: number[];
}

export function emptyTally(): OperationTally {
  return { cases: 0, findings: 0, seen: {}, latencies: [] };
}

export function coverageOf(operation: Operation, tally: OperationTally): OperationCoverage {
  const documented = Object.keys(operation.responses);
  const seenStatuses = Object.keys(tally.seen);
  const neverSeen = documented.filter((code) => {
    if (code === 'default') return false;
    if (/^\dXX$/i.test(code)) return !seenStatuses.some((s) => s[0] === code[0]);
    return !(code in tally.seen);
  });
  const coverage: OperationCoverage = {
    operation: operation.key,
    operationId: operation.id,
    cases: tally.cases,
    findings: tally.findings,
    documented,
    seen: { ...tally.seen },
    neverSeen,
  };
  if (tally.latencies.length) {
    const sorted = [...tally.latencies].sort((a, b) => a - b);
    coverage.latencyMs = {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
    };
  }
  return coverage;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return Math.round(sorted[rank - 1] * 1000) / 1000;
}
