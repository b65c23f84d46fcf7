import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { beforeAll, describe, test } from 'vitest';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { resolveRef } from '../../src/spec/resolve-ref.ts';
import { convertServers } from '../../src/spec/swagger2/servers.ts';
import type { LoadedSpec, Operation } from '../../src/spec/types.ts';
import { at } from './json-at.ts';

const fixture = resolve(import.meta.dirname, '../fixtures/specs/swag-2.0.yaml');
const byKey = (ops: Operation[], key: string) => {
  const op = ops.find((o) => o.key === key);
  assert.ok(op, `no operation ${key}`);
  return op;
};

describe('Swagger 2.0 (swag-style output) -> OpenAPI 3.0', () => {
  let spec: LoadedSpec;
  let doc: Record<string, unknown>;
  const schema = (name: string, ...keys: string[]) => at(doc, 'components', 'schemas', name, ...keys);
  beforeAll(async () => {
    spec = await loadSpec(fixture);
    doc = spec.document;
  });

  test('version 2.0, dialect 3.0, document is OpenAPI 3.0.3', () => {
    assert.equal(spec.version, '2.0');
    assert.equal(spec.dialect, '3.0');
    assert.equal(doc.openapi, '3.0.3');
    assert.equal(doc.swagger, undefined);
    assert.equal(doc.definitions, undefined);
  });

  test('no schemes: a scheme-relative server, basePath kept as the prefix', () => {
    assert.deepEqual(doc.servers, [{ url: '//localhost:8080/api/v1' }]);
    assert.equal(spec.basePath, '/api/v1');
  });

  test('swag schema names survive as component keys, and refs to them resolve', () => {
    const names = Object.keys(at(doc, 'components', 'schemas') as object);
    assert.deepEqual(names.sort(), [
      'github_com_acme_shop_model.User',
      'httputil.HTTPError',
      'main.Album',
      'web.Page-array_model_Album',
    ]);
    const page = schema('web.Page-array_model_Album');
    assert.deepEqual(at(page, 'properties', 'items', 'items'), { $ref: '#/components/schemas/main.Album' });
    assert.equal(resolveRef(doc, '#/components/schemas/web.Page-array_model_Album'), page);
    assert.deepEqual(schema('github_com_acme_shop_model.User', 'properties', 'manager'), {
      $ref: '#/components/schemas/github_com_acme_shop_model.User',
    });
  });

  test('x-nullable becomes nullable', () => {
    assert.equal(schema('main.Album', 'properties', 'nickname', 'nullable'), true);
  });

  test('body parameter becomes the request body for each consumes type', () => {
    const op = byKey(spec.operations, 'POST /albums');
    assert.equal(op.parameters.length, 0);
    assert.deepEqual(op.requestBody, {
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/main.Album' } } },
    });
  });

  test('formData parameters become a multipart object body; file is a binary string', () => {
    const op = byKey(spec.operations, 'PUT /albums/{id}');
    const form = op.requestBody?.content['multipart/form-data']?.schema;
    assert.deepEqual(at(form, 'required'), ['title']);
    assert.deepEqual(at(form, 'properties', 'cover'), { type: 'string', format: 'binary' });
    assert.equal(op.requestBody?.required, true);
  });

  test('responses: schema under produces, headers with a schema, response refs', () => {
    const op = byKey(spec.operations, 'GET /albums');
    assert.deepEqual(op.responses['200'].content['application/json']?.schema, {
      $ref: '#/components/schemas/web.Page-array_model_Album',
    });
    assert.deepEqual(op.responses['200'].headers['X-Total-Count'], {
      required: false,
      schema: { type: 'integer' },
    });
    const create = byKey(spec.operations, 'POST /albums');
    assert.equal(create.responses['400'].description, 'Bad Request');
    assert.ok(at(doc, 'components', 'responses', 'BadRequest', 'content', 'application/json'));
  });

  test('a response without a schema has no body', () => {
    assert.deepEqual(byKey(spec.operations, 'DELETE /albums/{id}').responses['204'].content, {});
  });

  test('query arrays: csv and multi are sent exploded (Gin reads repeated keys); csv is remembered', () => {
    const params = byKey(spec.operations, 'GET /albums').parameters;
    const ids = params.find((p) => p.name === 'ids');
    assert.deepEqual([ids?.style, ids?.explode], ['form', true]);
    assert.deepEqual(ids?.extensions, { 'x-tollgate-collection-format': 'csv' });
    assert.deepEqual(ids?.schema, { items: { type: 'integer' }, type: 'array' });
    const tag = params.find((p) => p.name === 'tag');
    assert.deepEqual([tag?.explode, tag?.extensions], [true, undefined]);
    const limit = params.find((p) => p.name === 'limit');
    assert.deepEqual(limit?.schema, { default: 20, maximum: 100, minimum: 1, type: 'integer' });
  });

  test('path-level and #/parameters refs are merged into operations', () => {
    const del = byKey(spec.operations, 'DELETE /albums/{id}');
    assert.deepEqual(
      del.parameters.map((p) => [p.name, p.in, p.required]),
      [['id', 'path', true]],
    );
    const user = byKey(spec.operations, 'GET /users/{id}');
    assert.deepEqual(user.parameters[0].schema, { type: 'integer' });
  });

  test('securityDefinitions: basic, apiKey and oauth2 become securitySchemes', () => {
    const scheme = (...keys: string[]) => at(doc, 'components', 'securitySchemes', ...keys);
    assert.deepEqual(scheme('BasicAuth'), { type: 'http', scheme: 'basic' });
    assert.equal(scheme('BearerAuth', 'type'), 'apiKey');
    assert.deepEqual([scheme('BearerAuth', 'in'), scheme('BearerAuth', 'name')], ['header', 'Authorization']);
    assert.deepEqual(scheme('OAuth2Password', 'flows'), {
      password: { tokenUrl: 'https://example.com/oauth/token', scopes: { read: 'read access' } },
    });
    assert.deepEqual(byKey(spec.operations, 'POST /albums').security, [{ BearerAuth: [] }]);
  });
});

