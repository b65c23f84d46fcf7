import type { SchemaObject } from '../spec/types.ts';
import type { RefResolver } from './to-json-schema.ts';

/**
 * OpenAPI `discriminator` (3.0 §4.7.25, 3.1 §4.8.25) picks ONE of the `oneOf`
 * schemas by a property value. Plain `oneOf` is not the same thing: variants
 * that differ only in the discriminator value all match and `oneOf` fails.
 * ajv's own `discriminator` option refuses `mapping` and needs a `const` in
 * every variant, which specs rarely have, so this rewrites it into an
 * if/then/else chain: value -> that variant, anything else -> "must be one of".
 */
export function discriminatorToConditionals(
  source: SchemaObject,
  out: SchemaObject,
  resolve: RefResolver,
): void {
  const discriminator = source.discriminator as { propertyName?: unknown; mapping?: unknown } | undefined;
  if (!discriminator || typeof discriminator.propertyName !== 'string') return;
  const listKey = Array.isArray(out.oneOf) ? 'oneOf' : Array.isArray(out.anyOf) ? 'anyOf' : undefined;
  if (!listKey) return;
  const variants = variantsByValue(source[listKey] as unknown[], discriminator.mapping, resolve);
  if (!variants) {
    // Inline variants without a mapping: no way to pick one, so accept any that matches.
    out.anyOf = out[listKey];
    if (listKey === 'oneOf') delete out.oneOf;
    return;
  }
  const property = discriminator.propertyName;
  let chain: SchemaObject = {
    required: [property],
    properties: { [property]: { enum: variants.map(([value]) => value) } },
  };
  for (const [value, ref] of [...variants].reverse()) {
    chain = {
      if: { required: [property], properties: { [property]: { const: value } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, never awaited
      then: { $ref: ref },
      else: chain,
    };
  }
  delete out[listKey];
  out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), chain];
}

/** [value, $ref] pairs from `mapping` plus the implicit ones (the last segment of each variant's $ref). */
function variantsByValue(
  variants: unknown[],
  mapping: unknown,
  resolve: RefResolver,
): [string, string][] | undefined {
  const pairs: [string, string][] = [];
  if (mapping && typeof mapping === 'object') {
    for (const [value, target] of Object.entries(mapping)) {
      if (typeof target !== 'string') continue;
      const ref = target.startsWith('#') ? target : `#/components/schemas/${target}`;
      if (resolve(ref) !== undefined) pairs.push([value, ref]);
    }
  }
  const mapped = new Set(pairs.map(([, ref]) => ref));
  for (const variant of variants) {
    const ref = (variant as SchemaObject | null)?.$ref;
    if (typeof ref !== 'string') return undefined;
    if (!mapped.has(ref)) pairs.push([decodeURIComponent(ref.slice(ref.lastIndexOf('/') + 1)), ref]);
  }
  return pairs;
}
