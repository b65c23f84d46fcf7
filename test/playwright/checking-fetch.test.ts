import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { ContractViolationError, checkingFetch } from '../../src/playwright/checking-fetch.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import type { LoadedSpec } from '../../src/spec/types.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';

const specPath = new URL('../../specs/albums.openapi.yaml', import.meta.url).pathname;

describe('checkingFetch: every response the suites receive is checked against the spec', () => {
  let spec: LoadedSpec;
  beforeAll(async () => {
    spec = await loadSpec(specPath);
  });

  describe('against a server that keeps its contract', () => {
    let api: AlbumsApi;
    beforeAll(async () => {
      api = await startAlbumsApi();
    });
    afterAll(() => api.stop());

    test('conforming responses pass through, documented errors included', async () => {
      const fetchChecked = checkingFetch(spec);
      assert.equal((await fetchChecked(`${api.baseURL}/v1/albums/1`)).status, 200);
      assert.equal((await fetchChecked(`${api.baseURL}/v1/albums/999999`)).status, 404);
      assert.equal((await fetchChecked(`${api.baseURL}/v1/albums?limit=0`)).status, 400);
    });

    test('paths the spec does not describe are not checked', async () => {
      const response = await checkingFetch(spec)(`${api.baseURL}/nope`);
      assert.equal(response.status, 404);
    });
  });

  describe('against a server with faults', () => {
    let api: AlbumsApi;
    beforeAll(async () => {
      api = await startAlbumsApi({ faults: ['wrong-type', 'missing-header'] });
    });
    afterAll(() => api.stop());

    test('a wrong type in the body fails with the finding message', async () => {
      await assert.rejects(checkingFetch(spec)(`${api.baseURL}/v1/albums/1`), (error: unknown) => {
        assert.ok(error instanceof ContractViolationError);
        assert.equal(error.violations[0].operation, 'GET /v1/albums/{id}');
        assert.match(error.message, /price/);
        return true;
      });
    });

    test('a missing required header fails', async () => {
      await assert.rejects(checkingFetch(spec)(`${api.baseURL}/v1/albums`), /X-Total-Count/i);
    });
  });
});
