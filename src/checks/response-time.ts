import type { CheckDefinition } from './types.ts';

/** Response time within budget: the operation's `x-tollgate-max-ms`, else the configured `maxResponseMs`. */
export const responseTime: CheckDefinition = {
  name: 'response-time',
  description: 'responses arrive within x-tollgate-max-ms or contract.maxResponseMs',
  run(ctx, { response }) {
    const own = Number(ctx.operation.extensions['x-tollgate-max-ms']);
    const budget = own > 0 ? own : ctx.maxResponseMs;
    if (!budget || budget <= 0 || response.elapsedMs <= budget) return undefined;
    return {
      title: 'Response time over budget',
      expected: `Expected: under ${budget} ms${own > 0 ? ' (x-tollgate-max-ms)' : ''}`,
      received: `Received: ${response.elapsedMs.toFixed(1)} ms`,
    };
  },
};
