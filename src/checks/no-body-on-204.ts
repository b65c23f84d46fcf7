import { bodyExcerpt } from './response-lookup.ts';
import type { CheckDefinition } from './types.ts';

/**
 * 204 and 304 never carry a body (RFC 9110 §15.3.5). Go's net/http drops
 * one silently, so a body here means a hijacked connection or a proxy, and
 * a Content-Length above 0 confuses clients that reuse the connection.
 */
export const noBodyOn204: CheckDefinition = {
  name: 'no-body-on-204',
  description: 'a 204 or 304 response carries no body',
  run(_ctx, { response }) {
    if (response.status !== 204 && response.status !== 304) return undefined;
    const length = Number(response.headers['content-length'] ?? '0');
    if (response.body === '' && !(length > 0)) return undefined;
    const what =
      response.body === ''
        ? `Content-Length: ${response.headers['content-length']}`
        : bodyExcerpt(response.body, 80);
    return {
      title: `Body on a ${response.status} response`,
      expected: 'Expected: no body and no Content-Length above 0',
      received: `Received: ${response.status} with ${what}`,
    };
  },
};
