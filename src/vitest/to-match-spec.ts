import { describeViolations, responseViolations } from '../test-kit/response-violations.ts';
import { recordedExchange } from './recorded-exchanges.ts';

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/**
 * `expect(response).toMatchSpec()`: status, content type, headers and body of
 * an answer against its operation, by the contract engine's checks and with
 * its messages. Takes a Response from `openTollgate`'s clients, or the
 * `{ response }` an openapi-fetch call returns.
 */
export function toMatchSpec(received: unknown): MatcherResult {
  const response = received instanceof Response ? received : (received as { response?: unknown })?.response;
  const recorded = response instanceof Response ? recordedExchange(response) : undefined;
  if (!recorded)
    return {
      pass: false,
      message: () =>
        "toMatchSpec() judges answers fetched through openTollgate()'s api or http client; this value was not one",
    };
  const { method, url } = recorded.exchange.request;
  const violations = responseViolations(recorded.spec, recorded.exchange);
  if (!violations)
    return {
      pass: false,
      message: () => `${method} ${new URL(url).pathname} is not an operation of the spec`,
    };
  const { status } = recorded.exchange.response;
  return violations.length
    ? { pass: false, message: () => describeViolations(violations) }
    : { pass: true, message: () => `${method} ${new URL(url).pathname} answered ${status} as the spec says` };
}