describe('Swagger 2.0 servers', () => {
  const cases: [string, { given: Record<string, unknown>; want: unknown }][] = [
    [
      'host, basePath, no schemes',
      { given: { host: 'h:1', basePath: '/api' }, want: [{ url: '//h:1/api' }] },
    ],
    [
      'schemes',
      { given: { host: 'h', schemes: ['https', 'http'] }, want: [{ url: 'https://h' }, { url: 'http://h' }] },
    ],
    ['basePath only: no host is invented', { given: { basePath: '/api/v1' }, want: [{ url: '/api/v1' }] }],
    ['nothing', { given: {}, want: undefined }],
  ];
  for (const [name, { given, want }] of cases)
    test(name, () => assert.deepEqual(convertServers(given), want));
});

describe('the committed swag output (specs/albums.swagger.yaml)', () => {
  let swag: LoadedSpec;
  let openapi: LoadedSpec;
  beforeAll(async () => {
    const repo = resolve(import.meta.dirname, '../..');
    [swag, openapi] = await Promise.all([
      loadSpec('specs/albums.swagger.yaml', { cwd: repo }),
      loadSpec('specs/albums.openapi.yaml', { cwd: repo }),
    ]);
  });

  test('is Swagger 2.0 with no schemes: server keeps the host, base path "/" gives no prefix', () => {
    assert.equal(swag.version, '2.0');
    assert.deepEqual(at(swag.document, 'servers'), [{ url: '//127.0.0.1:8080' }]);
    assert.equal(swag.basePath, '');
  });

  test('indexes the same operations as the OpenAPI 3.1 spec', () => {
    const keys = (spec: LoadedSpec) => spec.operations.map((o) => `${o.key} ${o.id}`).sort();
    assert.deepEqual(keys(swag), keys(openapi));
  });

  test('main.* schema names are component keys every ref resolves to', () => {
    const names = Object.keys(at(swag.document, 'components', 'schemas') as object);
    assert.ok(names.includes('main.Album') && names.includes('main.AlbumInput'), names.join(', '));
    const create = byKey(swag.operations, 'POST /v1/albums');
    const body = create.requestBody?.content['application/json']?.schema;
    assert.deepEqual(body, { $ref: '#/components/schemas/main.AlbumInput' });
    assert.equal(
      resolveRef(swag.document, String(body?.$ref)),
      at(swag.document, 'components', 'schemas', 'main.AlbumInput'),
    );
  });

  test('createAlbum keeps its required Idempotency-Key header, bearer apiKey security and 201 Location header', () => {
    const create = byKey(swag.operations, 'POST /v1/albums');
    const key = create.parameters.find((p) => p.name === 'Idempotency-Key');
    assert.deepEqual([key?.in, key?.required], ['header', true]);
    assert.deepEqual(create.security, [{ bearerAuth: [] }]);
    assert.equal(at(swag.document, 'components', 'securitySchemes', 'bearerAuth', 'type'), 'apiKey');
    assert.ok(create.responses['201'].headers.Location);
  });

  test('the JSON twin (specs/albums.swagger.json) gives the same document', async () => {
    const json = await loadSpec(resolve(import.meta.dirname, '../../specs/albums.swagger.json'));
    assert.deepEqual(json.document, swag.document);
  });

  test('listAlbums query bounds survive as schema keywords', () => {
    const limit = byKey(swag.operations, 'GET /v1/albums').parameters.find((p) => p.name === 'limit');
    assert.deepEqual([limit?.schema.minimum, limit?.schema.maximum, limit?.explode], [1, 100, true]);
  });
});
