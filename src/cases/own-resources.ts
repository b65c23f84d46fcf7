import type { LoadedSpec, Operation } from '../spec/types.ts';
import { readParam, serializeParam } from './request-validity.ts';
import type { IsValid, TestCase } from './types.ts';

/**
 * Writes go only to resources this run created. A case on an unsafe method
 * (anything but GET, HEAD, OPTIONS) whose path parameters are all valid could
 * name a real resource (album 1 of a shared staging database, reached through
 * a spec example, a boundary or a random id): it is kept only when its path
 * parameters are those of a resource the run made (`bindings`). A path value
 * the schema rejects (id=0, "abc") cannot address anything under the spec,
 * so negative cases keep theirs. A missing value is sent as an empty
 * segment, never as the text `{name}` (a valid string that once overwrote
 * every article of a real API): Gin matches no `:param` to it, and the
 * values still present must be the run's. This is the one gate every
 * planned case passes, whichever generator made it.
 */
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export type Bindings = Record<string, Record<string, unknown>[]>;

/** The method the case sends: its override (undeclared-method cases) or the operation's. */
export function sentMethod(operation: Operation, testCase: TestCase): string {
  return (testCase.request.method ?? operation.method).toUpperCase();
}

export function isUnsafeMethod(method: string): boolean {
  return !safeMethods.has(method.toUpperCase());
}

export function pathNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

/** Whether every path parameter holds a value the spec accepts, so the URL could name a real resource. */
export function addressesResource(
  spec: LoadedSpec,
  operation: Operation,
  pathParams: Record<string, unknown>,
  isValid: IsValid,
  names = pathNames(operation.path),
): boolean {
  if (names.length === 0) return false;
  return names.every((name) => {
    const value = pathParams[name];
    if (value === undefined) return false;
    const param = operation.parameters.find((p) => p.in === 'path' && p.name === name);
    if (!param) return String(value) !== '';
    const read = readParam(param, serializeParam(param, value), spec.document);
    return read !== '' && isValid(param.schema, read);
  });
}

/** Whether the run created anything that operations on this path can address. */
function hasOwnResources(spec: LoadedSpec, operation: Operation, bindings: Bindings | undefined): boolean {
  return ownSets(spec, operation, bindings).length > 0;
}

/**
 * A case that would write to a resource the run did not create. A missing
 * path value goes out as an empty segment, which Gin routes to no `:param`,
 * so it addresses nothing; the values that are present must then be the
 * run's, unless one of them is one the schema rejects.
 */
function writesToForeignResource(
  spec: LoadedSpec,
  operation: Operation,
  testCase: TestCase,
  bindings: Bindings | undefined,
  isValid: IsValid,
): boolean {
  if (!isUnsafeMethod(sentMethod(operation, testCase))) return false;
  const params = testCase.request.pathParams;
  const present = pathNames(operation.path).filter((name) => params[name] !== undefined);
  if (present.length === 0) return false;
  const only = Object.fromEntries(present.map((name) => [name, params[name]]));
  if (!addressesResource(spec, operation, only, isValid, present)) return false;
  return !ownSets(spec, operation, bindings).some((b) =>
    present.every((n) => b[n] !== undefined && String(b[n]) === String(params[n])),
  );
}

/** Drops cases that would write to someone else's resource; the count says how many, the reason why. */
export function keepOwnWrites(
  spec: LoadedSpec,
  operation: Operation,
  cases: TestCase[],
  bindings: Bindings | undefined,
  isValid: IsValid,
): { cases: TestCase[]; skipped: number; reason?: string } {
  const kept = cases.filter((c) => !writesToForeignResource(spec, operation, c, bindings, isValid));
  const skipped = cases.length - kept.length;
  if (skipped === 0) return { cases: kept, skipped };
  const reason = hasOwnResources(spec, operation, bindings)
    ? `${skipped} unsafe cases skipped: their path parameters would address a resource this run did not create`
    : `no resource created by this run to address: ${skipped} unsafe cases skipped`;
  return { cases: kept, skipped, reason };
}

/** The first resource the run created that this operation's path can address. */
export function firstOwnResource(
  spec: LoadedSpec,
  operation: Operation,
  bindings: Bindings | undefined,
): Record<string, unknown> | undefined {
  const names = pathNames(operation.path);
  return ownSets(spec, operation, bindings).find((b) => names.every((n) => b[n] !== undefined));
}

function ownSets(spec: LoadedSpec, operation: Operation, bindings: Bindings | undefined) {
  return spec.operations.filter((op) => op.path === operation.path).flatMap((op) => bindings?.[op.id] ?? []);
}
