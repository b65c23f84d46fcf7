import type { Exchange } from '../http/types.ts';
import type { Operation, ResponseSpec } from '../spec/types.ts';
import { essence, findMediaType, isJsonMediaType } from './media-type.ts';

/**
 * Which documented response an actual status answers (OpenAPI 3.x §4.8.16):
 * the exact code, then its range (`4XX`), then `default`.
 */
export function findResponse(
  operation: Operation,
  status: number,
): { key: string; spec: ResponseSpec } | undefined {
  const responses = operation.responses;
  const range = `${Math.floor(status / 100)}XX`;
  for (const key of Object.keys(responses)) if (key === String(status)) return { key, spec: responses[key] };
  for (const key of Object.keys(responses))
    if (key.toUpperCase() === range) return { key, spec: responses[key] };
  if (responses.default) return { key: 'default', spec: responses.default };
  return undefined;
}

/** Whether a status is documented other than through `default`. */
export function isExplicitlyDocumented(operation: Operation, status: number): boolean {
  const found = findResponse(operation, status);
  return found !== undefined && found.key !== 'default';
}

/** `Documented: 200, 404, default` */
export function documentedStatuses(operation: Operation): string {
  const keys = Object.keys(operation.responses);
  return `Documented: ${keys.length > 0 ? keys.join(', ') : 'no responses'}`;
}

/**
 * The documented media type and schema that describe this response body, when
 * the response is JSON-documented: chosen by the actual Content-Type, or the
 * only JSON media type when the response sent none.
 */
export function findResponseMedia(
  operation: Operation,
  exchange: Exchange,
): { status: string; mediaType: string; schema: unknown } | undefined {
  const found = findResponse(operation, exchange.response.status);
  if (!found) return undefined;
  const documented = Object.keys(found.spec.content);
  const actual = essence(exchange.response.headers['content-type']);
  const mediaType = actual ? findMediaType(documented, actual) : documented.find(isJsonMediaType);
  if (!mediaType || !isJsonMediaType(actual ?? mediaType)) return undefined;
  const schema = found.spec.content[mediaType]?.schema;
  if (schema === undefined) return undefined;
  return { status: found.key, mediaType, schema };
}

/** Whether the request was for an operation at all (not an undeclared method, where the operation is a stand-in). */
export function targetsOperation(expectation: string): boolean {
  return expectation !== 'undeclared-method';
}

/** The first `max` characters of a body, on one line, for `Received:` lines. */
export function bodyExcerpt(body: string, max = 120): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}

/** The path of a request URL, for `Received:` lines. */
export function requestPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
