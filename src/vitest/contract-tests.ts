import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadSpec } from '../spec/load-spec.ts';
import type { Target } from '../target/open-target.ts';
import { plannedPhases } from '../test-kit/planned-phases.ts';
import { sharedContractRun, sliceOf } from '../test-kit/shared-contract-run.ts';
import { openTollgate } from './open-tollgate.ts';

export interface ContractTestsOptions {
  /** The environment of tollgate.config.ts to test. Default: `TOLLGATE_ENV`, else `local`. */
  env?: string;
  /** Time to open the environment (a webServer may build the API first). Default: 120 s. */
  openTimeoutMs?: number;
}

/**
 * Registers one vitest test per operation and phase of the spec, as
 * `suites/contract` does for Playwright: `await contractTests('specs/api.yaml')`
 * at the top of a test file. The engine runs once per environment and
 * vitest invocation; each test fails on its operation's error findings and
 * annotates its warnings.
 */
export async function contractTests(specSource: string, options: ContractTestsOptions = {}): Promise<void> {
  const spec = await loadSpec(specSource);
  const openTimeout = options.openTimeoutMs ?? 120_000;
  let opened: { target: Target; close: () => Promise<void> } | undefined;
  beforeAll(async () => {
    opened = await openTollgate(options.env);
  }, openTimeout);
  afterAll(() => opened?.close());
  for (const [operation, phases] of plannedPhases(spec)) {
    describe(operation.key, () => {
      for (const phase of phases) {
        test(phase, { timeout: 300_000 }, async ({ annotate }) => {
          if (!opened) throw new Error(`environment ${options.env ?? 'local'} did not open`);
          const { target } = opened;
          const { failing, shown } = sliceOf(await sharedContractRun(target), target, operation.key, phase);
          for (const s of shown) await annotate(s.text, s.severity);
          expect(failing, `${failing.length} contract findings:\n${failing.join('\n')}`).toEqual([]);
        });
      }
    });
  }
}
