import type { RunSummary } from './history.ts';
import type { TrendRow, Trends } from './model.ts';

/**
 * Compares two runs of one environment: latency and error rate per operation
 * (rows present in both runs) and finding groups new and fixed by group key.
 */
export function compareRuns(now: RunSummary, before: RunSummary): Trends {
  const previousOps = new Map(before.operations.map((op) => [`${op.source} ${op.operation}`, op]));
  const operations: TrendRow[] = [];
  for (const op of now.operations) {
    const old = previousOps.get(`${op.source} ${op.operation}`);
    if (!old) continue;
    operations.push({
      operation: op.operation,
      source: op.source,
      p95: { now: op.p95, before: old.p95 },
      p99: { now: op.p99, before: old.p99 },
      errorRate: { now: op.errorRate, before: old.errorRate },
    });
  }
  const nowKeys = new Set(now.findingGroups.map((g) => g.key));
  const beforeKeys = new Set(before.findingGroups.map((g) => g.key));
  return {
    previous: { id: before.id, startedAt: before.startedAt, verdict: before.verdict },
    operations,
    findings: {
      new: now.findingGroups.filter((g) => !beforeKeys.has(g.key)),
      fixed: before.findingGroups.filter((g) => !nowKeys.has(g.key)),
      unchanged: now.findingGroups.filter((g) => beforeKeys.has(g.key)).length,
    },
  };
}

/** Relative change, e.g. 0.12 for +12%; undefined when there is no base to compare with. */
export function relativeChange(now: number, before: number): number | undefined {
  if (before === 0) return now === 0 ? 0 : undefined;
  return (now - before) / before;
}
