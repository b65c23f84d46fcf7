import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type TestType } from '@playwright/test';
import { planOperation } from '../cases/plan-cases.ts';
import { contractOptionsFor } from '../contract/options-for-environment.ts';
import { runContract } from '../contract/run-contract.ts';
import type { ContractRun } from '../contract/types.ts';
import { type Finding, failingFindings, severityOf } from '../run/model.ts';
import { schemaValidatorFor } from '../schema/create-schema-validator.ts';
import { loadSpec } from '../spec/load-spec.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';
import type { Target } from '../target/open-target.ts';
import type { TollgateWorkerFixtures } from './fixture.ts';

type Phase = Finding['phase'];

/**
 * Turns the contract engine into Playwright tests: one test per operation and
 * phase, listed when the file loads, so contract results sit in Playwright's
 * report next to the hand-written suites. The engine runs once per
 * environment per `playwright test` invocation (cached in a temp file keyed
 * by the runner's pid, so a worker restarted after a failure reuses it), or
 * not at all under `tollgate gate`, which hands over its contract stage's
 * result; each test then asserts on its slice of the findings.
 */
export async function defineContractSuite(
  test: TestType<object, TollgateWorkerFixtures>,
  specSource: string,
): Promise<void> {
  const spec = await loadSpec(specSource);
  for (const [operation, phases] of plannedPhases(spec)) {
    test.describe(operation.key, () => {
      for (const phase of phases) {
        test(`${phase}`, async ({ target }) => {
          const run = await sharedRun(target);
          const mine = run.findings.filter((f) => f.operation === operation.key && f.phase === phase);
          // Warnings are shown, not failed, unless the environment sets failOn: 'warning'.
          const findings = failingFindings(mine, target.env.contract.failOn);
          for (const f of mine.filter((f) => !findings.includes(f)))
            test.info().annotations.push({ type: severityOf(f), description: describeFinding(f) });
          expect(findings.map(describeFinding), `${findings.length} contract findings`).toEqual([]);
        });
      }
    });
  }
}

/** The phases each operation has cases in, from the same planner the engine uses. */
function plannedPhases(spec: LoadedSpec): Map<Operation, Phase[]> {
  const validator = schemaValidatorFor(spec);
  const isValid = (schema: Record<string, unknown>, value: unknown) =>
    validator.validate(schema, value, 'request').valid;
  const firstOnPath = new Set(
    spec.operations.filter((op, i, all) => all.findIndex((o) => o.path === op.path) === i),
  );
  const result = new Map<Operation, Phase[]>();
  for (const operation of spec.operations) {
    const plan = planOperation(spec, operation, { seed: 1, maxCases: 5 }, isValid);
    const phases = new Set<Phase>(plan.cases.map((c) => c.phase));
    if (firstOnPath.has(operation)) phases.add('methods');
    phases.add('stateful');
    result.set(operation, [...phases]);
  }
  return result;
}

async function sharedRun(target: Target): Promise<ContractRun> {
  // `tollgate gate` already ran the engine in its contract stage: judge that run, do not repeat it.
  const fromGate =
    process.env.TOLLGATE_ENV === target.envName ? process.env.TOLLGATE_CONTRACT_RESULT : undefined;
  if (fromGate && existsSync(fromGate)) return JSON.parse(readFileSync(fromGate, 'utf8'));
  const cache = join(tmpdir(), `tollgate-contract-${process.ppid}-${target.envName}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8'));
  const run = await runContract({
    spec: target.spec,
    baseURL: target.baseURL,
    headers: target.headers,
    query: target.query,
    secrets: target.secrets,
    options: contractOptionsFor(target.env),
  });
  writeFileSync(cache, JSON.stringify(run));
  return run;
}

function describeFinding(f: Finding): string {
  return `[${f.check}] ${f.title}\n    ${f.expected}\n    ${f.received}\n    ${f.curl}`;
}
