import { getAtPointer, isObject } from '../spec/json-pointer.ts';
import type { Operation } from '../spec/types.ts';
import { compareRequestBodies, compareResponses } from './compare-bodies.ts';
import { compareParameters } from './compare-parameters.ts';
import { compareOperationSecurity } from './compare-security.ts';
import { type DiffContext, report } from './diff-context.ts';

/**
 * Operations match by method and path template with the parameter names
 * blanked (`GET /albums/{}`). A removed operation is judged by its base
 * deprecation and `x-sunset`, as oasdiff does.
 */
export function compareOperations(ctx: DiffContext): void {
  const after = new Map(ctx.revision.spec.operations.map((op) => [matchKey(op), op]));
  const revisionPaths = new Set(ctx.revision.spec.operations.map((op) => blank(op.path)));
  const seen = new Set<string>();
  for (const b of ctx.base.spec.operations) {
    const key = matchKey(b);
    seen.add(key);
    const r = after.get(key);
    if (r) compareOperation(ctx, b, r);
    else removed(ctx, b, revisionPaths.has(blank(b.path)) ? 'api' : 'api-path');
  }
  for (const [key, r] of after) {
    if (!seen.has(key))
      report(ctx, 'endpoint-added', r.key, 'the operation was added', { revision: r.pointer });
  }
}

function compareOperation(ctx: DiffContext, b: Operation, r: Operation): void {
  const name = b.key;
  const at = { base: b.pointer, revision: r.pointer };
  const before = deprecation(ctx.base.spec.document, b);
  const after = deprecation(ctx.revision.spec.document, r);
  if (!before.deprecated && after.deprecated) {
    if (after.sunset === undefined)
      report(ctx, 'endpoint-deprecated', name, 'the operation was deprecated', at);
    else if (after.sunsetDate === undefined)
      report(
        ctx,
        'api-deprecated-sunset-parse',
        name,
        `deprecated with x-sunset ${JSON.stringify(after.sunset)}, not a date`,
        at,
      );
    else
      report(
        ctx,
        'endpoint-deprecated-with-sunset',
        name,
        `the operation was deprecated (sunset ${after.sunsetDate})`,
        at,
      );
  } else if (before.deprecated && !after.deprecated) {
    report(ctx, 'endpoint-reactivated', name, 'the operation is no longer deprecated', at);
  } else if (before.sunsetDate && after.sunsetDate && after.sunsetDate < before.sunsetDate) {
    report(
      ctx,
      'api-sunset-date-changed-earlier',
      name,
      `sunset moved from ${before.sunsetDate} to ${after.sunsetDate}`,
      at,
    );
  }
  compareParameters(ctx, name, b, r);
  compareRequestBodies(ctx, name, b, r);
  compareResponses(ctx, name, b, r);
  compareOperationSecurity(ctx, name, b, r);
}

function removed(ctx: DiffContext, b: Operation, prefix: 'api' | 'api-path'): void {
  const d = deprecation(ctx.base.spec.document, b);
  const what = prefix === 'api' ? 'the operation was removed' : 'the path was removed';
  const at = { base: b.pointer, revision: '#/paths' };
  if (!d.deprecated)
    report(ctx, `${prefix}-removed-without-deprecation`, b.key, `${what} without deprecation`, at);
  else if (d.sunsetDate && d.sunsetDate > ctx.today)
    report(ctx, `${prefix}-removed-before-sunset`, b.key, `${what} before its sunset ${d.sunsetDate}`, at);
  else report(ctx, `${prefix}-removed-with-deprecation`, b.key, `${what} after deprecation`, at);
}

interface Deprecation {
  deprecated: boolean;
  sunset?: unknown;
  /** `YYYY-MM-DD` when `x-sunset` parses as a date. */
  sunsetDate?: string;
}

function deprecation(document: Record<string, unknown>, op: Operation): Deprecation {
  const raw = getAtPointer(document, op.pointer);
  if (!isObject(raw)) return { deprecated: false };
  const sunset = raw['x-sunset'];
  const parsed =
    typeof sunset === 'string' && /^\d{4}-\d{2}-\d{2}/.test(sunset) && !Number.isNaN(Date.parse(sunset));
  const result: Deprecation = { deprecated: raw.deprecated === true };
  if (sunset !== undefined) result.sunset = sunset;
  if (parsed) result.sunsetDate = (sunset as string).slice(0, 10);
  return result;
}

function matchKey(op: Operation): string {
  return `${op.method} ${blank(op.path)}`;
}

function blank(path: string): string {
  return path.replace(/\{[^}]+\}/g, '{}');
}
