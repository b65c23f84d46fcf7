import { essence, findMediaType } from './media-type.ts';
import { findResponse, isEmptyBodiless, targetsOperation } from './response-lookup.ts';
import type { CheckDefinition } from './types.ts';

/**
 * The response Content-Type (parameters ignored) must be one the spec lists
 * for that status; wildcards such as `application/*+json` are honoured. A
 * documented body that arrives without a Content-Type fails too (Gin's
 * `c.Bind` answers 400 with an empty body and no Content-Type).
 */
export const contentTypeDocumented: CheckDefinition = {
  name: 'content-type-documented',
  description: 'the response Content-Type is one documented for that status',
  run(ctx, exchange) {
    const { request, response } = exchange;
    if (
      !targetsOperation(ctx, exchange) ||
      request.method.toUpperCase() === 'HEAD' ||
      isEmptyBodiless(response)
    )
      return undefined;
    const found = findResponse(ctx.operation, response.status);
    const documented = found ? Object.keys(found.spec.content) : [];
    if (documented.length === 0) return undefined;
    const expected = `Documented: ${documented.join(', ')} for ${found!.key}`;
    const actual = essence(response.headers['content-type']);
    // A recovered panic (500, empty, no Content-Type) is not-a-server-error's finding alone.
    if (!actual && response.status >= 500 && response.body === '') return undefined;
    if (!actual) {
      return {
        title: 'Missing Content-Type',
        expected,
        received: `Received: ${response.status} without Content-Type${response.body === '' ? ' and with an empty body' : ''}`,
      };
    }
    if (findMediaType(documented, actual)) return undefined;
    return { title: 'Undocumented Content-Type', expected, received: `Received: ${actual}` };
  },
};
