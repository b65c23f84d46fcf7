import { isObject } from '../json-pointer.ts';

/** Where Swagger 2.0 keeps reusable objects, and where OpenAPI 3.0 keeps them. */
const refPrefixes: [string, string][] = [
  ['#/definitions/', '#/components/schemas/'],
  ['#/responses/', '#/components/responses/'],
  ['#/parameters/', '#/components/parameters/'],
];

/** Rewrites a Swagger 2.0 `$ref` to its OpenAPI 3.0 place; the escaped name (`main.Album`) is kept as is. */
export function convertRef(ref: string): string {
  for (const [from, to] of refPrefixes) if (ref.startsWith(from)) return to + ref.slice(from.length);
  return ref;
}

const schemaMaps = ['properties', 'patternProperties', 'definitions'];
const schemaLists = ['allOf', 'anyOf', 'oneOf'];
const schemaSingles = ['items', 'additionalProperties', 'not'];

/**
 * A Swagger 2.0 schema as an OpenAPI 3.0 schema: refs moved to components,
 * `x-nullable` to `nullable`, `type: file` to a binary string, and the
 * 2.0 `discriminator: name` to `{ propertyName: name }`. Literal values
 * (`example`, `default`, `enum`) are left alone.
 */
export function convertSchema(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = convertRef(value);
    else if (key === 'x-nullable') out.nullable = value;
    else if (key === 'discriminator' && typeof value === 'string')
      out.discriminator = { propertyName: value };
    else if (key === 'type' && value === 'file') Object.assign(out, { type: 'string', format: 'binary' });
    else if (schemaMaps.includes(key) && isObject(value)) out[key] = mapValues(value, convertSchema);
    else if (schemaLists.includes(key) && Array.isArray(value)) out[key] = value.map(convertSchema);
    else if (schemaSingles.includes(key)) out[key] = convertSchema(value);
    else out[key] = value;
  }
  return out;
}

/** `definitions` -> `components.schemas`, same keys (swag's `main.Album`, `web.Page-array_model_Album`). */
export function convertDefinitions(definitions: unknown): Record<string, unknown> {
  return isObject(definitions) ? mapValues(definitions, convertSchema) : {};
}

export function mapValues<T>(
  object: Record<string, unknown>,
  fn: (value: unknown, key: string) => T,
): Record<string, T> {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value, key)]));
}
