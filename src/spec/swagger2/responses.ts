import { isObject } from '../json-pointer.ts';
import { convertParameters } from './parameters.ts';
import { convertRef, convertSchema, mapValues } from './schemas.ts';

/**
 * One Swagger 2.0 response as OpenAPI 3.0: its `schema` under `content`, one
 * entry per media type the operation `produces`; `examples` keyed by media
 * type become each entry's `example`; headers get a `schema`. A response
 * without a schema has no body (what a 204 should say).
 */
export function convertResponse(response: unknown, produces: string[]): unknown {
  if (!isObject(response)) return response;
  if (typeof response.$ref === 'string') return { $ref: convertRef(response.$ref) };
  const out: Record<string, unknown> = { description: response.description ?? '' };
  if (isObject(response.headers)) out.headers = mapValues(response.headers, convertHeader);
  if (response.schema !== undefined) {
    const schema = convertSchema(response.schema);
    const examples = isObject(response.examples) ? response.examples : {};
    out.content = Object.fromEntries(
      produces.map((type) => [
        type,
        { schema, ...(examples[type] !== undefined ? { example: examples[type] } : {}) },
      ]),
    );
  }
  for (const [key, value] of Object.entries(response)) if (key.startsWith('x-')) out[key] = value;
  return out;
}

export function convertResponses(responses: unknown, produces: string[]): Record<string, unknown> {
  return isObject(responses)
    ? mapValues(responses, (r, status) => (status.startsWith('x-') ? r : convertResponse(r, produces)))
    : {};
}

/** A 2.0 response header is a parameter without `name`/`in`; its type keywords become the schema. */
function convertHeader(header: unknown): unknown {
  if (!isObject(header)) return header;
  const [converted] = convertParameters({}, [{ ...header, name: 'h', in: 'header' }], []).parameters;
  const { name: _name, in: _in, ...rest } = converted;
  return rest;
}
