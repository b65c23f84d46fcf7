import type { SchemaObject } from '../spec/types.ts';
import { discriminatorToConditionals } from './discriminator.ts';

/**
 * Turns one OpenAPI schema into plain JSON Schema that ajv validates, for one
 * direction. OpenAPI 3.0 keywords are rewritten (`nullable`, boolean
 * `exclusiveMinimum`, `discriminator`) whatever the dialect: 3.1 documents that
 * still carry them validate leniently instead of failing to compile.
 * `readOnly` properties are neither required nor allowed in requests,
 * `writeOnly` ones not in responses (OpenAPI 3.0.3 §4.7.25 / 3.1 §4.8.24).
 */

export type Direction = 'request' | 'response';

/** Follows a local `$ref` one step in the original document. */
export type RefResolver = (ref: string) => unknown;

export interface TransformContext {
  direction: Direction;
  resolve: RefResolver;
  /** Called with each original schema object and its pointer, so callers can find it again by identity. */
  visit?: (original: object, pointer: string) => void;
  seen: WeakMap<object, unknown>;
}

const schemaMaps = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const schemaLists = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const schemaSingles = [
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'additionalItems',
  'contentSchema',
];
/** Annotations ajv does not need; dropping them keeps compiled code small. */
const dropped = new Set([
  'example',
  'examples',
  'xml',
  'externalDocs',
  'description',
  'nullable',
  'discriminator',
]);

export function toJsonSchema(schema: unknown, pointer: string, ctx: TransformContext): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const cached = ctx.seen.get(schema);
  if (cached !== undefined) return cached;
  ctx.visit?.(schema, pointer);
  const source = schema as SchemaObject;
  const out: SchemaObject = {};
  ctx.seen.set(schema, out);
  for (const [key, value] of Object.entries(source)) {
    if (dropped.has(key) || key.startsWith('x-')) continue;
    const at = `${pointer}/${escapePointer(key)}`;
    if (schemaMaps.includes(key) && isRecord(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, toJsonSchema(v, `${at}/${escapePointer(k)}`, ctx)]),
      );
    } else if (schemaLists.includes(key) && Array.isArray(value)) {
      out[key] = value.map((v, i) => toJsonSchema(v, `${at}/${i}`, ctx));
    } else if (key === 'items' && Array.isArray(value)) {
      out[key] = value.map((v, i) => toJsonSchema(v, `${at}/${i}`, ctx));
    } else if (schemaSingles.includes(key)) {
      out[key] = toJsonSchema(value, at, ctx);
    } else {
      out[key] = value;
    }
  }
  fixExclusiveBounds(out);
  hideDirectionalProperties(source, out, ctx);
  discriminatorToConditionals(source, out, ctx.resolve);
  const result = source.nullable === true ? allowNull(out) : out;
  ctx.seen.set(schema, result);
  return result;
}

/** OpenAPI 3.0 / draft-04: `exclusiveMinimum: true` modifies `minimum`. */
function fixExclusiveBounds(out: SchemaObject): void {
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else if (typeof out[flag] === 'boolean') {
      delete out[flag];
    }
  }
}

/** readOnly in requests and writeOnly in responses: not required, and `false` (not allowed). */
function hideDirectionalProperties(source: SchemaObject, out: SchemaObject, ctx: TransformContext): void {
  const properties = source.properties;
  if (!isRecord(properties)) return;
  const flag = ctx.direction === 'request' ? 'readOnly' : 'writeOnly';
  const hidden = Object.keys(properties).filter((name) => hasFlag(properties[name], flag, ctx.resolve));
  if (hidden.length === 0) return;
  const outProperties = out.properties as Record<string, unknown>;
  for (const name of hidden) outProperties[name] = false;
  if (Array.isArray(out.required)) out.required = out.required.filter((name) => !hidden.includes(name));
}

function hasFlag(schema: unknown, flag: string, resolve: RefResolver): boolean {
  if (!isRecord(schema)) return false;
  if (schema[flag] === true) return true;
  if (typeof schema.$ref !== 'string') return false;
  const target = resolve(schema.$ref);
  return isRecord(target) && target[flag] === true;
}

/** `nullable: true` (OpenAPI 3.0): add 'null' to `type` and `enum`, or wrap when there is no type. */
function allowNull(out: SchemaObject): SchemaObject {
  if (typeof out.type === 'string' || Array.isArray(out.type)) {
    const types = Array.isArray(out.type) ? out.type : [out.type];
    if (!types.includes('null')) out.type = [...types, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [{ type: 'null' }, out] };
}

export function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
