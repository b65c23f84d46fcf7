import type { Exchange } from '../http/types.ts';
import type { LoadedSpec, Operation } from '../spec/types.ts';
import { contentTypeDocumented } from './content-type-documented.ts';
import { responseHeaders } from './response-headers.ts';
import { responseSchema } from './response-schema.ts';
import { statusCodeDocumented } from './status-code-documented.ts';
import type { CheckContext, Failure } from './types.ts';

/** The response-conformance checks, in the order their failures come back. */
const conformanceChecks = [statusCodeDocumented, contentTypeDocumented, responseHeaders, responseSchema];

/**
 * Whether one response conforms to its operation (status, Content-Type,
 * headers, body schema), for callers outside the contract engine such as the
 * load sampler. Cheap after the first call per schema: validators are cached.
 */
export function validateResponse(
  spec: LoadedSpec,
  operation: Operation,
  exchange: Exchange,
): (Failure & { check: string })[] {
  const ctx: CheckContext = {
    spec,
    operation,
    case: { phase: 'examples', expectation: 'any', description: 'sampled response' },
    options: {},
    handleMethodNotAllowed: false,
  };
  const failures: (Failure & { check: string })[] = [];
  for (const check of conformanceChecks) {
    const failure = check.run(ctx, exchange);
    if (failure) failures.push({ ...failure, check: check.name });
  }
  return failures;
}
