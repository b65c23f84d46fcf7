import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { isTollgateError } from '../../src/errors/tollgate-error.ts';
import { validateProfile } from '../../src/load/profile/validate-profile.ts';

const ok = {
  model: 'closed',
  requests: [{ path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } } }],
  gates: { local: { 'latency.p99': '<250ms' } },
};

describe('validateProfile', () => {
  test('accepts a valid profile', () => validateProfile(ok, 'load/x.ts'));

  const table: [string, Record<string, unknown>, string, string][] = [
    [
      'bad model',
      { model: 'fast' },
      'TG_PROFILE_INVALID',
      'load/x.ts: model must be "open" or "closed", got "fast"',
    ],
    [
      'open without rate',
      { model: 'open' },
      'TG_PROFILE_INVALID',
      'load/x.ts: rate is required for the open model',
    ],
    ['no requests', { requests: [] }, 'TG_PROFILE_INVALID', 'load/x.ts: requests must be a non-empty array'],
    [
      'negative weight',
      { requests: [{ path: '/a', method: 'get', weight: -1 }] },
      'TG_PROFILE_INVALID',
      'load/x.ts: requests[0].weight must be a positive number, got -1',
    ],
    [
      'bad method in a sequence',
      { requests: [{ name: 's', steps: [{ path: '/a', method: 'GET' }] }] },
      'TG_PROFILE_INVALID',
      'load/x.ts: requests[0].steps[0].method must be one of',
    ],
    [
      'bad stage duration',
      { stages: [{ kind: 'steady', duration: 'forever' }] },
      'TG_PROFILE_INVALID',
      'load/x.ts: stages[0].duration must look like "30s" or "2m", got "forever"',
    ],
    [
      'bad sample',
      { contractSample: 5 },
      'TG_PROFILE_INVALID',
      'load/x.ts: contractSample must be a share between 0 and 1',
    ],
    [
      'gate syntax',
      { gates: { staging: { 'latency.p99': 250 } } },
      'TG_GATE_SYNTAX',
      'load/x.ts: gates.staging["latency.p99"] must look like "<250ms", got 250',
    ],
  ];
  for (const [name, change, code, message] of table) {
    test(`rejects ${name}`, () => {
      assert.throws(
        () => validateProfile({ ...ok, ...change }, 'load/x.ts'),
        (error: unknown) => {
          assert.ok(isTollgateError(error));
          assert.equal(error.code, code);
          assert.equal(error.exitCode, 2);
          assert.ok(error.message.startsWith(message), error.message);
          return true;
        },
      );
    });
  }

  test('with a spec, a request must name one of its operations', () => {
    const spec = {
      source: 'specs/a.yaml',
      operations: [{ path: '/v1/albums/{id}', method: 'get' }],
    } as never;
    validateProfile(ok, 'load/x.ts', spec);
    assert.throws(
      () => validateProfile({ ...ok, requests: [{ path: '/v1/albumz', method: 'get' }] }, 'load/x.ts', spec),
      /requests\[0\] GET \/v1\/albumz is not an operation of specs\/a.yaml/,
    );
  });
});
