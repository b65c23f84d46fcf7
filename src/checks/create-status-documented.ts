import { isExplicitlyDocumented, targetsOperation } from './response-lookup.ts';
import type { CheckDefinition } from './types.ts';

/**
 * A create answers the success status its spec documents. swag specs drift
 * (POST documented as 201 while the handler ends in `c.JSON(200, …)`): the
 * run still binds the new resource from the documented success's links, and
 * says so once per operation. `status-code-documented` flags each answer.
 */
export const createStatusDocumented: CheckDefinition = {
  name: 'create-status-documented',
  description: 'a create answers the success status its spec documents (reported once per operation)',
  oncePerOperation: true,
  run(ctx, exchange) {
    const { status } = exchange.response;
    if (ctx.operation.method !== 'post' || status < 200 || status > 299) return undefined;
    if (!targetsOperation(ctx, exchange) || isExplicitlyDocumented(ctx.operation, status)) return undefined;
    const successes = Object.keys(ctx.operation.responses).filter((k) => /^2(\d\d|XX)$/i.test(k));
    if (successes.length === 0) return undefined;
    return {
      title: `Create answered ${status}, documented ${successes.join(', ')}`,
      expected: `Documented: ${successes.join(', ')}`,
      received: `Received: ${status}`,
    };
  },
};
