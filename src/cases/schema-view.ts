import type { SchemaObject } from '../spec/types.ts';

/**
 * Reads a schema the way the generators need it: `$ref`s followed (local
 * pointers only: the loaded document is bundled), `allOf` merged, and the
 * OpenAPI 3.0 / 3.1 differences (nullable, boolean exclusive bounds, example
 * vs examples) smoothed into one shape.
 */
export interface SchemaView {
  schema: SchemaObject;
  /** Non-null types: ['string'], [] when the schema names none. */
  types: string[];
  nullable: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum: boolean;
  exclusiveMaximum: boolean;
  properties: Record<string, SchemaObject>;
  required: string[];
  /** False when `additionalProperties: false`. */
  additionalProperties: boolean;
}

export class GenerationProblem extends Error {}

function derefSchema(document: Record<string, unknown>, schema: SchemaObject, hops = 0): SchemaObject {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  if (hops > 32) throw new GenerationProblem(`$ref chain too long at ${ref}`);
  if (!ref.startsWith('#')) throw new GenerationProblem(`cannot follow external $ref ${ref}`);
  let node: unknown = document;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (!node || typeof node !== 'object') throw new GenerationProblem(`$ref ${ref} points at nothing`);
  const { $ref: _ignored, ...siblings } = schema;
  const target = derefSchema(document, node as SchemaObject, hops + 1);
  return Object.keys(siblings).length ? { ...target, ...siblings } : target;
}

/** Follows refs and folds `allOf` into one schema (properties, required and bounds intersected). */
function flatten(document: Record<string, unknown>, schema: SchemaObject): SchemaObject {
  const base = derefSchema(document, schema);
  if (!Array.isArray(base.allOf)) return base;
  const { allOf, ...rest } = base;
  let merged: SchemaObject = { ...rest };
  for (const part of allOf as SchemaObject[]) merged = mergeSchemas(merged, flatten(document, part));
  return merged;
}

function mergeSchemas(a: SchemaObject, b: SchemaObject): SchemaObject {
  const out: SchemaObject = { ...a, ...b };
  if (a.properties || b.properties) {
    out.properties = { ...(a.properties as object), ...(b.properties as object) };
  }
  if (a.required || b.required) {
    out.required = [...new Set([...((a.required as string[]) ?? []), ...((b.required as string[]) ?? [])])];
  }
  for (const key of ['minimum', 'minLength', 'minItems', 'minProperties'] as const) {
    if (typeof a[key] === 'number' && typeof b[key] === 'number') out[key] = Math.max(a[key], b[key]);
  }
  for (const key of ['maximum', 'maxLength', 'maxItems', 'maxProperties'] as const) {
    if (typeof a[key] === 'number' && typeof b[key] === 'number') out[key] = Math.min(a[key], b[key]);
  }
  if (a.additionalProperties === false || b.additionalProperties === false) out.additionalProperties = false;
  return out;
}

export function view(document: Record<string, unknown>, schema: SchemaObject): SchemaView {
  const s = flatten(document, schema);
  const rawTypes = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : [];
  let types = rawTypes.filter((t) => t !== 'null');
  if (types.length === 0 && !rawTypes.length) types = inferTypes(s);
  const nullable = rawTypes.includes('null') || s.nullable === true;
  const minimum =
    typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : (s.minimum as number | undefined);
  const maximum =
    typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : (s.maximum as number | undefined);
  return {
    schema: s,
    types,
    nullable,
    minimum,
    maximum,
    exclusiveMinimum: s.exclusiveMinimum === true || typeof s.exclusiveMinimum === 'number',
    exclusiveMaximum: s.exclusiveMaximum === true || typeof s.exclusiveMaximum === 'number',
    properties: (s.properties as Record<string, SchemaObject>) ?? {},
    required: (s.required as string[]) ?? [],
    additionalProperties: s.additionalProperties !== false,
  };
}

function inferTypes(s: SchemaObject): string[] {
  if (s.properties || s.required || s.additionalProperties !== undefined) return ['object'];
  if (s.items) return ['array'];
  if (typeof s.minLength === 'number' || typeof s.maxLength === 'number' || s.pattern || s.format)
    return ['string'];
  if (typeof s.minimum === 'number' || typeof s.maximum === 'number') return ['number'];
  return [];
}

/** Spec examples of a schema: `example` (3.0) and `examples` (3.1 array). */
export function schemaExamples(schema: SchemaObject): unknown[] {
  const out: unknown[] = [];
  if (schema.example !== undefined) out.push(schema.example);
  if (Array.isArray(schema.examples)) out.push(...schema.examples);
  return out;
}

/** Whether a property is readOnly (omitted from requests), following its ref. */
export function isReadOnly(document: Record<string, unknown>, schema: SchemaObject): boolean {
  return schema.readOnly === true || derefSchema(document, schema).readOnly === true;
}
