import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { runContract } from '../../src/contract/run-contract.ts';
import type { ContractOptions, ContractRun } from '../../src/contract/types.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { describeFindings } from './run-against.ts';

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

async function run(api: AlbumsApi, options: ContractOptions): Promise<ContractRun> {
  return runContract({
    spec: await loadSpec(specPath),
    baseURL: api.baseURL,
    headers: { authorization: `Bearer ${api.token}` },
    secrets: [{ value: api.token, envName: 'TOLLGATE_TOKEN' }],
    options: { maxCases: 5, workers: 4, ...options },
  });
}

describe('contract run on shared data', () => {
  let api: AlbumsApi;
  beforeAll(async () => {
    api = await startAlbumsApi();
  });
  afterAll(() => api.stop());

  test('the seeded albums and the album list are unchanged after runs at two seeds', async () => {
    const before = await snapshot(api);
    assert.equal((before as { list: { total: number } }).list.total, 3, 'the API did not start seeded');
    for (const seed of [1, 20260101]) {
      const result = await run(api, { seed });
      assert.equal(result.aborted, undefined);
      assert.ok(result.cleanup.created > 0, 'the run created nothing, so it tested no writes');
      assert.deepEqual(result.cleanup.leftover, []);
      assert.deepEqual(await snapshot(api), before, `seed ${seed} changed data it did not create`);
    }
  });

  test('a selection without deleteAlbum still deletes every album it created', async () => {
    const before = await snapshot(api);
    const result = await run(api, { operations: ['createAlbum', 'getAlbum'] });
    assert.ok(result.cleanup.created > 1);
    assert.deepEqual(result.cleanup.leftover, []);
    assert.deepEqual(await snapshot(api), before);
  });

  test('updateAlbum alone writes to an album made for it, and judges only updateAlbum', async () => {
    const before = await snapshot(api);
    const result = await run(api, { operations: ['updateAlbum'] });
    assert.deepEqual(result.generationProblems, []);
    assert.deepEqual(describeFindings(result), []);
    assert.deepEqual(
      result.operations.map((o) => o.operationId),
      ['updateAlbum'],
    );
    const patch = result.operations[0];
    assert.ok(patch.seen['200'], `no PATCH reached the fixture: ${JSON.stringify(patch.seen)}`);
    assert.deepEqual(await snapshot(api), before);
  });
});

describe('updateAlbum alone on a server that skips its auth', () => {
  test("auth-enforced is found on PATCH only, on the run's own album", async () => {
    const api = await startAlbumsApi({ faults: ['no-auth'] });
    try {
      const before = await snapshot(api);
      const result = await run(api, { operations: ['updateAlbum'] });
      const found = describeFindings(result);
      assert.ok(
        result.findings.some((f) => f.check === 'auth-enforced' && f.operation === 'PATCH /v1/albums/{id}'),
        found.join('\n'),
      );
      assert.deepEqual(
        found.filter((line) => line.split(' | ')[1] !== 'PATCH /v1/albums/{id}'),
        [],
      );
      assert.deepEqual(await snapshot(api), before);
    } finally {
      await api.stop();
    }
  });
});
