import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import type { ContractRun } from '../../src/contract/types.ts';
import { describeFindings } from '../contract/run-against.ts';
import { startAlbumsApi } from '../support/albums-server.ts';
import { albumsState, runOnAlbums } from './albums-state.ts';

/**
 * A create that answers an undocumented 200 (swag says 201), or wraps the new
 * album as {"album": {...}}, with no Location either way: the run still binds
 * the album, runs create -> read -> update -> delete on it, and leaves the
 * server exactly as it found it. Before, nothing was bound, every write was
 * skipped and the run reported "created 0" while its albums stayed behind.
 */
async function runOn(fault: string): Promise<{ run: ContractRun; before: unknown; after: unknown }> {
  const api = await startAlbumsApi({ faults: [fault] });
  try {
    const before = await albumsState(api);
    const run = await runOnAlbums(api);
    return { run, before, after: await albumsState(api) };
  } finally {
    await api.stop();
  }
}

function assertFullSequence(run: ContractRun) {
  const seen = (id: string) => run.operations.find((o) => o.operationId === id)?.seen ?? {};
  assert.ok(
    seen('updateAlbum')['200'],
    `no PATCH reached a created album: ${JSON.stringify(seen('updateAlbum'))}`,
  );
  assert.ok(
    seen('replaceAlbum')['200'],
    `no PUT reached a created album: ${JSON.stringify(seen('replaceAlbum'))}`,
  );
  assert.ok(
    seen('deleteAlbum')['204'],
    `no DELETE reached a created album: ${JSON.stringify(seen('deleteAlbum'))}`,
  );
  assert.ok(seen('createTrack')['201'], 'no track was created on a created album');
  const ownWrites = run.generationProblems.filter((p) => /own|created/i.test(p.reason));
  assert.deepEqual(ownWrites, [], 'writes were skipped for want of a resource of the run');
}

function assertLeftAsFound(result: { run: ContractRun; before: unknown; after: unknown }) {
  const { run } = result;
  assert.ok(run.cleanup.created > 5, `the ledger saw only ${run.cleanup.created} creations`);
  assert.deepEqual(run.cleanup.leftover, []);
  assert.equal(run.cleanup.deleted, run.cleanup.created);
  assert.deepEqual(result.after, result.before, 'the server was not left as the run found it');
}

describe('a create answering an undocumented 200 (create-200)', () => {
  test('binds from the documented 201, runs the whole sequence, says so once, leaves nothing', async () => {
    const result = await runOn('create-200');
    assertFullSequence(result.run);
    const mismatch = result.run.findings.filter((f) => f.check === 'create-status-documented');
    assert.equal(mismatch.length, 1, describeFindings(result.run).join('\n'));
    assert.equal(mismatch[0].operation, 'POST /v1/albums');
    assert.equal(mismatch[0].title, 'Create answered 200, documented 201');
    assertLeftAsFound(result);
  });
});

describe('a create answering {"album": {...}} (id-in-wrapper)', () => {
  test('finds the id in the wrapper, runs the whole sequence, leaves nothing', async () => {
    const result = await runOn('id-in-wrapper');
    assertFullSequence(result.run);
    assert.ok(
      result.run.findings.some((f) => f.check === 'response-schema' && f.operation === 'POST /v1/albums'),
      'the wrapped body is still reported as breaking the 201 schema',
    );
    assert.ok(!result.run.findings.some((f) => f.check === 'create-status-documented'));
    assertLeftAsFound(result);
  });
});
