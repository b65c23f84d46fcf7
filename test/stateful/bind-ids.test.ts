import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { beforeAll, describe, test } from 'vitest';
import { loadSpec } from '../../src/spec/load-spec.ts';
import type { LoadedSpec, Operation } from '../../src/spec/types.ts';
import { CleanupLedger } from '../../src/stateful/cleanup-ledger.ts';
import { boundOperations } from '../../src/stateful/resource-links.ts';

/**
 * Where a create's new id is found: the top level, a wrapper named after the
 * resource, an envelope's data, the Location header, a field named like the
 * path parameter; and the links of the documented 201 when the server
 * answered 200. Each shape with the id present (bound) and absent (nothing bound).
 */
const fixture = resolve(import.meta.dirname, '../fixtures/specs/ids-everywhere-3.0.yaml');
const albumsSpec = resolve(import.meta.dirname, '../../specs/albums.openapi.yaml');
const request = { pathParams: {}, query: {}, headers: {} };

function bind(spec: LoadedSpec, producer: string, status: number, json: unknown, headers = {}) {
  const op = spec.operations.find((o) => o.id === producer) as Operation;
  return boundOperations(spec, op, request, { status, headers, json }).map(
    (b) => `${b.operation.id} ${JSON.stringify(b.params)}`,
  );
}

describe('binding a created resource from what the server answered', () => {
  let spec: LoadedSpec;
  let albums: LoadedSpec;
  beforeAll(async () => {
    spec = await loadSpec(fixture);
    albums = await loadSpec(albumsSpec);
  });

  const rows: [string, string, number, unknown, Record<string, string>, string[]][] = [
    [
      'a wrapper named after the resource: {"article": {"slug"}}',
      'createArticle',
      201,
      { article: { slug: 'how-to-gin', title: 'x' } },
      {},
      ['getArticle {"slug":"how-to-gin"}', 'deleteArticle {"slug":"how-to-gin"}'],
    ],
    ['the wrapper without the slug', 'createArticle', 201, { article: { title: 'x' } }, {}, []],
    [
      'a field named like the parameter: username',
      'createUser',
      201,
      { user: { username: 'ada', email: 'a@b' } },
      {},
      ['getUser {"username":"ada"}'],
    ],
    [
      'an envelope: {"code": 0, "data": {"id"}} fills itemId',
      'createItem',
      200,
      { code: 0, msg: 'ok', data: { id: 7 } },
      {},
      ['getItem {"itemId":7}', 'deleteItem {"itemId":7}'],
    ],
    ['an envelope that made nothing', 'createItem', 200, { code: 7, msg: 'duplicate' }, {}, []],
    [
      'the top level, Go field names (ID)',
      'createTag',
      201,
      { ID: 3, Name: 'x' },
      {},
      ['deleteTag {"id":3}'],
    ],
    [
      'the Location header, no body',
      'createTag',
      201,
      undefined,
      { location: '/tags/12' },
      ['deleteTag {"id":12}'],
    ],
    ['no body and no Location', 'createTag', 201, undefined, {}, []],
  ];
  for (const [name, producer, status, json, headers, want] of rows) {
    test(name, () => assert.deepEqual(bind(spec, producer, status, json, headers), want));
  }

  test('Location binds every method on the path it names', () => {
    const bound = bind(albums, 'createTrack', 201, undefined, { location: '/v1/albums/4/tracks/2' });
    assert.deepEqual(bound, ['getTrack {"id":4,"trackId":2}']);
    const album = bind(albums, 'createAlbum', 299, undefined, { location: '/v1/albums/9' });
    assert.ok(album.includes('getAlbum {"id":9}') && album.includes('deleteAlbum {"id":9}'), String(album));
  });

  test('a create answering 200 where 201 is documented binds through the 201 links', () => {
    const bound = bind(albums, 'createAlbum', 200, { id: 5, title: 't' });
    assert.ok(bound.includes('deleteAlbum {"id":5}'), String(bound));
    assert.ok(bound.includes('updateAlbum {"id":5}'), String(bound));
  });

  test('the 201 links find the id inside a wrapper: {"album": {"id"}}', () => {
    const bound = bind(albums, 'createAlbum', 201, { album: { id: 6 } });
    assert.ok(bound.includes('deleteAlbum {"id":6}'), String(bound));
    assert.deepEqual(bind(albums, 'createAlbum', 201, { album: { title: 'no id' } }), []);
  });
});

describe('the cleanup ledger counts every 2xx answer to a create', () => {
  let spec: LoadedSpec;
  beforeAll(async () => {
    spec = await loadSpec(fixture);
  });
  const record = (ledger: CleanupLedger, producer: string, status: number, json: unknown) => {
    const operation = spec.operations.find((o) => o.id === producer) as Operation;
    const response = { status, headers: {}, json };
    return ledger.recordFrom(
      { operation, request, response },
      boundOperations(spec, operation, request, response),
    );
  };

  test('a bound create is deleted; one whose id was not found is a leftover that says why', () => {
    const ledger = new CleanupLedger(spec);
    record(ledger, 'createArticle', 201, { article: { slug: 's1' } });
    record(ledger, 'createArticle', 201, { article: { title: 'no slug' } });
    record(ledger, 'createUser', 201, { user: { username: 'ada' } });
    const del = spec.operations.find((o) => o.id === 'deleteArticle') as Operation;
    // A refusal inside HTTP 200 is no deletion; a 204 is.
    assert.equal(
      ledger.deleteAnswered(del, { slug: 's1' }, { status: 200, json: { code: 7, msg: 'locked' } }),
      'answered 200 with code 7: locked',
    );
    assert.equal(ledger.summary().deleted, 0);
    assert.equal(ledger.deleteAnswered(del, { slug: 's1' }, { status: 204 }), undefined);
    assert.deepEqual(ledger.summary(), {
      created: 3,
      deleted: 1,
      leftover: [
        'POST /articles (answered 201): no id found in the answer, so no DELETE could be sent',
        '/users/ada: the spec documents no DELETE for it',
      ],
    });
  });

  test('not creations: a 4xx, a POST with nothing below it, an envelope that made nothing', () => {
    const ledger = new CleanupLedger(spec);
    assert.equal(record(ledger, 'createArticle', 400, { error: 'x' }), undefined);
    assert.equal(record(ledger, 'search', 200, { results: [] }), undefined);
    assert.equal(record(ledger, 'createItem', 200, { code: 7, msg: 'duplicate' }), undefined);
    assert.deepEqual(ledger.summary(), { created: 0, deleted: 0, leftover: [] });
  });
});
