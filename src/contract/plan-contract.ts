import { planCases } from '../cases/plan-cases.ts';
import type { TestCase } from '../cases/types.ts';
import type { CaseMeta } from '../checks/types.ts';
import type { Finding } from '../run/model.ts';
import { schemaValidatorFor } from '../schema/create-schema-validator.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';
import { selectChecks } from './check-selection.ts';
import { executeCase } from './execute-case.ts';
import { runPool } from './pool.ts';
import { contractDefaults } from './run-contract.ts';
import type { ContractInput, ContractOptions } from './types.ts';

/**
 * The engine in pieces, for the Playwright adapter: enumerate the cases of
 * each operation and phase (one Playwright test each), then run one group
 * and get its findings back as data. Stateful sequences and cleanup stay in
 * `runContract`; ids for positive cases can be passed as `bindings`.
 */
export interface PlannedGroup {
  operation: Operation;
  phase: CaseMeta['phase'];
  cases: TestCase[];
}

export function planContract(
  spec: LoadedSpec,
  options: ContractOptions & { bindings?: Record<string, Record<string, unknown>[]> } = {},
): PlannedGroup[] {
  const validator = schemaValidatorFor(spec);
  const plan = planCases(
    spec,
    {
      seed: options.seed ?? contractDefaults.seed,
      maxCases: options.maxCases ?? contractDefaults.maxCases,
      readOnly: options.readOnly,
      oversizedBytes: options.oversizedBytes,
      bindings: options.bindings,
    },
    (schema, value) => validator.validate(schema, value, 'request').valid,
    { operations: options.operations, tags: options.tags },
  );
  const groups = new Map<string, PlannedGroup>();
  const byId = new Map(spec.operations.map((op) => [op.id, op]));
  for (const testCase of plan.cases) {
    const key = `${testCase.operationId} ${testCase.phase}`;
    const operation = byId.get(testCase.operationId);
    if (!operation) continue;
    let group = groups.get(key);
    if (!group) {
      group = { operation, phase: testCase.phase, cases: [] };
      groups.set(key, group);
    }
    group.cases.push(testCase);
  }
  return [...groups.values()];
}

/** Sends the cases of one group and returns every finding (data; nothing printed). */
export async function runPlannedCases(
  input: Omit<ContractInput, 'onProgress'>,
  cases: TestCase[],
): Promise<Finding[]> {
  const o = { ...contractDefaults, ...input.options };
  const runner = {
    spec: input.spec,
    target: { baseURL: input.baseURL, headers: input.headers, query: input.query },
    secrets: input.secrets,
    seed: o.seed,
    timeoutMs: o.timeoutMs,
    selection: selectChecks(o),
    handleMethodNotAllowed: o.handleMethodNotAllowed ?? false,
    maxResponseMs: o.maxResponseMs,
    signal: input.signal,
    send: input.send,
  };
  const byId = new Map(input.spec.operations.map((op) => [op.id, op]));
  const findings: Finding[] = [];
  await runPool(
    cases,
    { workers: o.workers, ratePerSecond: o.rateLimit, shouldStop: () => input.signal?.aborted === true },
    async (testCase) => {
      const operation = byId.get(testCase.operationId);
      if (!operation) return;
      const outcome = await executeCase(runner, operation, testCase);
      if (outcome.error && outcome.error.kind !== 'aborted') throw outcome.error;
      findings.push(...outcome.findings);
    },
  );
  return findings;
}
