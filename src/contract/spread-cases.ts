import type { TestCase } from '../cases/types.ts';

/**
 * Cases in rounds: every operation's first case, then every operation's
 * second, and so on, each operation's own cases kept in their order. Under a
 * request cap this makes the budget reach every operation before any one gets
 * its later cases (a 2,000-operation spec under `maxRequests` 10,000 tests all
 * 2,000, not the first 240 in full). Pure.
 */
export function spreadCases(cases: readonly TestCase[]): TestCase[] {
  const byOperation = new Map<string, TestCase[]>();
  for (const testCase of cases) {
    const list = byOperation.get(testCase.operationId);
    if (list) list.push(testCase);
    else byOperation.set(testCase.operationId, [testCase]);
  }
  const lists = [...byOperation.values()];
  const out: TestCase[] = [];
  for (let round = 0; out.length < cases.length; round++) {
    for (const list of lists) if (round < list.length) out.push(list[round]);
  }
  return out;
}
