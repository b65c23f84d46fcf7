import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { parseStages } from '../../src/cli/commands/gate.ts';
import type { UserStage } from '../../src/config/types.ts';
import { TollgateError } from '../../src/errors/tollgate-error.ts';
import { runGate } from '../../src/run/run-gate.ts';
import { gateExitCode, runStages } from '../../src/run/run-stages.ts';
import type { StageContext, StageKind, StageOutcome, StageRunner } from '../../src/run/stages/types.ts';
import type { Target } from '../../src/target/open-target.ts';

const pass: StageOutcome = { verdict: 'pass', summary: 'fine' };
const failing: StageOutcome = {
  verdict: 'fail',
  summary: '1 gate failed',
  gates: [
    {
      name: 'latency.p99',
      scope: 'load:smoke',
      threshold: '<1ms',
      measured: 5,
      measuredText: '5ms',
      verdict: 'fail',
    },
  ],
};

/** Runners that answer from a table and record what ran. */
function runners(
  table: Partial<Record<string, () => Promise<StageOutcome>>>,
  ran: string[],
): Record<StageKind, StageRunner> {
  const runner: StageRunner = async (_ctx, stage) => {
    const name = typeof stage === 'string' ? stage : 'load' in stage ? `load:${stage.load}` : 'suites';
    ran.push(name);
    return (table[name] ?? (async () => pass))();
  };
  return {
    'generate-check': runner,
    contract: runner,
    suites: runner,
    load: runner,
    diff: runner,
    compare: runner,
  };
}

function context(signal = new AbortController().signal): StageContext {
  return { target: {} as Target, runDir: '/nowhere', root: '/nowhere', signal, log: () => {} };
}

const stages: UserStage[] = ['generate-check', 'contract', 'suites', { load: 'smoke' }];

describe('runStages', () => {
  test('a failing stage does not stop the next; exit 1', async () => {
    const ran: string[] = [];
    const run = await runStages(stages, context(), runners({ contract: async () => failing }, ran));
    assert.deepEqual(ran, ['generate-check', 'contract', 'suites', 'load:smoke']);
    assert.deepEqual(
      run.stages.map((s) => s.verdict),
      ['pass', 'fail', 'pass', 'pass'],
    );
    assert.equal(gateExitCode(run, failing.gates!), 1);
  });

  test('--fail-fast skips the rest', async () => {
    const ran: string[] = [];
    const run = await runStages(stages, context(), runners({ contract: async () => failing }, ran), {
      failFast: true,
    });
    assert.deepEqual(ran, ['generate-check', 'contract']);
    assert.deepEqual(
      run.stages.map((s) => s.verdict),
      ['pass', 'fail', 'skipped', 'skipped'],
    );
    assert.match(run.stages[2].summary, /--fail-fast after contract/);
  });

  test('all stages pass: exit 0', async () => {
    const run = await runStages(stages, context(), runners({}, []));
    assert.equal(gateExitCode(run, []), 0);
  });

  const errorCases: [string, () => Promise<StageOutcome>, number, RegExp][] = [
    [
      'unreachable target: exit 3',
      async () => {
        throw new TollgateError('TG_UNREACHABLE', 'connection refused at http://127.0.0.1:1');
      },
      3,
      /TG_UNREACHABLE: connection refused/,
    ],
    [
      'config mistake: exit 2',
      async () => {
        throw new TollgateError('TG_PROFILE_INVALID', 'no load profile "nope"');
      },
      2,
      /TG_PROFILE_INVALID/,
    ],
    [
      'our bug: exit 70 with the stack',
      async () => {
        throw new TypeError('x is undefined');
      },
      70,
      /TypeError: x is undefined\n\s+at /,
    ],
  ];
  for (const [name, thrower, exit, message] of errorCases) {
    test(name, async () => {
      const run = await runStages(stages, context(), runners({ suites: thrower }, []));
      assert.equal(run.stages[2].verdict, 'error');
      assert.match(run.stages[2].error ?? '', message);
      assert.equal(run.stages[3].verdict, 'pass', 'the next stage still ran');
      assert.equal(gateExitCode(run, []), exit);
    });
  }

  test('Ctrl-C: the running stage returns, the rest are skipped, exit 130', async () => {
    const controller = new AbortController();
    const run = await runStages(
      stages,
      context(controller.signal),
      runners(
        {
          contract: async () => {
            controller.abort(new Error('interrupted'));
            return pass;
          },
        },
        [],
      ),
    );
    assert.deepEqual(
      run.stages.map((s) => s.verdict),
      ['pass', 'pass', 'skipped', 'skipped'],
    );
    assert.deepEqual(run.aborted, { reason: 'interrupted' });
    assert.equal(gateExitCode(run, []), 130);
  });

  test('unreliable gates fail unless allowed', async () => {
    const run = await runStages(['contract'], context(), runners({}, []));
    const gates = [{ ...failing.gates![0], verdict: 'unreliable' as const, note: 'generator CPU saturated' }];
    assert.equal(gateExitCode(run, gates), 1);
    assert.equal(gateExitCode(run, gates, { allowUnreliable: true }), 0);
  });
});

describe('parseStages', () => {
  test('reads the --stages list', () => {
    assert.deepEqual(parseStages('contract, load:smoke,suites'), ['contract', { load: 'smoke' }, 'suites']);
  });
  test('a typo is a usage error naming it', () => {
    assert.throws(() => parseStages('contract,lod:smoke'), {
      code: 'TG_USAGE',
      message: /unknown stage "lod:smoke"/,
    });
  });
});

describe('runGate', () => {
  test('writes run.json and every report, appends history, moves latest, and computes trends from the previous run', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tg-gate-'));
    try {
      const target = {
        envName: 'ci',
        env: { stages: ['contract', { load: 'smoke' }] },
        config: { root, reportsDir: 'reports' },
        spec: { source: join(root, 'specs/api.yaml'), version: '3.1', title: 'T', apiVersion: '1' },
        baseURL: 'http://user:pw@127.0.0.1:9/',
      } as unknown as Target;
      const options = { signal: new AbortController().signal, log: () => {}, env: {} };
      const first = await runGate(target, { ...options, runners: runners({}, []) });
      assert.equal(first.exitCode, 0);
      assert.equal(first.model.verdict, 'pass');
      assert.equal(first.model.baseURL, 'http://127.0.0.1:9');
      assert.equal(first.model.spec?.source, 'specs/api.yaml');
      for (const file of ['run.json', 'index.html', 'junit.xml', 'summary.md'])
        assert.ok(existsSync(join(first.dir, file)), file);
      assert.equal(readFileSync(join(root, 'reports', 'latest.txt'), 'utf8').trim(), first.model.id);
      assert.equal(first.model.trends, undefined);

      const second = await runGate(target, {
        ...options,
        runners: runners({ 'load:smoke': async () => failing }, []),
      });
      assert.equal(second.exitCode, 1);
      assert.equal(second.model.verdict, 'fail');
      assert.equal(second.model.trends?.previous.id, first.model.id);
      assert.equal(readFileSync(join(root, 'reports', 'latest.txt'), 'utf8').trim(), second.model.id);
      assert.equal(
        readFileSync(join(root, 'reports', 'history', 'ci.ndjson'), 'utf8')
          .trim()
          .split('\n').length,
        2,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
