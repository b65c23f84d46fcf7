import { accepted } from './logical-outcome.ts';
import { requestPath } from './response-lookup.ts';
import type { CheckDefinition } from './types.ts';

/** Right after a successful create, reading the new resource must succeed. */
export const availableAfterCreate: CheckDefinition = {
  name: 'available-after-create',
  description: 'a created resource can be read right after it was created',
  run(ctx, { request, response }) {
    if (ctx.case.expectation !== 'present') return undefined;
    if (accepted(ctx, response)) return undefined;
    return {
      title: 'Created resource not available',
      expected: 'Expected: 2xx right after a successful create',
      received: `Received: ${response.status} for ${request.method.toUpperCase()} ${requestPath(request.url)}`,
    };
  },
};
