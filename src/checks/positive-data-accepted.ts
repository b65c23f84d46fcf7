import { envelopeRejection } from './logical-outcome.ts';
import { bodyExcerpt, isExplicitlyDocumented } from './response-lookup.ts';
import type { CheckDefinition } from './types.ts';

/** Statuses that only mean "your input is wrong"; 404 and 409 can be right for valid input. */
const rejections = new Set([400, 413, 415, 422]);
const credentialHeaders = ['authorization', 'cookie', 'x-api-key'];

/**
 * A request the spec says is valid must not be rejected as invalid. Kept
 * conservative (false alarms are the top complaint about this check in other
 * tools): a documented 404 or 409 for an unknown or conflicting id is fine;
 * 401/403 count only when credentials were sent. A rejection with a status
 * the spec documents for the operation (captcha, duplicate code, feature
 * off), or an envelope error code, is a business rule the schema cannot say:
 * a warning with the server's message, once per operation and status (or
 * code). An undocumented rejection stays an error.
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
        expected: `Expected: an ok envelope code, because ${ctx.case.description} (a business rule the spec does not describe?)`,
        received: `Received: ${rejected}`,
        severity: 'warning',
        onceKey: `code ${JSON.stringify(ctx.envelope?.code)}`,
      };
    }
    const sentCredentials = credentialHeaders.some((name) => request.headers[name] !== undefined);
    const authRejected =
      (status === 401 || status === 403) && sentCredentials && ctx.operation.security.length > 0;
    if (!rejections.has(status) && !authRejected) return undefined;
    const body = response.body === '' ? 'empty body' : bodyExcerpt(response.body);
    const documented = !authRejected && isExplicitlyDocumented(ctx.operation, status);
    return {
      title: authRejected ? 'API rejected valid credentials' : 'API rejected schema-compliant request',
      expected: documented
        ? `Expected: a success, because ${ctx.case.description}; ${status} is documented, so this may be a business rule the schema does not describe`
        : `Expected: a success, because ${ctx.case.description}`,
      received: `Received: ${status}, ${body}`,
      ...(documented ? { severity: 'warning' as const, onceKey: String(status) } : {}),
    };
  },
};
