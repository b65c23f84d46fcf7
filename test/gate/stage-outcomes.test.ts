import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import type { ContractRun } from '../../src/contract/types.ts';
import { contractOutcome } from '../../src/run/stages/contract-stage.ts';
import { loadOutcome } from '../../src/run/stages/load-stage.ts';
import { readPlaywrightJson } from '../../src/run/stages/playwright-json.ts';
import { fixtureModel } from '../report/fixtures/model.ts';

describe('stage outcomes', () => {
  const contract = fixtureModel().contract!;
  const run = (over: Partial<ContractRun>): ContractRun => ({
    ...contract,
    stats: { requests: 1, dropped: 0, timeouts: 0, transportErrors: 0 },
    unanswered: { requests: 100, timeouts: 0, connection: 0, budget: '1%' },
    replays: {},
    cleanup: { created: 12, deleted: 12, leftover: [] },
    ...over,
  });

  test('contract: findings fail the contract.findings gate', () => {
    const outcome = contractOutcome(run({}));
    assert.equal(outcome.verdict, 'fail');
    assert.deepEqual(
      outcome.gates?.map((g) => [g.name, g.threshold, g.measured, g.verdict]),
      [
        ['contract.findings', '==0', 5, 'fail'],
        ['contract.unanswered', '<=1%', 0, 'pass'],
      ],
    );
    assert.ok(!('replays' in (outcome.contract ?? {})), 'replays stay out of run.json');
  });
  test('contract: no findings pass', () => {
    assert.equal(contractOutcome(run({ findings: [], groups: [] })).verdict, 'pass');
  });
  test('contract: unanswered requests over the budget fail the run, within it pass', () => {
    const over = contractOutcome(
      run({
        findings: [],
        groups: [],
        unanswered: { requests: 100, timeouts: 2, connection: 1, budget: '2%' },
      }),
    );
    assert.equal(over.verdict, 'fail');
    const gate = over.gates?.find((g) => g.name === 'contract.unanswered');
    assert.deepEqual([gate?.threshold, gate?.measured, gate?.verdict], ['<=2%', 0.03, 'fail']);
    assert.match(
      over.summary,
      /3 of 100 requests unanswered \(2 timed out, 1 connection errors; budget 2%\)/,
    );
    const within = contractOutcome(
      run({
        findings: [],
        groups: [],
        unanswered: { requests: 100, timeouts: 2, connection: 0, budget: '2%' },
      }),
    );
    assert.equal(within.verdict, 'pass');
  });
  test('contract: created resources left on the server fail the run, naming how many', () => {
    const outcome = contractOutcome(
      run({ findings: [], groups: [], cleanup: { created: 12, deleted: 11, leftover: ['/v1/albums/17'] } }),
    );
    assert.equal(outcome.verdict, 'fail');
    assert.match(outcome.summary, /CLEANUP LEFT 1 created resources/);
  });
  test('contract: a run the target cut short is an error', () => {
    const outcome = contractOutcome(
      run({ findings: [], groups: [], aborted: { reason: 'target stopped answering' } }),
    );
    assert.equal(outcome.verdict, 'error');
    assert.equal(outcome.error, 'target stopped answering');
  });
  test('load: the verdict is the gates', () => {
    const load = fixtureModel().load![0];
    assert.equal(loadOutcome(load).verdict, 'fail');
    const passing = { ...load, gates: load.gates.map((g) => ({ ...g, verdict: 'pass' as const })) };
    assert.equal(loadOutcome(passing).verdict, 'pass');
  });
});

describe('readPlaywrightJson', () => {
  test('flattens suites, keeps titles, statuses and errors', () => {
    const report = {
      stats: { duration: 1234.5 },
      suites: [
        {
          title: 'functional/albums.spec.ts',
          file: 'functional/albums.spec.ts',
          specs: [],
          suites: [
            {
              title: 'albums',
              file: 'functional/albums.spec.ts',
              specs: [
                {
                  title: 'lists',
                  file: 'functional/albums.spec.ts',
                  tests: [
                    { projectName: 'local', status: 'expected' as const, results: [{ status: 'passed' }] },
                  ],
                },
                {
                  title: 'creates',
                  file: 'functional/albums.spec.ts',
                  tests: [
                    {
                      projectName: 'local',
                      status: 'unexpected' as const,
                      results: [{ status: 'failed', error: { message: '\u001b[31mexpected 201\u001b[39m' } }],
                    },
                  ],
                },
                {
                  title: 'slow',
                  file: 'functional/albums.spec.ts',
                  tests: [
                    {
                      projectName: 'local',
                      status: 'unexpected' as const,
                      results: [{ status: 'timedOut' }],
                    },
                  ],
                },
                {
                  title: 'later',
                  file: 'functional/albums.spec.ts',
                  tests: [{ projectName: 'local', status: 'skipped' as const, results: [] }],
                },
              ],
            },
          ],
        },
      ],
    };
    const result = readPlaywrightJson(report, '/repo');
    assert.deepEqual([result.passed, result.failed, result.skipped, result.durationMs], [1, 2, 1, 1235]);
    assert.deepEqual(result.tests[1], {
      title: 'albums › creates',
      file: 'functional/albums.spec.ts',
      project: 'local',
      status: 'failed',
      error: 'expected 201',
    });
    assert.equal(result.tests[2].status, 'timedOut');
  });
});
