import { accepted } from './logical-outcome.ts';
import type { CheckDefinition } from './types.ts';

/** Leaving out a required request header must not succeed. */
export const missingRequiredHeader: CheckDefinition = {
  name: 'missing-required-header',
  description: 'requests without a required header are rejected',
  run(ctx, { response }) {
    if (ctx.case.expectation !== 'missing-header') return undefined;
    if (!accepted(ctx, response)) return undefined;
    return {
      title: 'Missing required header not rejected',
      expected: `Expected: 4xx, because ${ctx.case.description}`,
      received: `Received: ${response.status}`,
    };
  },
};
