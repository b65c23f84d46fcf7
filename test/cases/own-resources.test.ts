import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { beforeAll, describe, test } from 'vitest';
import { addressesResource, isUnsafeMethod, sentMethod } from '../../src/cases/own-resources.ts';
import { planCases } from '../../src/cases/plan-cases.ts';
import type { IsValid, TestCase } from '../../src/cases/types.ts';
import { deletesLast } from '../../src/contract/deletes-last.ts';
import { schemaValidatorFor } from '../../src/schema/create-schema-validator.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import type { LoadedSpec, Operation } from '../../src/spec/types.ts';

/**
 * Writes address only resources the run created: planned against the
 * reference spec, every unsafe case whose path parameters are valid must
 * carry a fixture's parameters, and with no fixture such cases are skipped
 * and reported, never sent with an example, boundary or random id.
 */
const specPath = resolve(import.meta.dirname, '../../specs/albums.openapi.yaml');
const album = 901;
const track = 902;
const fixtures = {
  getAlbum: [{ id: album }],
  replaceAlbum: [{ id: album }],
  updateAlbum: [{ id: album }],
  deleteAlbum: [{ id: album }],
  listTracks: [{ id: album }],
  createTrack: [{ id: album }],
  getTrack: [{ id: album, trackId: track }],
};

let spec: LoadedSpec;
let isValid: IsValid;
let byId: Map<string, Operation>;
beforeAll(async () => {
  spec = await loadSpec(specPath);
  const validator = schemaValidatorFor(spec);
  isValid = (schema, value) => validator.validate(schema, value, 'request').valid;
  byId = new Map(spec.operations.map((op) => [op.id, op]));
});

function unsafeWithValidPath(cases: TestCase[]): TestCase[] {
  return cases.filter((c) => {
    const op = byId.get(c.operationId) as Operation;
    return isUnsafeMethod(sentMethod(op, c)) && addressesResource(spec, op, c.request.pathParams, isValid);
  });
}

describe('writes address only resources the run created', () => {
  test('path values the schema accepts could name a real resource; others cannot', () => {
    const getAlbum = byId.get('getAlbum') as Operation;
    const table: [unknown, boolean][] = [
      [1, true],
      [album, true],
      ['7', true],
      [0, false],
      [-1, false],
      [1.5, false],
      ['abc', false],
      ['', false],
      [undefined, false],
    ];
    for (const [id, want] of table)
      assert.equal(addressesResource(spec, getAlbum, { id }, isValid), want, `id ${JSON.stringify(id)}`);
    assert.equal(addressesResource(spec, byId.get('listAlbums') as Operation, {}, isValid), false);
  });

  for (const seed of [1, 20260101]) {
    test(`seed ${seed}, with fixtures: every valid-id write carries a fixture id, invalid ids stay`, () => {
      const plan = planCases(spec, { seed, maxCases: 25, bindings: fixtures }, isValid);
      const writes = unsafeWithValidPath(plan.cases);
      assert.ok(writes.length > 20, `only ${writes.length} writes to fixtures`);
      for (const c of writes) {
        assert.equal(c.request.pathParams.id, album, `${c.operationId} ${c.phase} ${c.description}`);
      }
      for (const id of ['replaceAlbum', 'updateAlbum', 'deleteAlbum', 'createTrack']) {
        const own = writes.filter((c) => c.operationId === id);
        assert.ok(
          own.some((c) => c.expectation === 'valid'),
          `${id}: no valid case on the fixture`,
        );
        assert.ok(
          own.some((c) => c.expectation === 'unauthorized'),
          `${id}: no auth case on the fixture`,
        );
      }
      const invalidIds = plan.cases.filter(
        (c) => c.operationId === 'deleteAlbum' && c.expectation === 'invalid',
      );
      assert.ok(invalidIds.some((c) => c.request.pathParams.id === 0));
      assert.ok(invalidIds.some((c) => c.request.pathParams.id === 'tollgate'));
      assert.deepEqual(plan.generationProblems, []);
    });

    test(`seed ${seed}, without fixtures: no valid-id write at all, one problem per operation`, () => {
      const plan = planCases(spec, { seed, maxCases: 25 }, isValid);
      assert.deepEqual(
        unsafeWithValidPath(plan.cases).map((c) => `${c.operationId} ${c.description}`),
        [],
      );
      const skipped = plan.generationProblems.filter((p) =>
        /^no resource created by this run to address: \d+ unsafe cases skipped$/.test(p.reason),
      );
      const operations = skipped.map((p) => p.operation);
      for (const key of [
        'PUT /v1/albums/{id}',
        'PATCH /v1/albums/{id}',
        'DELETE /v1/albums/{id}',
        'POST /v1/albums/{id}/tracks',
        'POST /v1/albums/{id}',
        'DELETE /v1/albums/{id}/tracks',
      ])
        assert.equal(operations.filter((o) => o === key).length, 1, `${key} in ${operations.join(', ')}`);
      assert.ok(!operations.includes('GET /v1/albums/{id}'), 'reads were skipped');
      assert.ok(
        plan.cases.some((c) => c.operationId === 'deleteAlbum' && c.request.pathParams.id === 0),
        'negative path cases on DELETE were dropped too',
      );
      assert.ok(plan.cases.some((c) => c.operationId === 'getAlbum' && c.expectation === 'valid'));
    });
  }

  test('DELETE cases on fixtures run last, credential-less first, deeper paths first', () => {
    const plan = planCases(spec, { seed: 1, maxCases: 25, bindings: fixtures }, isValid);
    const [shared, deletes] = deletesLast(spec, plan.cases, byId, isValid);
    assert.equal(shared.length + deletes.length, plan.cases.length);
    assert.ok(deletes.length >= 3, `only ${deletes.length} deletes`);
    for (const c of deletes) assert.equal(c.request.pathParams.id, album);
    const ranks = deletes.map((c) => (c.expectation === 'unauthorized' ? 0 : 1));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
      'a valid DELETE runs before an auth case',
    );
    const valid = deletes.filter((c) => c.expectation !== 'unauthorized');
    const depths = valid.map((c) => (byId.get(c.operationId) as Operation).path.split('/').length);
    const undeclared = valid.findIndex((c) => c.request.method === 'DELETE');
    assert.equal(depths[undeclared], Math.max(...depths), 'the tracks-path DELETE is not first');
    assert.ok(
      !shared.some(
        (c) =>
          sentMethod(byId.get(c.operationId) as Operation, c) === 'DELETE' &&
          c.request.pathParams.id === album,
      ),
    );
  });
});
