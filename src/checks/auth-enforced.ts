import { accepted } from './logical-outcome.ts';
import type { CheckDefinition } from './types.ts';

/**
 * A secured operation called without (or with bad) credentials answers 401
 * or 403. 5xx is left to not-a-server-error.
 */
export const authEnforced: CheckDefinition = {
  name: 'auth-enforced',
  description: 'secured operations answer 401/403 without valid credentials',
  run(ctx, { response }) {
    if (ctx.case.expectation !== 'unauthorized') return undefined;
    const status = response.status;
    if (status === 401 || status === 403 || status >= 500) return undefined;
    // An envelope API that answers 200 {"code": 7} to a request without credentials did reject it.
    if (status >= 200 && status < 300 && !accepted(ctx, response)) return undefined;
    const success = status >= 200 && status < 300;
    return {
      title: success ? 'Authentication not enforced' : 'Unauthenticated request not answered 401/403',
      expected: `Expected: 401 or 403, because ${ctx.case.description}`,
      received: `Received: ${status}`,
    };
  },
};
