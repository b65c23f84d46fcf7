import { TollgateError } from '../../errors/tollgate-error.ts';
import { isObject } from '../json-pointer.ts';
import { isRef, resolveRef } from '../resolve-ref.ts';

/**
 * Follows `$ref`s of non-schema objects (parameters, responses, headers,
 * links, request bodies, path items) until a real object. These cannot be
 * circular in a valid spec, so a loop is reported rather than followed.
 */
export function followRefs(
  document: Record<string, unknown>,
  value: unknown,
  at: string,
): Record<string, unknown> {
  let current = value;
  const seen: string[] = [];
  while (isRef(current)) {
    if (seen.includes(current.$ref)) {
      throw new TollgateError('TG_SPEC_REF', `${at}: $ref loop ${[...seen, current.$ref].join(' -> ')}`);
    }
    seen.push(current.$ref);
    current = resolveRef(document, current.$ref);
  }
  if (!isObject(current)) {
    throw new TollgateError('TG_SPEC_INVALID', `${at}: expected an object, got ${JSON.stringify(current)}`);
  }
  return current;
}

/** `x-*` keys of an object. */
export function extensionsOf(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => key.startsWith('x-')));
}
