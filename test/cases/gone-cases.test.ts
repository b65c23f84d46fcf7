import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { beforeAll, describe, test } from 'vitest';
import { goneCases } from '../../src/cases/gone-cases.ts';
import { requestViolation } from '../../src/cases/request-validity.ts';
import type { IsValid } from '../../src/cases/types.ts';
import { schemaValidatorFor } from '../../src/schema/create-schema-validator.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import type { LoadedSpec, Operation } from '../../src/spec/types.ts';

/**
 * Cases on a resource the run created and deleted: one valid request per
 * operation on or under the deleted resource's path, every one on the
 * tombstone's id (never a seeded or random one), the second DELETE last.
 */
const specPath = resolve(import.meta.dirname, '../../specs/albums.openapi.yaml');
const album = { path: '/v1/albums/{id}', params: { id: 901 } };

let spec: LoadedSpec;
let isValid: IsValid;
beforeAll(async () => {
  spec = await loadSpec(specPath);
  const validator = schemaValidatorFor(spec);
  isValid = (schema, value) => validator.validate(schema, value, 'request').valid;
});

describe('goneCases', () => {
  test('one valid case per operation under the deleted album, on its id, DELETE last', () => {
    const bindings = {
      getTrack: [
        { id: 7, trackId: 1 },
        { id: 901, trackId: 902 },
      ],
    };
    const cases = goneCases({ spec, seed: 1, isValid, bindings }, spec.operations, [album]);
    const ids = cases.map((c) => c.operationId);
    assert.deepEqual([...ids].sort(), [
      'createTrack',
      'deleteAlbum',
      'getAlbum',
      'getTrack',
      'listTracks',
      'replaceAlbum',
      'updateAlbum',
    ]);
    assert.equal(ids.at(-1), 'deleteAlbum');
    for (const c of cases) {
      const operation = spec.operations.find((op) => op.id === c.operationId) as Operation;
      assert.equal(c.request.pathParams.id, 901, `${c.operationId} left the tombstone`);
      assert.equal(c.expectation, 'any');
      assert.equal(c.tombstone, true);
      const ctx = { spec, operation, options: { seed: 1, maxCases: 1 }, isValid };
      assert.equal(requestViolation(ctx, c.request), undefined, `${c.operationId} is not a valid request`);
    }
    assert.deepEqual(cases.find((c) => c.operationId === 'getTrack')?.request.pathParams, {
      id: 901,
      trackId: 902,
    });
  });

  const none: [string, Parameters<typeof goneCases>[2], Record<string, Record<string, unknown>[]>][] = [
    ['no tombstones', [], {}],
    [
      'a tombstone on a path no operation lies under',
      [{ path: '/v1/artists/{id}', params: { id: 901 } }],
      {},
    ],
  ];
  for (const [name, tombstones, bindings] of none) {
    test(`${name}: no cases`, () => {
      assert.deepEqual(goneCases({ spec, seed: 1, isValid, bindings }, spec.operations, tombstones), []);
    });
  }

  test('a track of another album does not complete the tombstone: getTrack is left out', () => {
    const bindings = { getTrack: [{ id: 7, trackId: 1 }] };
    const cases = goneCases({ spec, seed: 1, isValid, bindings }, spec.operations, [album]);
    assert.ok(!cases.some((c) => c.operationId === 'getTrack'));
    assert.ok(cases.some((c) => c.operationId === 'replaceAlbum'));
  });

  test('only the selected operations', () => {
    const selected = spec.operations.filter((op) => op.id === 'updateAlbum' || op.id === 'listAlbums');
    const cases = goneCases({ spec, seed: 1, isValid }, selected, [album]);
    assert.deepEqual(
      cases.map((c) => c.operationId),
      ['updateAlbum'],
    );
  });
});
