import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { beforeAll, describe, test } from 'vitest';
import { loadSpec } from '../../src/spec/load-spec.ts';
import type { LoadedSpec, Operation } from '../../src/spec/types.ts';

const repo = resolve(import.meta.dirname, '../..');
const fixtures = resolve(repo, 'test/fixtures/specs');
const byKey = (ops: Operation[], key: string) => {
  const op = ops.find((o) => o.key === key);
  assert.ok(op, `no operation ${key} in ${ops.map((o) => o.key).join(', ')}`);
  return op;
};

describe('loadSpec: OpenAPI 3.1 (specs/albums.openapi.yaml)', () => {
  let spec: LoadedSpec;
  beforeAll(async () => {
    spec = await loadSpec('specs/albums.openapi.yaml', { cwd: repo });
  });

  test('version, dialect, title and base path', () => {
    assert.equal(spec.version, '3.1');
    assert.equal(spec.dialect, '3.1');
    assert.equal(spec.title, 'Albums API');
    assert.equal(spec.basePath, '');
    assert.equal(spec.source, resolve(repo, 'specs/albums.openapi.yaml'));
  });

  test('indexes every path x method with ids, keys and Gin paths', () => {
    const ids = spec.operations.map((o) => o.id);
    for (const id of [
      'getHealth',
      'listAlbums',
      'createAlbum',
      'getAlbum',
      'deleteAlbum',
      'createTrack',
      'getTrack',
    ]) {
      assert.ok(ids.includes(id), `missing ${id}`);
    }
    const getTrack = byKey(spec.operations, 'GET /v1/albums/{id}/tracks/{trackId}');
    assert.equal(getTrack.id, 'getTrack');
    assert.equal(getTrack.ginPath, '/v1/albums/:id/tracks/:trackId');
    assert.equal(getTrack.pointer, '#/paths/~1v1~1albums~1{id}~1tracks~1{trackId}/get');
  });

  test('createAlbum: required header, required body, security, resolved headers and links', () => {
    const op = byKey(spec.operations, 'POST /v1/albums');
    const key = op.parameters.find((p) => p.name === 'Idempotency-Key');
    assert.deepEqual([key?.in, key?.required, key?.style], ['header', true, 'simple']);
    assert.equal(op.requestBody?.required, true);
    assert.ok(op.requestBody?.content['application/json']?.schema);
    assert.deepEqual(op.security, [{ bearerAuth: [] }]);
    const created = op.responses['201'];
    assert.ok(created.headers.Location, 'Location header resolved');
    assert.ok(created.headers['X-Request-Id']?.schema, 'header $ref resolved to its schema');
    assert.equal(created.links.GetAlbumById?.operationId, 'getAlbum');
  });

  test('listAlbums query parameters get form/explode defaults; reads have no security', () => {
    const op = byKey(spec.operations, 'GET /v1/albums');
    const limit = op.parameters.find((p) => p.name === 'limit');
    assert.deepEqual(
      [limit?.in, limit?.required, limit?.style, limit?.explode],
      ['query', false, 'form', true],
    );
    assert.deepEqual(op.security, []);
    assert.ok(op.responses['200'].headers['X-Total-Count']);
  });

  test('schema $refs inside operations are kept, not inlined', () => {
    const op = byKey(spec.operations, 'GET /v1/albums/{id}');
    const schema = op.responses['200'].content['application/json']?.schema;
    assert.equal(typeof schema?.$ref, 'string');
  });
});

describe('loadSpec: OpenAPI 3.0 fixture', () => {
  let spec: LoadedSpec;
  beforeAll(async () => {
    spec = await loadSpec(resolve(fixtures, 'petstore-3.0.yaml'));
  });

  test('basePath from an absolute server URL', () => {
    assert.equal(spec.version, '3.0');
    assert.equal(spec.dialect, '3.0');
    assert.equal(spec.basePath, '/api/v1');
  });

  test('path-level and operation-level parameters merge, the operation wins', () => {
    const list = byKey(spec.operations, 'GET /pets');
    assert.deepEqual(
      list.parameters.map((p) => `${p.in}:${p.name}`),
      ['header:X-Trace', 'query:limit', 'query:tag'],
    );
    const one = byKey(spec.operations, 'GET /pets/{petId}');
    const trace = one.parameters.filter((p) => p.name === 'X-Trace');
    assert.equal(trace.length, 1);
    assert.equal(trace[0].required, true, 'operation-level X-Trace overrides the path-level one');
    assert.equal(
      one.parameters.find((p) => p.name === 'petId')?.required,
      true,
      'path parameters are required',
    );
  });

  test('explicit style/explode are kept', () => {
    const tag = byKey(spec.operations, 'GET /pets').parameters.find((p) => p.name === 'tag');
    assert.equal(tag?.explode, false);
  });

  test('operation without operationId is named METHOD /path', () => {
    assert.equal(byKey(spec.operations, 'GET /pets/{petId}').id, 'GET /pets/{petId}');
  });

  test('security: operation [] overrides the document, others inherit it', () => {
    assert.deepEqual(byKey(spec.operations, 'GET /pets').security, []);
    assert.deepEqual(byKey(spec.operations, 'POST /pets').security, [{ bearer: [] }]);
  });

  test('refs of request bodies, responses, headers resolve; operationRef links name the operation', () => {
    const create = byKey(spec.operations, 'POST /pets');
    assert.equal(create.requestBody?.required, true);
    assert.deepEqual(create.requestBody?.content['application/json']?.schema, {
      $ref: '#/components/schemas/NewPet',
    });
    assert.equal(create.responses.default.description, 'Error');
    assert.equal(create.responses['201'].links.GetPet.operationId, 'GET /pets/{petId}');
    assert.deepEqual(create.responses['201'].links.GetPet.parameters, { petId: '$response.body#/id' });
    const list = byKey(spec.operations, 'GET /pets');
    assert.deepEqual(list.responses['200'].headers['X-Total-Count'], {
      required: true,
      schema: { type: 'integer' },
    });
    assert.deepEqual(list.responses['200'].content['application/json']?.examples, [[{ id: 1, name: 'Rex' }]]);
  });

  test('x- extensions of the operation are kept', () => {
    assert.deepEqual(byKey(spec.operations, 'GET /pets').extensions, { 'x-tollgate-max-ms': 250 });
  });

  test('JSON sources load the same way', async () => {
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(resolve(tmpdir(), 'tollgate-spec-'));
    const file = resolve(dir, 'pets.json');
    await writeFile(file, JSON.stringify(spec.document));
    const again = await loadSpec(file);
    assert.deepEqual(
      again.operations.map((o) => o.id),
      spec.operations.map((o) => o.id),
    );
  });
});

describe('loadSpec: OpenAPI 3.1 with webhooks only', () => {
  test('is accepted with zero operations', async () => {
    const spec = await loadSpec(resolve(fixtures, 'webhooks-only-3.1.yaml'));
    assert.equal(spec.version, '3.1');
    assert.deepEqual(spec.operations, []);
  });
});
