import type { LoadedSpec, Operation } from '../spec/types.ts';
import { baselineRequest } from './baseline.ts';
import { type Bindings, pathNames } from './own-resources.ts';
import { createRng, deriveSeed } from './prng.ts';
import { GenerationProblem } from './schema-view.ts';
import type { IsValid, TestCase } from './types.ts';

/**
 * Valid requests to resources this run created and then deleted. Writes
 * otherwise go only to live resources of the run (own-resources.ts), so a
 * documented "not found" of PUT, PATCH or a nested POST would never be seen;
 * a tombstone is the one id that is both the run's own and known to be gone.
 * One case per operation whose path lies on or under a deleted resource's
 * path (the resource, its sub-collections, a second DELETE), with a valid
 * body. Expectation 'any': the response must conform (a documented 404, a
 * schema-valid error body), without claiming which status is right, since
 * PUT may create and DELETE may be idempotent.
 */
export interface Tombstone {
  /** Path template of the DELETE that removed it (`/v1/albums/{id}`). */
  path: string;
  params: Record<string, unknown>;
}

export interface GoneContext {
  spec: LoadedSpec;
  seed: number;
  isValid: IsValid;
  /** Known path parameter sets per operation id: fill names the tombstone lacks (a track's id). */
  bindings?: Bindings;
}

export function goneCases(ctx: GoneContext, operations: Operation[], tombstones: Tombstone[]): TestCase[] {
  const cases: TestCase[] = [];
  for (const operation of operations) {
    const params = tombstoneParams(operation, tombstones, ctx.bindings);
    if (!params) continue;
    const rng = createRng(deriveSeed(ctx.seed, operation.id, 'gone'));
    try {
      const request = baselineRequest(
        { spec: ctx.spec, operation, options: { seed: ctx.seed, maxCases: 1 }, isValid: ctx.isValid },
        rng,
        { binding: params },
      );
      cases.push({
        operationId: operation.id,
        phase: 'stateful',
        expectation: 'any',
        description: `valid request to ${fill(operation.path, params)}, which this run created and deleted`,
        request,
        tombstone: true,
      });
    } catch (error) {
      // The positive phase already reports an operation with no valid request.
      if (!(error instanceof GenerationProblem)) throw error;
    }
  }
  // A second DELETE last: it must not turn the other cases' tombstone into something else.
  const rank = (c: TestCase) =>
    operations.find((op) => op.id === c.operationId)?.method === 'delete' ? 1 : 0;
  return cases.sort((a, b) => rank(a) - rank(b));
}

/** Path parameters from the first tombstone on or above the operation's path, completed from its bindings. */
function tombstoneParams(
  operation: Operation,
  tombstones: Tombstone[],
  bindings: Bindings | undefined,
): Record<string, unknown> | undefined {
  const names = pathNames(operation.path);
  if (names.length === 0) return undefined;
  for (const tombstone of tombstones) {
    if (operation.path !== tombstone.path && !operation.path.startsWith(`${tombstone.path}/`)) continue;
    const own = pathNames(tombstone.path);
    const agrees = (b: Record<string, unknown>) =>
      own.every((n) => String(b[n]) === String(tombstone.params[n])) &&
      names.every((n) => b[n] !== undefined);
    const candidates = [pick(tombstone.params, own), ...(bindings?.[operation.id] ?? [])];
    const found = candidates.find(agrees);
    if (found) return pick(found, names);
  }
  return undefined;
}

function pick(params: Record<string, unknown>, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((n) => params[n] !== undefined).map((n) => [n, params[n]]));
}

function fill(path: string, params: Record<string, unknown>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
}
