import { documentedStatuses, findResponse, targetsOperation } from './response-lookup.ts';
import type { CheckDefinition } from './types.ts';

/** The status must be documented: exactly, by range (`2XX`) or by `default`. */
export const statusCodeDocumented: CheckDefinition = {
  name: 'status-code-documented',
  description: 'every status code the API answers is documented for the operation',
  run(ctx, exchange) {
    const { response } = exchange;
    if (!targetsOperation(ctx, exchange)) return undefined;
    if (findResponse(ctx.operation, response.status)) return undefined;
    return {
      title: 'Undocumented HTTP status code',
      expected: documentedStatuses(ctx.operation),
      received: `Received: ${response.status}`,
    };
  },
};
