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
 * A fetch that checks every response it receives against the spec and throws
 * a ContractViolationError (with the same title, expected and received as a
 * finding) when one does not conform. Requests to paths the spec does not
 * describe pass through unchecked.
 */
export function checkingFetch(spec: LoadedSpec, baseFetch: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const requestBody = request.body ? await request.clone().text() : undefined;
    const started = performance.now();
    const response = await baseFetch(request);
    const body = await response.clone().text();
    const elapsedMs = performance.now() - started;
    const operation = matchOperation(spec, request.method, new URL(request.url).pathname);
    if (!operation) return response;
    const exchange: Exchange = {
      request: {
        method: request.method,
        url: request.url,
        headers: Object.fromEntries(request.headers),
        body: requestBody,
      },
      response: {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        body,
        json: parseJson(body),
        elapsedMs,
      },
    };
    const failures = validateResponse(spec, operation, exchange);
    if (failures.length > 0) {
      throw new ContractViolationError(failures.map((f) => ({ operation: operation.key, ...f })));
    }
    return response;
  };
}

export class ContractViolationError extends Error {
  readonly violations: ContractViolation[];

  constructor(violations: ContractViolation[]) {
    super(
      violations.map((v) => `${v.operation}: ${v.title}\n    ${v.expected}\n    ${v.received}`).join('\n'),
    );
    this.name = 'ContractViolationError';
    this.violations = violations;
  }
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
