import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, test } from 'vitest';
import { replayCase } from '../../src/contract/replay.ts';
import type { StoredCase } from '../../src/contract/types.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';

/**
 * Replaying a stored write (here PATCH /v1/albums/1 without credentials, as
 * the no-auth fault's finding stores it) must go to a resource created for
 * the replay: album 1 is someone else's, and must come out untouched.
 */
const specPath = resolve(import.meta.dirname, '../../specs/albums.openapi.yaml');

const stored: StoredCase = {
  replayId: 'abcdef012345',
  operationId: 'updateAlbum',
  case: { phase: 'auth', expectation: 'unauthorized', description: 'no credentials' },
  testCase: {
    operationId: 'updateAlbum',
    phase: 'auth',
    expectation: 'unauthorized',
    description: 'no credentials',
    request: {
      pathParams: { id: 1 },
      query: {},
      headers: {},
      body: { title: 'tollgate was here' },
      contentType: 'application/json',
      auth: 'none',
    },
  },
  titles: ['Authentication not enforced'],
  checks: ['auth-enforced'],
};

async function replayOn(api: AlbumsApi) {
  const spec = await loadSpec(specPath);
  return replayCase(
    {
      spec,
      baseURL: api.baseURL,
      headers: { authorization: `Bearer ${api.token}` },
      secrets: [{ value: api.token, envName: 'TOLLGATE_TOKEN' }],
      options: {},
    },
    stored,
  );
}

async function albums(api: AlbumsApi): Promise<unknown> {
  return (await fetch(`${api.baseURL}/v1/albums?limit=100`)).json();
}

describe('replaying a stored write', () => {
  for (const [name, faults, fixed] of [
    ['fault present: still failing', ['no-auth'], false],
    ['fault absent: fixed', [], true],
  ] as const) {
    test(`${name}, on a resource made for the replay; album 1 untouched, nothing left over`, async () => {
      const api = await startAlbumsApi({ faults: [...faults] });
      try {
        const before = await albums(api);
        const result = await replayOn(api);
        assert.equal(result.fixed, fixed, JSON.stringify(result));
        if (!fixed) assert.deepEqual(result.stillFailing, ['Authentication not enforced']);
        assert.deepEqual(await albums(api), before);
      } finally {
        await api.stop();
      }
    });
  }
});

/**
 * A case stored from the tombstone phase addressed an album the run had
 * deleted. Replayed on the stored id (album 1 here, which exists) it would
 * read a live album and call the fault fixed; it must go to an album created
 * and deleted for the replay, and still find Gin's text/plain 404.
 */
const onDeleted: StoredCase = {
  replayId: '0123456789ab',
  operationId: 'getAlbum',
  case: { phase: 'stateful', expectation: 'any', description: 'valid request to a deleted album' },
  testCase: {
    operationId: 'getAlbum',
    phase: 'stateful',
    expectation: 'any',
    description: 'valid request to a deleted album',
    request: { pathParams: { id: 1 }, query: {}, headers: {} },
    tombstone: true,
  },
  titles: ['Plain-text 404 where a JSON 404 is documented'],
  checks: ['text-plain-404'],
};

describe('replaying a case on a deleted resource', () => {
  for (const [name, faults, fixed] of [
    ['fault present: still failing', ['text-404'], false],
    ['fault absent: fixed', [], true],
  ] as const) {
    test(`${name}, on an album created and deleted for the replay; nothing left over`, async () => {
      const api = await startAlbumsApi({ faults: [...faults] });
      try {
        const before = await albums(api);
        const spec = await loadSpec(specPath);
        const result = await replayCase(
          {
            spec,
            baseURL: api.baseURL,
            headers: { authorization: `Bearer ${api.token}` },
            secrets: [{ value: api.token, envName: 'TOLLGATE_TOKEN' }],
            options: {},
          },
          onDeleted,
        );
        assert.equal(result.fixed, fixed, JSON.stringify(result));
        if (!fixed) assert.deepEqual(result.stillFailing, ['Plain-text 404 where a JSON 404 is documented']);
        assert.deepEqual(await albums(api), before);
      } finally {
        await api.stop();
      }
    });
  }
});
