import type { Exchange } from '../http/types.ts';
import { checkRegistry } from './registry.ts';
import type { CheckContext, CheckDefinition, Failure } from './types.ts';

export interface CheckResult {
  check: string;
  failure: Failure;
}

export interface RunChecksOptions {
  /** This check's options (`contract.checks[name]` when an object); defaults to ctx.options. */
  optionsFor?: (name: string) => Record<string, unknown>;
  /** The checks to run; defaults to the whole registry. */
  registry?: ReadonlyMap<string, CheckDefinition>;
}

/** Checks that judge the body: an unread body (over the size limit) is not theirs to judge. */
const bodyReaders = new Set([
  'response-schema',
  'null-collection',
  'no-body-on-204',
  'text-plain-404',
  'content-type-documented',
]);

/**
 * Runs every enabled check on one exchange and returns what failed, in
 * registry order. A check that throws is a tollgate bug: the error names it.
 */
export function runChecks(
  ctx: CheckContext,
  exchange: Exchange,
  enabled: (name: string) => boolean = () => true,
  options: RunChecksOptions = {},
): CheckResult[] {
  const results: CheckResult[] = [];
  const registry = options.registry ?? checkRegistry;
  const nullCollectionRuns = registry.has('null-collection') && enabled('null-collection');
  for (const [name, definition] of registry) {
    if (!enabled(name)) continue;
    if (exchange.response.bodyOverLimit !== undefined && bodyReaders.has(name)) continue;
    let checkCtx = options.optionsFor ? { ...ctx, options: options.optionsFor(name) } : ctx;
    if (name === 'response-schema' && nullCollectionRuns)
      checkCtx = { ...checkCtx, options: { ...checkCtx.options, nullCollectionRuns } };
    let failure: Failure | undefined;
    try {
      failure = definition.run(checkCtx, exchange);
    } catch (error) {
      throw new Error(`check "${name}" crashed on ${ctx.operation.key}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (failure) results.push({ check: name, failure });
  }
  // An undocumented redirect (Gin's RedirectTrailingSlash) is the one cause of whatever else a 3xx fails.
  // Followed, the answer behind it is judged too.
  const redirect = results.find((r) => r.check === 'undocumented-redirect');
  return redirect && !exchange.redirects ? [redirect] : results;
}
