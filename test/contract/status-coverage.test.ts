import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { describeFindings, runAgainstAlbums } from './run-against.ts';

/**
 * Writes go only to the run's own resources, so their documented 404 is
 * reached through resources the run created and deleted (tombstones). With
 * requireStatusCoverage the reference API must pass its own gate: every
 * documented status seen, zero findings.
 */
const notFoundWrites = ['replaceAlbum', 'updateAlbum', 'createTrack', 'deleteAlbum'];

describe('status coverage on the reference API without faults', () => {
  test('seed 1, requireStatusCoverage: writes see their 404 on a deleted album, zero findings', async () => {
    const run = await runAgainstAlbums([], { seed: 1, requireStatusCoverage: true });
    assert.equal(run.aborted, undefined);
    assert.deepEqual(describeFindings(run), []);
    for (const id of notFoundWrites) {
      const op = run.operations.find((o) => o.operationId === id);
      assert.ok(op?.seen['404'], `${id} never answered 404: ${JSON.stringify(op?.seen)}`);
      assert.ok(!op.neverSeen.includes('404'), `${id} lists 404 as never seen`);
    }
    assert.deepEqual(
      run.operations.filter((o) => o.neverSeen.length).map((o) => `${o.operation}: ${o.neverSeen}`),
      [],
    );
    assert.deepEqual(run.cleanup.leftover, []);
  });

  test('readOnly sends no writes, so no tombstone cases either', async () => {
    const run = await runAgainstAlbums([], { seed: 1, readOnly: true });
    assert.deepEqual(describeFindings(run), []);
    assert.equal(run.cleanup.created, 0);
    assert.deepEqual(
      run.operations.filter((o) => !o.operation.startsWith('GET ')).map((o) => o.operation),
      [],
    );
    const getAlbum = run.operations.find((o) => o.operationId === 'getAlbum');
    assert.ok(getAlbum?.seen['200'], 'readOnly read nothing');
  });
});
