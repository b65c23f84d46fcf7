import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { contractGateMetrics } from '../../src/gates/contract-metrics.ts';
import { evaluateGates } from '../../src/gates/evaluate-gates.ts';
import type { ContractResult, Finding } from '../../src/run/model.ts';

function contract(findings: number, groups: number, neverSeen: string[][]): ContractResult {
  return {
    seed: 1,
    durationMs: 10,
    cases: 100,
    findings: Array.from({ length: findings }, () => ({}) as Finding),
    groups: Array.from({ length: groups }, (_, i) => ({
      key: String(i),
      check: 'c',
      operation: 'o',
      title: 't',
      count: 1,
      first: 0,
    })),
    perCheck: {},
    operations: neverSeen.map((codes, i) => ({
      operation: `op${i}`,
      operationId: `op${i}`,
      cases: 1,
      findings: 0,
      documented: ['200', ...codes],
      seen: { 200: 1 },
      neverSeen: codes,
    })),
    generationProblems: [],
    cleanup: { created: 0, deleted: 0, leftover: [] },
  };
}

const gates = {
  'contract.findings': '==0',
  'contract.violations': '<=1',
  'coverage.neverSeen': '==0',
  'latency.p99': '<250ms',
};

describe('contract gate metrics', () => {
  test('a clean contract run passes its gates; load metrics are not measured, never passed', () => {
    const results = evaluateGates(contractGateMetrics(contract(0, 0, [[], []]), gates), gates, 'contract');
    assert.deepEqual(
      results.map((r) => r.verdict),
      ['pass', 'pass', 'pass', 'unreliable'],
    );
  });

  test('findings, grouped causes and never-seen statuses fail their gates', () => {
    const results = evaluateGates(
      contractGateMetrics(contract(5, 2, [['404'], ['422', '500']]), gates),
      gates,
    );
    assert.deepEqual(
      results.map((r) => [r.name, r.verdict, r.measured]),
      [
        ['contract.findings', 'fail', 5],
        ['contract.violations', 'fail', 2],
        ['coverage.neverSeen', 'fail', 3],
        ['latency.p99', 'unreliable', null],
      ],
    );
  });
});
