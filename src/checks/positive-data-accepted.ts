import { envelopeRejection } from './logical-outcome.ts';
import { bodyExcerpt } from './response-lookup.ts';
import type { CheckDefinition } from './types.ts';

/** Statuses that only mean "your input is wrong"; 404 and 409 can be right for valid input. */
const rejections = new Set([400, 413, 415, 422]);
const credentialHeaders = ['authorization', 'cookie', 'x-api-key'];

/**
 * A request the spec says is valid must not be rejected as invalid. Kept
 * conservative (false alarms are the top complaint about this check in other
 * tools): a documented 404 or 409 for an unknown or conflicting id is fine;
 * 401/403 count only when credentials were sent.
 */
export const positiveDataAccepted: CheckDefinition = {
  name: 'positive-data-accepted',
  description: 'requests that match the schema are not rejected as invalid (400, 413, 415, 422)',
  run(ctx, { request, response }) {
    if (ctx.case.expectation !== 'valid') return undefined;
    const status = response.status;
    const rejected = envelopeRejection(ctx, response);
    if (rejected) {
      return {
        title: 'API rejected schema-compliant request',
        expected: `Expected: an ok envelope code, because ${ctx.case.description}`,
        received: `Received: ${rejected}`,
      };
    }
    const sentCredentials = credentialHeaders.some((name) => request.headers[name] !== undefined);
    const authRejected =
      (status === 401 || status === 403) && sentCredentials && ctx.operation.security.length > 0;
    if (!rejections.has(status) && !authRejected) return undefined;
    const body = response.body === '' ? 'empty body' : bodyExcerpt(response.body);
    return {
      title: authRejected ? 'API rejected valid credentials' : 'API rejected schema-compliant request',
      expected: `Expected: a success, because ${ctx.case.description}`,
      received: `Received: ${status}, ${body}`,
    };
  },
};
