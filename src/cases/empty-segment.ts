import { concretePath, ginRouterFor } from '../spec/gin-router.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';
import { pathNames, sentMethod } from './own-resources.ts';
import type { TestCase } from './types.ts';

/**
 * A missing path value goes out as an empty segment, which Gin matches to no
 * `:param`. When the router would still hand that URL to a documented route
 * (`/albums/5/tracks/` is the tracks list behind a trailing-slash redirect),
 * the answer is that route's, not a verdict on the missing value: such a case
 * is not sent at all.
 */
export function reachesOtherRoute(spec: LoadedSpec, operation: Operation, testCase: TestCase): boolean {
  const params = testCase.request.pathParams;
  if (!pathNames(operation.path).some((name) => params[name] === undefined)) return false;
  return (
    ginRouterFor(spec).match(sentMethod(operation, testCase), concretePath(operation.path, params)) !==
    undefined
  );
}
