import { fetchExchange } from '../http/fetch-exchange.ts';
import type { LoadedSpec } from '../spec/types.ts';
import {
  type ContractViolation,
  describeViolations,
  responseViolations,
} from '../test-kit/response-violations.ts';

/**
 * A fetch that checks every response it receives against the spec and throws
 * a ContractViolationError (with the same title, expected and received as a
 * finding) when one does not conform. Requests to paths the spec does not
 * describe pass through unchecked.
 */
export function checkingFetch(spec: LoadedSpec, baseFetch: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const { response, exchange } = await fetchExchange(new Request(input, init), baseFetch);
    const violations = responseViolations(spec, exchange);
    if (violations?.length) throw new ContractViolationError(violations);
    return response;
  };
}

export class ContractViolationError extends Error {
  readonly violations: ContractViolation[];

  constructor(violations: ContractViolation[]) {
    super(describeViolations(violations));
    this.name = 'ContractViolationError';
    this.violations = violations;
  }
}
