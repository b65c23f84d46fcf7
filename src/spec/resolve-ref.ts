import { TollgateError } from '../errors/tollgate-error.ts';
import { getAtPointer, isObject } from './json-pointer.ts';
import type { LoadedSpec, SchemaObject } from './types.ts';

/**
 * Follows one internal `$ref` (`#/components/schemas/Album`) in a bundled
 * document and returns its target. Resolving one step at a time is what keeps
 * circular schemas finite for every caller.
 */
export function resolveRef(document: Record<string, unknown>, ref: string): unknown {
  if (!ref.startsWith('#')) {
    throw new TollgateError(
      'TG_SPEC_REF',
      `$ref "${ref}" is not internal: bundled documents only hold "#/..." refs`,
    );
  }
  const target = getAtPointer(document, ref);
  if (target === undefined) {
    throw new TollgateError('TG_SPEC_REF', `$ref "${ref}" points at nothing in the document`);
  }
  return target;
}

/** Whether a value is a `{ $ref: string }` reference object. */
export function isRef(value: unknown): value is { $ref: string } {
  return isObject(value) && typeof value.$ref === 'string';
}

const annotationKeys = new Set([
  '$ref',
  'description',
  'summary',
  'title',
  'example',
  'examples',
  'deprecated',
]);

/**
 * The schema a `{ $ref }` stands for (chains of pure refs are followed, a
 * cycle of refs that never reaches a schema is an error). Non-ref schemas come
 * back as they are. OpenAPI 3.1 lets a `$ref` have sibling keywords; when they
 * constrain (not just annotate) the result is `{ ...siblings, allOf: [target] }`.
 */
export function resolveSchema(spec: Pick<LoadedSpec, 'document'>, schema: SchemaObject): SchemaObject {
  let current: SchemaObject = schema;
  const seen = new Set<string>();
  while (isRef(current)) {
    const ref = current.$ref;
    if (seen.has(ref))
      throw new TollgateError(
        'TG_SPEC_REF',
        `$ref "${ref}" refers to itself through ${[...seen].join(' -> ')}`,
      );
    seen.add(ref);
    const target = resolveRef(spec.document, ref);
    if (!isObject(target) && typeof target !== 'boolean') {
      throw new TollgateError('TG_SPEC_REF', `$ref "${ref}" points at a ${typeof target}, not a schema`);
    }
    const constraining = Object.keys(current).filter((k) => !annotationKeys.has(k));
    const resolved: SchemaObject = typeof target === 'boolean' ? (target ? {} : { not: {} }) : target;
    if (constraining.length > 0) {
      const { $ref: _ref, ...siblings } = current;
      return { ...siblings, allOf: [resolved] };
    }
    current = resolved;
  }
  return current;
}
