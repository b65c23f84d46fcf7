import { derefSchema } from '../schema/local-ref.ts';
import { findResponseMedia, targetsOperation } from './response-lookup.ts';
import type { CheckDefinition } from './types.ts';

type Schema = Record<string, unknown>;
type Kind = 'array' | 'object';
interface Hit {
  pointer: string;
  kind: Kind;
}

const maxDepth = 64;

/**
 * `null` where the schema wants an array or object and does not allow null:
 * Go serialises a nil slice or map as `null`, not `[]` or `{}`. The
 * response-schema check reports the same spot as a type error; this one names
 * the Go cause and the fix. Only unambiguous schemas are followed (`$ref`,
 * `allOf`, `properties`, `items`, `additionalProperties`, one-branch `oneOf`).
 */
export const nullCollection: CheckDefinition = {
  name: 'null-collection',
  description: 'no null where the schema wants an array or object (Go nil slices and maps)',
  run(ctx, exchange) {
    // A 200 whose envelope says rejected is an error answer the 200 schema does not describe.
    if (ctx.envelope?.ok === false) return undefined;
    if (!targetsOperation(ctx, exchange) || exchange.response.json === undefined) return undefined;
    const media = findResponseMedia(ctx.operation, exchange);
    if (!media) return undefined;
    const hits: Hit[] = [];
    collect(ctx.spec.document, media.schema, exchange.response.json, [], hits);
    if (hits.length === 0) return undefined;
    const [first] = hits;
    const goType = first.kind === 'array' ? 'slice' : 'map';
    const others =
      hits.length > 1
        ? `; also at ${hits
            .slice(1, 4)
            .map((h) => h.pointer || '(root)')
            .join(', ')}`
        : '';
    return {
      title: `null instead of an empty ${first.kind} (nil Go ${goType})`,
      expected: `Documented: ${first.kind}, not nullable, at ${first.pointer || '(root)'}`,
      received: `Received: null at ${first.pointer || '(root)'}${others}: initialise the ${goType} (e.g. make(${
        first.kind === 'array' ? '[]T, 0' : 'map[K]V'
      })) or mark it nullable`,
      location: first.pointer,
    };
  },
};

/** The pointers (`/tracks`, '' for the root) where a nil Go slice or map shows as null. */
export function nilCollectionPointers(doc: Schema, schema: unknown, value: unknown): string[] {
  const hits: Hit[] = [];
  collect(doc, schema, value, [], hits);
  return hits.map((h) => h.pointer);
}

function collect(doc: Schema, raw: unknown, value: unknown, path: string[], hits: Hit[]): void {
  const schema = derefSchema(doc, raw) as Schema | undefined;
  if (!schema || typeof schema !== 'object' || path.length > maxDepth) return;
  if (value === null) {
    const kind = collectionKind(doc, schema);
    if (kind)
      hits.push({
        pointer: path.map((s) => `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`).join(''),
        kind,
      });
    return;
  }
  // Scalars have nothing inside that could be null.
  if (typeof value !== 'object') return;
  if (schema.allOf || schema.oneOf || schema.anyOf) {
    for (const part of subschemas(schema)) collect(doc, part, value, path, hits);
  }
  if (Array.isArray(value)) {
    const items = schema.items;
    if (!items || typeof items !== 'object' || Array.isArray(items)) return;
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      collect(doc, items, value[i], path, hits);
      path.pop();
    }
    return;
  }
  const properties = (schema.properties ?? {}) as Schema;
  for (const key in value) {
    const sub = Object.hasOwn(properties, key) ? properties[key] : schema.additionalProperties;
    if (!sub || typeof sub !== 'object') continue;
    path.push(key);
    collect(doc, sub, (value as Schema)[key], path, hits);
    path.pop();
  }
}

/** allOf members, and the single branch of a one-branch oneOf/anyOf. */
function subschemas(schema: Schema): unknown[] {
  const parts = Array.isArray(schema.allOf) ? [...schema.allOf] : [];
  for (const key of ['oneOf', 'anyOf']) {
    const list = schema[key];
    if (Array.isArray(list) && list.length === 1) parts.push(list[0]);
  }
  return parts;
}

function collectionKind(doc: Schema, schema: Schema, depth = 0): Kind | undefined {
  if (allowsNull(schema) || depth > 8) return undefined;
  const types = [schema.type].flat().filter((t) => t !== undefined);
  if (types.length === 1 && (types[0] === 'array' || types[0] === 'object')) return types[0];
  for (const part of subschemas(schema)) {
    const resolved = derefSchema(doc, part) as Schema | undefined;
    if (!resolved || allowsNull(resolved)) return undefined;
    const kind = collectionKind(doc, resolved, depth + 1);
    if (kind) return kind;
  }
  return undefined;
}

function allowsNull(schema: Schema): boolean {
  if (schema.nullable === true || schema.const === null) return true;
  if (Array.isArray(schema.type) && schema.type.includes('null')) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  const branches = [schema.oneOf, schema.anyOf].filter(Array.isArray).flat() as Schema[];
  return branches.length > 1 && branches.some((b) => b && (b.type === 'null' || allowsNull(b)));
}
