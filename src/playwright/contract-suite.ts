import { expect, type TestType } from '@playwright/test';
import { loadSpec } from '../spec/load-spec.ts';
import { plannedPhases } from '../test-kit/planned-phases.ts';
import { sharedContractRun, sliceOf } from '../test-kit/shared-contract-run.ts';
import type { TollgateWorkerFixtures } from './fixture.ts';

/**
 * Turns the contract engine into Playwright tests: one test per operation and
 * phase, listed when the file loads, so contract results sit in Playwright's
 * report next to the hand-written suites. The engine runs once per
 * environment (see `sharedContractRun`); each test asserts on its slice of
 * the findings.
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
          const { failing, shown } = sliceOf(await sharedContractRun(target), target, operation.key, phase);
          for (const s of shown) test.info().annotations.push({ type: s.severity, description: s.text });
          expect(failing, `${failing.length} contract findings`).toEqual([]);
        });
      }
    });
  }
}
