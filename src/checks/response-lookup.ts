import type { Exchange } from '../http/types.ts';
import type { Operation, ResponseSpec } from '../spec/types.ts';
import { essence, findMediaType, isJsonMediaType } from './media-type.ts';
import type { CheckContext } from './types.ts';

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

/**
 * The documented response a success answers: its own status when documented
 * (exactly or by range), else the operation's documented success (the lowest
 * 2xx, then `2XX`), else `default`. A create documented as 201 that answers
 * 200 still has its links and schema read from 201 (swag specs drift so).
 */
export function successResponse(
  operation: Operation,
  status: number,
): { key: string; spec: ResponseSpec } | undefined {
  const own = findResponse(operation, status);
  if (own && own.key !== 'default') return own;
  if (status < 200 || status > 299) return own;
  const keys = Object.keys(operation.responses);
  const key =
    keys.filter((k) => /^2\d\d$/.test(k)).sort()[0] ??
    keys.find((k) => k.toUpperCase() === '2XX') ??
    undefined;
  if (key) return { key, spec: operation.responses[key] };
  return own;
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
  const found = successResponse(operation, exchange.response.status);
  if (!found) return undefined;
  const documented = Object.keys(found.spec.content);
  const actual = essence(exchange.response.headers['content-type']);
  const mediaType = actual ? findMediaType(documented, actual) : documented.find(isJsonMediaType);
  if (!mediaType || !isJsonMediaType(actual ?? mediaType)) return undefined;
  const schema = found.spec.content[mediaType]?.schema;
  if (schema === undefined) return undefined;
  return { status: found.key, mediaType, schema };
}

/**
 * Whether the response came from the operation's handler at all: not for an
 * undeclared method (the operation is a stand-in) and not for a path Gin
 * could not route to it (see reachesRoute).
 */
export function targetsOperation(ctx: CheckContext, exchange: Exchange): boolean {
  return ctx.case.expectation !== 'undeclared-method' && reachesRoute(ctx.operation, exchange.request.url);
}

/**
 * An empty 204 or 304 is correct HTTP whatever the spec documents for it
 * (RFC 9110 §15.3.5): swag's `@Success 204 {object} X` is a spec warning,
 * not a failure of every such response. A body there is no-body-on-204's.
 */
export function isEmptyBodiless(response: Exchange['response']): boolean {
  return (response.status === 204 || response.status === 304) && response.body === '';
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

/**
 * Whether the request path lands on the operation's route as Gin matches it
 * (on the decoded path): the path template lines up with the end of the
 * request path, literal for literal, one non-empty segment per parameter. A
 * negative case whose path parameter is empty or holds a `/` never reaches
 * the handler, so Gin's 404 or trailing-slash redirect says nothing about it.
 */
export function reachesRoute(operation: Operation, url: string): boolean {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return false;
  }
  const actual = path.split('/').slice(1);
  const template = operation.path.split('/').slice(1);
  if (actual.length < template.length) return false;
  const tail = actual.slice(actual.length - template.length);
  return template.every((segment, i) => (/^\{[^}]+\}$/.test(segment) ? tail[i] !== '' : segment === tail[i]));
}
