import { TollgateError } from '../../errors/tollgate-error.ts';
import { childPointer, getAtPointer, isObject } from '../json-pointer.ts';

/** Literal data: a `$ref` key inside is a value, not a reference. */
const literalKeys = new Set(['example', 'default', 'enum', 'const', 'value']);
/** Maps whose keys are names, so `default` there is a property, not a literal. */
const nameMaps = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'schemas']);

/**
 * Refuses a chain of `$ref`s that comes back to itself without ever reaching
 * a schema or object (`A: {$ref: B}`, `B: {$ref: A}`): nothing can be
 * generated or validated from it, and following it never ends. A schema that
 * refers to itself *inside* (a tree's `children: {items: {$ref: Node}}`) is
 * fine and is not reported. Throws TG_SPEC_REF naming the pointer and the chain.
 */
export function assertNoRefCycles(document: Record<string, unknown>): void {
  const terminates = new Set<string>();
  const check = (start: string, at: string) => {
    const chain: string[] = [];
    let ref: string | undefined = start;
    while (ref?.startsWith('#/') && !terminates.has(ref)) {
      if (chain.includes(ref)) {
        throw new TollgateError(
          'TG_SPEC_REF',
          `${at}: $ref "${start}" is a cycle that never reaches a schema: ${[...chain, ref].join(' -> ')}`,
          {
            hint: 'make one of the refs in the cycle an object (a schema with properties) instead of another $ref',
          },
        );
      }
      chain.push(ref);
      const target = getAtPointer(document, ref);
      ref = isObject(target) && typeof target.$ref === 'string' ? target.$ref : undefined;
    }
    for (const seen of chain) terminates.add(seen);
  };
  const walk = (value: unknown, at: string, inNameMap: boolean) => {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, childPointer(at, i), false);
      return;
    }
    if (!isObject(value)) return;
    if (typeof value.$ref === 'string') check(value.$ref, at);
    for (const [key, child] of Object.entries(value)) {
      if (!inNameMap && (literalKeys.has(key) || key.startsWith('x-'))) continue;
      walk(child, childPointer(at, key), !inNameMap && nameMaps.has(key));
    }
  };
  walk(document, '#', false);
}
