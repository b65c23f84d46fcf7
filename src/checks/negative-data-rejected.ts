import { accepted } from './logical-outcome.ts';
import type { CheckDefinition } from './types.ts';

/** A request the spec says is invalid must not succeed (through the envelope, when one is configured). */
export const negativeDataRejected: CheckDefinition = {
  name: 'negative-data-rejected',
  description: 'requests that violate the schema are rejected with a 4xx (or an envelope error code)',
  run(ctx, { response }) {
    if (ctx.case.expectation !== 'invalid') return undefined;
    if (!accepted(ctx, response)) return undefined;
    return {
      title: 'API accepted schema-violating request',
      expected: `Expected: 4xx, because ${ctx.case.description}`,
      received: `Received: ${response.status}${ctx.envelope ? ` with code ${JSON.stringify(ctx.envelope.code)}` : ''}`,
    };
  },
};
