import type { CheckDefinition } from './types.ts';

/**
 * A body longer than `contract.maxResponseBytes` was not read (memory stays
 * bounded); that is reported instead of being judged as an empty body by the
 * checks that read bodies, which are skipped for it.
 */
export const responseBodyLimit: CheckDefinition = {
  name: 'response-body-limit',
  description:
    'response bodies stay under contract.maxResponseBytes (default 4 MiB); longer ones are not read',
  run(_ctx, { response }) {
    if (response.bodyOverLimit === undefined) return undefined;
    return {
      title: 'Response body over limit',
      expected: `Expected: a body of at most ${response.bodyOverLimit} bytes (contract.maxResponseBytes)`,
      received: `Received: body over limit (more than ${response.bodyOverLimit} bytes; the rest was not read)`,
    };
  },
};
