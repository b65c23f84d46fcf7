import { concretePath, ginRouterFor } from '../spec/gin-router.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';
import { baselineRequest } from './baseline.ts';
import { createRng, deriveSeed } from './prng.ts';
import { GenerationProblem } from './schema-view.ts';
import type { PlanOptions, TestCase } from './types.ts';

/**
 * Phase (e): every method a path does not declare. Gin answers 404 by
 * default and 405 + Allow with HandleMethodNotAllowed; anything 2xx means a
 * route the spec does not know about. TRACE is left out (fetch refuses it).
 * A method is probed only where no documented route would take the request
 * in Gin's router (gin-router.ts): `DELETE /files/chunk` reaches the
 * documented `DELETE /files/:id`, so it says nothing about /files/chunk.
 */
const candidates = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];
const safe = new Set(['GET', 'HEAD', 'OPTIONS']);

export function undeclaredMethodCases(
  spec: LoadedSpec,
  options: PlanOptions,
  include: (op: Operation) => boolean,
): TestCase[] {
  const byPath = new Map<string, Operation[]>();
  for (const op of spec.operations) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
  const router = ginRouterFor(spec);
  const cases: TestCase[] = [];
  for (const [path, ops] of byPath) {
    const first = ops[0];
    if (!ops.some(include)) continue;
    const declared = new Set(ops.map((op) => op.method.toUpperCase()));
    const rng = createRng(deriveSeed(options.seed, path, 'methods'));
    let pathParams: Record<string, unknown> = {};
    try {
      const ctxOp = ops.find((op) => op.method === 'get') ?? first;
      const binding = options.bindings?.[ctxOp.id]?.[0];
      pathParams = baselineRequest({ spec, operation: ctxOp, options, isValid: () => true }, rng, {
        binding,
      }).pathParams;
    } catch (error) {
      if (!(error instanceof GenerationProblem)) throw error;
    }
    for (const method of candidates) {
      if (declared.has(method) || (options.readOnly && !safe.has(method))) continue;
      if (router.match(method, concretePath(path, pathParams))) continue;
      cases.push({
        operationId: first.id,
        phase: 'methods',
        expectation: 'undeclared-method',
        description: `${method} ${path} is not in the spec`,
        request: { method, pathParams: { ...pathParams }, query: {}, headers: {} },
      });
    }
  }
  return cases;
}
