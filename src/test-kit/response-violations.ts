import { validateResponse } from '../checks/validate-response.ts';
import type { Exchange } from '../http/types.ts';
import { matchOperation } from '../spec/match-operation.ts';
import type { LoadedSpec } from '../spec/types.ts';

export interface ContractViolation {
  operation: string;
  title: string;
  expected: string;
  received: string;
}

/**
 * What is wrong with one answer by the spec, with the same titles, expected
 * and received lines as the contract engine's findings. `undefined` when the
 * request's path and method are not in the spec (nothing to judge it by).
 */
export function responseViolations(spec: LoadedSpec, exchange: Exchange): ContractViolation[] | undefined {
  const operation = matchOperation(spec, exchange.request.method, new URL(exchange.request.url).pathname);
  if (!operation) return undefined;
  return validateResponse(spec, operation, exchange).map((f) => ({ operation: operation.key, ...f }));
}

/** The violations as a message: one block per violation, operation and title first. */
export function describeViolations(violations: ContractViolation[]): string {
  return violations.map((v) => `${v.operation}: ${v.title}\n    ${v.expected}\n    ${v.received}`).join('\n');
}
