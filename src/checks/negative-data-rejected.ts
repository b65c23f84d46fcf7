import type { CheckDefinition } from './types.ts';

/** A request the spec says is invalid must not succeed. */
export const negativeDataRejected: CheckDefinition = {
  name: 'negative-data-rejected',
  description: 'requests that violate the schema are rejected with a 4xx',
  run(ctx, { response }) {
    if (ctx.case.expectation !== 'invalid') return undefined;
    if (response.status < 200 || response.status >= 300) return undefined;
    return {
      title: 'API accepted schema-violating request',
      expected: `Expected: 4xx, because ${ctx.case.description}`,
      received: `Received: ${response.status}`,
    };
  },
};
