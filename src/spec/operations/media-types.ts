import { isObject } from '../json-pointer.ts';
import type { MediaType, SchemaObject } from '../types.ts';
import { followRefs } from './follow-refs.ts';

/**
 * A `content` map as the operation index holds it: schemas keep their `$ref`s,
 * named `examples` (which may be refs) become a plain list of values.
 */
export function toMediaTypes(
  document: Record<string, unknown>,
  content: unknown,
  at: string,
): Record<string, MediaType> {
  if (!isObject(content)) return {};
  const out: Record<string, MediaType> = {};
  for (const [type, raw] of Object.entries(content)) {
    const media = isObject(raw) ? raw : {};
    out[type] = {
      ...(isObject(media.schema) || typeof media.schema === 'boolean'
        ? { schema: toSchema(media.schema as SchemaObject | boolean) }
        : {}),
      ...(media.example !== undefined ? { example: media.example } : {}),
      ...examplesOf(document, media.examples, `${at}/${type}`),
    };
  }
  return out;
}

/** `examples: { name: { value } | { $ref } }` -> `{ examples: [value, ...] }` (empty object when none). */
export function examplesOf(
  document: Record<string, unknown>,
  examples: unknown,
  at: string,
): { examples?: unknown[] } {
  if (Array.isArray(examples)) return examples.length ? { examples } : {};
  if (!isObject(examples)) return {};
  const values = Object.entries(examples)
    .map(([name, example]) => followRefs(document, example, `${at}/examples/${name}`))
    .filter((example) => example.value !== undefined)
    .map((example) => example.value);
  return values.length ? { examples: values } : {};
}

/** Boolean schemas (3.1) become their object form so consumers handle one shape. */
export function toSchema(schema: SchemaObject | boolean): SchemaObject {
  if (schema === true) return {};
  if (schema === false) return { not: {} };
  return schema;
}
