import type { CaseRequest } from '../cases/types.ts';
import type { ResponseRecord } from '../http/types.ts';

/**
 * OpenAPI runtime expressions (§4.8.20.4) as links use them:
 * `$response.body#/id`, `$response.header.Location`, `$request.path.id`,
 * `$request.query.x`, `$request.header.X`, `$request.body#/a/b`. Anything
 * else, or a pointer that finds nothing, is undefined.
 */
export interface ExpressionSource {
  request: CaseRequest;
  response: Pick<ResponseRecord, 'headers' | 'json'>;
}

export function evaluateExpression(expression: string, source: ExpressionSource): unknown {
  if (!expression.startsWith('$')) return expression;
  const [head, pointer] = expression.split('#', 2);
  const parts = head.split('.');
  const [root, where, ...rest] = parts;
  const name = rest.join('.');
  if (root === '$response') {
    if (where === 'body') return readPointer(source.response.json, pointer ?? '');
    if (where === 'header') return source.response.headers[name.toLowerCase()];
    return undefined;
  }
  if (root === '$request') {
    const request = source.request;
    if (where === 'path') return request.pathParams[name];
    if (where === 'query') return request.query[name];
    if (where === 'header') {
      const key = Object.keys(request.headers).find((h) => h.toLowerCase() === name.toLowerCase());
      return key ? request.headers[key] : undefined;
    }
    if (where === 'body') return readPointer(request.body, pointer ?? '');
  }
  return undefined;
}

function readPointer(value: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return pointer === '' ? value : undefined;
  let node = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
