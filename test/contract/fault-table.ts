import type { ContractOptions } from '../../src/contract/types.ts';

/**
 * Each contract fault of the reference API, the check that must report it
 * and the only operation it may be reported on; some need a server setting
 * and a run option (a response-time budget) to be seen.
 */
export interface FaultSetup {
  env?: Record<string, string>;
  options?: ContractOptions;
}

export const contractFaults: [fault: string, check: string, operation: string, setup?: FaultSetup][] = [
  ['undocumented-status', 'status-code-documented', 'GET /v1/albums/{id}'],
  ['wrong-type', 'response-schema', 'GET /v1/albums/{id}'],
  ['missing-field', 'response-schema', 'GET /v1/albums'],
  ['wrong-content-type', 'content-type-documented', 'GET /v1/albums/{id}/tracks'],
  ['missing-header', 'response-headers', 'GET /v1/albums'],
  ['boundary-500', 'not-a-server-error', 'GET /v1/albums'],
  ['accept-invalid', 'negative-data-rejected', 'POST /v1/albums'],
  ['no-auth', 'auth-enforced', 'PATCH /v1/albums/{id}'],
  ['use-after-delete', 'use-after-delete', 'DELETE /v1/albums/{id}'],
  ['lost-create', 'available-after-create', 'POST /v1/albums/{id}/tracks'],
  ['ignore-required-header', 'missing-required-header', 'POST /v1/albums'],
  ['reject-valid', 'positive-data-accepted', 'POST /v1/albums'],
  ['trailing-slash', 'undocumented-redirect', 'GET /v1/albums/{id}/tracks'],
  ['text-404', 'text-plain-404', 'GET /v1/albums/{id}'],
  ['body-204', 'no-body-on-204', 'DELETE /v1/albums/{id}'],
  ['null-array', 'null-collection', 'GET /v1/albums/{id}/tracks'],
  ['extra-method', 'undeclared-method', 'PUT /v1/albums'],
  ['xss', 'not-a-server-error', 'GET /v1/albums/{id}'],
  ['syntax-500', 'not-a-server-error', 'POST /v1/albums/{id}/tracks'],
  ['required-empty', 'positive-data-accepted', 'GET /v1/albums'],
  ['overflow-500', 'not-a-server-error', 'GET /v1/albums'],
  ['default-500', 'not-a-server-error', 'GET /v1/albums'],
  // A generous gap between the delay and the budget: the shared machine is slow, never 3 s slow.
  [
    'slow-offset',
    'response-time',
    'GET /v1/albums',
    { env: { ALBUMS_SLOW_MS: '3000' }, options: { maxResponseMs: 1500 } },
  ],
];
