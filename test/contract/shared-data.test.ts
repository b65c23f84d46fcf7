import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runContract } from '../../src/contract/run-contract.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';

/**
 * A contract run against a shared environment must leave it as it found it:
 * writes and deletes address only resources the run created (never the
 * seeded albums 1-3 through an example, a boundary or a generated id), and
 * the cleanup ledger removes what the run made.
 */
const specPath = resolve(import.meta.dirname, '../../specs/albums.openapi.yaml');

async function snapshot(api: AlbumsApi): Promise<unknown> {
  const list = await (await fetch(`${api.baseURL}/v1/albums?limit=100`)).json();
  const tracks = [];
  for (const id of [1, 2, 3]) {
    const response = await fetch(`${api.baseURL}/v1/albums/${id}/tracks`);
    tracks.push({ id, status: response.status, body: await response.json() });
  }
  return { list, tracks };
}

describe('contract run on shared data', () => {
  let api: AlbumsApi;
  before(async () => {
    api = await startAlbumsApi();
  });
  after(() => api.stop());

  test('the seeded albums and the album list are unchanged after runs at two seeds', async () => {
    const spec = await loadSpec(specPath);
    const before = await snapshot(api);
    assert.equal((before as { list: { total: number } }).list.total, 3, 'the API did not start seeded');
    for (const seed of [1, 20260101]) {
      const run = await runContract({
        spec,
        baseURL: api.baseURL,
        headers: { authorization: `Bearer ${api.token}` },
        secrets: [{ value: api.token, envName: 'TOLLGATE_TOKEN' }],
        options: { seed, maxCases: 5, workers: 4 },
      });
      assert.equal(run.aborted, undefined);
      assert.ok(run.cleanup.created > 0, 'the run created nothing, so it tested no writes');
      assert.deepEqual(run.cleanup.leftover, []);
      assert.deepEqual(await snapshot(api), before, `seed ${seed} changed data it did not create`);
    }
  });
});
