import { childPointer, isObject } from '../json-pointer.ts';
import type { HeaderSpec, LinkSpec, ResponseSpec } from '../types.ts';
import { followRefs } from './follow-refs.ts';
import { toMediaTypes, toSchema } from './media-types.ts';

/**
 * Resolves an operation's `responses` into the index form: response, header
 * and link `$ref`s followed, schema `$ref`s kept. `operationIdAt` turns a
 * link's `operationRef` (a pointer to an operation) into that operation's id.
 */
export function toResponses(
  document: Record<string, unknown>,
  responses: unknown,
  at: string,
  operationIdAt: (pointer: string) => string | undefined,
): Record<string, ResponseSpec> {
  if (!isObject(responses)) return {};
  const out: Record<string, ResponseSpec> = {};
  for (const [status, raw] of Object.entries(responses)) {
    if (status.startsWith('x-')) continue;
    const where = childPointer(at, status);
    const response = followRefs(document, raw, where);
    out[status] = {
      description: typeof response.description === 'string' ? response.description : '',
      content: toMediaTypes(document, response.content, childPointer(where, 'content')),
      headers: toHeaders(document, response.headers, childPointer(where, 'headers')),
      links: toLinks(document, response.links, childPointer(where, 'links'), operationIdAt),
    };
  }
  return out;
}

function toHeaders(
  document: Record<string, unknown>,
  headers: unknown,
  at: string,
): Record<string, HeaderSpec> {
  if (!isObject(headers)) return {};
  const out: Record<string, HeaderSpec> = {};
  for (const [name, raw] of Object.entries(headers)) {
    const header = followRefs(document, raw, childPointer(at, name));
    // Content-Type is described by `content`; OpenAPI says to ignore such a header.
    if (name.toLowerCase() === 'content-type') continue;
    const schema = isObject(header.schema) || typeof header.schema === 'boolean' ? header.schema : undefined;
    out[name] = {
      required: header.required === true,
      ...(schema !== undefined ? { schema: toSchema(schema as Record<string, unknown> | boolean) } : {}),
    };
  }
  return out;
}

function toLinks(
  document: Record<string, unknown>,
  links: unknown,
  at: string,
  operationIdAt: (pointer: string) => string | undefined,
): Record<string, LinkSpec> {
  if (!isObject(links)) return {};
  const out: Record<string, LinkSpec> = {};
  for (const [name, raw] of Object.entries(links)) {
    const link = followRefs(document, raw, childPointer(at, name));
    const operationId =
      typeof link.operationId === 'string'
        ? link.operationId
        : typeof link.operationRef === 'string'
          ? operationIdAt(link.operationRef)
          : undefined;
    if (operationId === undefined) continue;
    const parameters = isObject(link.parameters)
      ? Object.fromEntries(Object.entries(link.parameters).map(([key, value]) => [key, String(value)]))
      : {};
    out[name] = {
      operationId,
      parameters,
      ...(link.requestBody !== undefined ? { requestBody: link.requestBody } : {}),
    };
  }
  return out;
}
