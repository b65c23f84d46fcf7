import { accepted } from './logical-outcome.ts';
import { requestPath } from './response-lookup.ts';
import type { CheckDefinition } from './types.ts';

/** After a successful DELETE, reading the same resource must not succeed. */
export const useAfterDelete: CheckDefinition = {
  name: 'use-after-delete',
  description: 'a deleted resource is gone (404/410) right after DELETE',
  run(ctx, { request, response }) {
    if (ctx.case.expectation !== 'gone') return undefined;
    if (!accepted(ctx, response)) return undefined;
    return {
      title: 'Resource still available after DELETE',
      expected: 'Expected: 404 or 410 after a successful DELETE',
      received: `Received: ${response.status} for ${request.method.toUpperCase()} ${requestPath(request.url)}`,
    };
  },
};
