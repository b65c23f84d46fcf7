import type { Exchange } from '../../http/types.ts';
import type { Operation } from '../../spec/types.ts';
import type { BuiltRequest } from './request-plan.ts';
import { seededRandom } from './rng.ts';

/** Validates one exchange against the spec; returns how many contract failures it has. */
export type ResponseValidator = (operation: Operation, exchange: Exchange) => number;

/**
 * Validates a share of responses against the spec while load runs. The
 * share is small (1% by default) because schema validation costs CPU the
 * generator needs; the violation rate is reported as a metric.
 */
export class ContractSampler {
  private readonly random: () => number;

  constructor(
    readonly share: number,
    private readonly validate: ResponseValidator | undefined,
    seed: number,
  ) {
    this.random = seededRandom(seed ^ 0x5bd1e995);
  }

  /** Whether to validate the next response (cheap: call it on every response). */
  wants(request: BuiltRequest): boolean {
    return this.validate !== undefined && request.operation !== undefined && this.random() < this.share;
  }

  /** Validates and returns the number of failures; the caller must have checked `wants()`. */
  check(
    request: BuiltRequest,
    baseURL: string,
    status: number,
    headers: Record<string, string>,
    body: string,
    elapsedMs: number,
  ): number {
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    const exchange: Exchange = {
      request: {
        method: request.method,
        url: baseURL + request.path,
        headers: request.headers,
        body: request.body,
      },
      response: { status, headers, body, json, elapsedMs },
    };
    return this.validate!(request.operation!, exchange);
  }
}
