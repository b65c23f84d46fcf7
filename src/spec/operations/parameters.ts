import { TollgateError } from '../../errors/tollgate-error.ts';
import { childPointer, isObject } from '../json-pointer.ts';
import type { Parameter, SchemaObject } from '../types.ts';
import { extensionsOf, followRefs } from './follow-refs.ts';
import { examplesOf, toSchema } from './media-types.ts';

const locations = new Set(['path', 'query', 'header', 'cookie']);

/**
 * Path-level and operation-level parameters merged (the operation's win on
 * the same name and location), refs resolved, `style`/`explode` defaults filled
 * as OpenAPI 3 defines them.
 */
export function mergeParameters(
  document: Record<string, unknown>,
  pathLevel: unknown,
  operationLevel: unknown,
  pathPointer: string,
  operationPointer: string,
): Parameter[] {
  const merged = new Map<string, Parameter>();
  for (const [list, pointer] of [
    [pathLevel, pathPointer],
    [operationLevel, operationPointer],
  ] as const) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, index) => {
      const parameter = toParameter(document, raw, childPointer(pointer, 'parameters', index));
      const name = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
      merged.set(`${parameter.in}:${name}`, parameter);
    });
  }
  return [...merged.values()];
}

function toParameter(document: Record<string, unknown>, raw: unknown, at: string): Parameter {
  const p = followRefs(document, raw, at);
  if (typeof p.name !== 'string' || !locations.has(p.in as string)) {
    throw new TollgateError(
      'TG_SPEC_INVALID',
      `${at}: a parameter needs "name" and "in" (path, query, header or cookie)`,
    );
  }
  const location = p.in as Parameter['in'];
  const style =
    typeof p.style === 'string' ? p.style : location === 'query' || location === 'cookie' ? 'form' : 'simple';
  return {
    name: p.name,
    in: location,
    required: location === 'path' ? true : p.required === true,
    schema: schemaOf(p),
    style,
    explode: typeof p.explode === 'boolean' ? p.explode : style === 'form',
    ...(p.example !== undefined ? { example: p.example } : {}),
    ...examplesOf(document, p.examples, at),
    ...extensions(p),
  };
}

/** A parameter's schema, or the schema of its single `content` entry; `{}` when it has neither. */
function schemaOf(p: Record<string, unknown>): SchemaObject {
  if (isObject(p.schema) || typeof p.schema === 'boolean')
    return toSchema(p.schema as SchemaObject | boolean);
  if (isObject(p.content)) {
    const first = Object.values(p.content)[0];
    if (isObject(first) && (isObject(first.schema) || typeof first.schema === 'boolean')) {
      return toSchema(first.schema as SchemaObject | boolean);
    }
  }
  return {};
}

/** `x-*` keys, e.g. `x-tollgate-collection-format` from a Swagger 2.0 source; omitted when none. */
function extensions(p: Record<string, unknown>): { extensions?: Record<string, unknown> } {
  const found = extensionsOf(p);
  return Object.keys(found).length ? { extensions: found } : {};
}
