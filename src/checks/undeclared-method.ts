import { accepted } from './logical-outcome.ts';
import { requestPath } from './response-lookup.ts';
import type { CheckDefinition } from './types.ts';

/**
 * A method the spec does not declare on a path. Gin answers 404 by default
 * (HandleMethodNotAllowed off), 405 when it is on; the environment's
 * `handleMethodNotAllowed` says which to expect. The Allow header's contents
 * are the allow-header check's business.
 */
export const undeclaredMethod: CheckDefinition = {
  name: 'undeclared-method',
  description: 'undeclared methods are answered 404 (Gin default) or 405 (HandleMethodNotAllowed)',
  run(ctx, { request, response }) {
    if (ctx.case.expectation !== 'undeclared-method') return undefined;
    const status = response.status;
    const target = `${request.method.toUpperCase()} ${requestPath(request.url)}`;
    if (ctx.handleMethodNotAllowed) {
      if (status === 405) return undefined;
      return {
        title: status < 300 ? 'Undeclared method accepted' : 'Undeclared method not answered 405',
        expected: 'Expected: 405 with an Allow header (handleMethodNotAllowed: true)',
        received: `Received: ${status} for ${target}${status === 404 ? " (is Gin's HandleMethodNotAllowed off? set handleMethodNotAllowed: false)" : ''}`,
      };
    }
    if (status >= 400 && status < 500) return undefined;
    // A NoRoute handler answering 200 {"code": 404, ...} through the configured envelope did reject it.
    if (status < 300 && !accepted(ctx, response)) return undefined;
    // ...and its answer to HEAD has no body to read the code from: nothing to judge.
    if (status < 300 && ctx.envelopeConfigured && request.method.toUpperCase() === 'HEAD') return undefined;
    return {
      title: status < 300 ? 'Undeclared method accepted' : 'Undeclared method not rejected',
      expected: "Expected: 404 (Gin's default for an unregistered method) or another 4xx",
      received: `Received: ${status} for ${target}`,
    };
  },
};
