import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { describeFindings, runAgainstAlbums } from './run-against.ts';

describe('contract engine on the reference API without faults', () => {
  for (const seed of [1, 20260101]) {
    test(`seed ${seed}: zero findings, every resource cleaned up, no generation problems`, async () => {
      const run = await runAgainstAlbums([], { seed });
      assert.deepEqual(describeFindings(run), []);
      assert.equal(run.aborted, undefined);
      assert.ok(run.cases > 150, `only ${run.cases} cases ran`);
      assert.ok(run.cleanup.created > 0, 'the stateful phase created nothing');
      assert.deepEqual(run.cleanup.leftover, []);
      assert.deepEqual(run.generationProblems, []);
      // Plain JSON answers, no {code, msg, data}: no envelope suggestion (issue 8 item 5, fault absent).
      assert.deepEqual(
        (run.notices ?? []).filter((n) => /envelope/i.test(n)),
        [],
      );
      const createAlbum = run.operations.find((o) => o.operationId === 'createAlbum');
      assert.ok(createAlbum?.seen['201'], 'createAlbum never answered 201');
      assert.ok(createAlbum?.seen['413'], 'the oversized body never reached the 64 KiB limit');
      const getAlbum = run.operations.find((o) => o.operationId === 'getAlbum');
      assert.ok(
        getAlbum?.seen['200'] && getAlbum.seen['404'],
        `getAlbum saw ${JSON.stringify(getAlbum?.seen)}`,
      );
      assert.ok(getAlbum.latencyMs && getAlbum.latencyMs.p99 >= getAlbum.latencyMs.p50);
    });
  }
});
