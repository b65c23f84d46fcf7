import { addressesResource, sentMethod } from '../cases/own-resources.ts';
import type { IsValid, TestCase } from '../cases/types.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';

/**
 * DELETE cases that address a fixture run after every other case, one at a
 * time: a fixture deleted mid-run would turn the other cases' reads and
 * writes into 404s (and a write racing a delete tests nothing). Among them,
 * the credential-less ones go first, so a server that looks the resource up
 * before checking credentials still answers them with the resource present,
 * and deeper paths (a track) before shallower ones (its album). Returns the
 * cases to run together and the ones to run after, in order.
 */
export function deletesLast(
  spec: LoadedSpec,
  cases: TestCase[],
  byId: Map<string, Operation>,
  isValid: IsValid,
): [shared: TestCase[], deletes: TestCase[]] {
  const shared: TestCase[] = [];
  const deletes: { testCase: TestCase; depth: number }[] = [];
  for (const testCase of cases) {
    const operation = byId.get(testCase.operationId);
    const deletesFixture =
      operation &&
      sentMethod(operation, testCase) === 'DELETE' &&
      addressesResource(spec, operation, testCase.request.pathParams, isValid);
    if (deletesFixture) deletes.push({ testCase, depth: operation.path.split('/').length });
    else shared.push(testCase);
  }
  const credentialsFirst = (c: TestCase) => (c.expectation === 'unauthorized' ? 0 : 1);
  // Array.prototype.sort is stable: within a rank, plan order (examples, positive, ...) stays.
  deletes.sort((a, b) => credentialsFirst(a.testCase) - credentialsFirst(b.testCase) || b.depth - a.depth);
  return [shared, deletes.map((d) => d.testCase)];
}
