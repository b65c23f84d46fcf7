import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { checkRegistry } from '../../src/checks/registry.ts';
import type { CheckContext, Failure } from '../../src/checks/types.ts';
import type { Exchange } from '../../src/http/types.ts';
import { albums31, context, defaultUrl, exchange, pets30, urlFor } from './support/spec-fixtures.ts';

/** What a failure must say; undefined means the check must stay silent. */
interface Want {
  title?: RegExp;
  expected?: RegExp;
  received?: RegExp;
  location?: string;
}

type Row = [name: string, ctx: CheckContext, exchange: Exchange, want: Want | undefined];

const album = { id: 1, title: 'Blue Train', artist: 'John Coltrane', price: 9.99 };
const requestId = { 'x-request-id': 'r-1' };
const get = (id: string, expectation?: Parameters<typeof context>[2], extra?: Partial<CheckContext>) =>
  context(albums31, id, expectation, extra);

const table: Record<string, Row[]> = {
  'not-a-server-error': [
    [
      'recovered panic',
      get('getAlbum'),
      exchange({ status: 500 }),
      { title: /Server error 500/, received: /Received: 500, empty body/ },
    ],
    [
      '503 with a body',
      get('getAlbum'),
      exchange({ status: 503, body: 'try later' }),
      { received: /503, try later/ },
    ],
    ['200', get('getAlbum'), exchange({ status: 200, body: album, headers: requestId }), undefined],
    ['404', get('getAlbum'), exchange({ status: 404, body: { error: 'x' } }), undefined],
  ],
  'status-code-documented': [
    [
      '203 not documented',
      get('getAlbum'),
      exchange({ status: 203, body: album }),
      {
        title: /Undocumented HTTP status code/,
        expected: /^Documented: 200, 404$/,
        received: /^Received: 203$/,
      },
    ],
    ['documented 404', get('getAlbum'), exchange({ status: 404, body: { error: 'x' } }), undefined],
    ['covered by 3XX range', get('listTracks'), exchange({ status: 301 }), undefined],
    [
      '404 for a path the route never matched',
      get('listAlbums', 'invalid'),
      exchange({ url: 'http://127.0.0.1:8080/albums/x/y', status: 404 }),
      undefined,
    ],
    ['covered by default', get('listTracks'), exchange({ status: 418 }), undefined],
    [
      'undeclared-method case uses a stand-in operation',
      get('getAlbum', 'undeclared-method'),
      exchange({ status: 418 }),
      undefined,
    ],
  ],
  'create-status-documented': [
    [
      'create answers 200 where 201 is documented',
      get('createAlbum', 'valid'),
      exchange({ method: 'POST', status: 200, body: album }),
      {
        title: /^Create answered 200, documented 201$/,
        expected: /^Documented: 201$/,
        received: /^Received: 200$/,
      },
    ],
    [
      'create answers its documented 201',
      get('createAlbum', 'valid'),
      exchange({ method: 'POST', status: 201, body: album }),
      undefined,
    ],
    ['a rejected create', get('createAlbum', 'invalid'), exchange({ status: 400, body: {} }), undefined],
    ['a GET answering 203', get('getAlbum'), exchange({ status: 203, body: album }), undefined],
  ],
  'content-type-documented': [
    [
      'text/plain where JSON documented',
      get('getAlbum'),
      exchange({ status: 200, body: '{}', headers: { 'content-type': 'text/plain; charset=utf-8' } }),
      {
        title: /Undocumented Content-Type/,
        expected: /Documented: application\/json for 200/,
        received: /^Received: text\/plain$/,
      },
    ],
    [
      'no Content-Type and empty body (Gin c.Bind 400)',
      get('listAlbums'),
      exchange({ status: 400 }),
      { title: /Missing Content-Type/, received: /without Content-Type and with an empty body/ },
    ],
    ['charset parameter ignored', get('getAlbum'), exchange({ status: 200, body: album }), undefined],
    [
      'application/*+json wildcard matches problem+json',
      get('listTracks'),
      exchange({
        status: 500,
        body: '{"error":"x"}',
        headers: { 'content-type': 'application/problem+json' },
      }),
      undefined,
    ],
    [
      'wildcard does not match plain json',
      get('listTracks'),
      exchange({ status: 500, body: '{"error":"x"}', headers: { 'content-type': 'application/json' } }),
      { received: /application\/json/ },
    ],
    [
      'recovered panic is left to not-a-server-error',
      get('listTracks'),
      exchange({ status: 500 }),
      undefined,
    ],
    ['204 documented without content', get('deleteAlbum'), exchange({ status: 204 }), undefined],
  ],
  'response-headers': [
    [
      'required header missing',
      get('listAlbums'),
      exchange({ status: 200, body: { items: [], total: 0 }, headers: requestId }),
      {
        title: /Missing required header X-Total-Count/,
        expected: /X-Total-Count \(required\) for 200/,
        received: /without X-Total-Count/,
        location: 'headers/x-total-count',
      },
    ],
    [
      'header not an integer',
      get('listAlbums'),
      exchange({
        status: 200,
        body: { items: [], total: 0 },
        headers: { ...requestId, 'x-total-count': 'many' },
      }),
      { title: /Invalid response header/, received: /X-Total-Count: "many" must be integer/ },
    ],
    [
      'header below minimum after coercion',
      get('listAlbums'),
      exchange({
        status: 200,
        body: { items: [], total: 0 },
        headers: { ...requestId, 'x-total-count': '-1' },
      }),
      { received: /must be >= 0/ },
    ],
    [
      'integer header coerced and valid',
      get('listAlbums'),
      exchange({
        status: 200,
        body: { items: [], total: 0 },
        headers: { ...requestId, 'x-total-count': '3' },
      }),
      undefined,
    ],
    [
      'optional headers may be absent',
      get('getAlbum'),
      exchange({ status: 404, body: { error: 'x' } }),
      undefined,
    ],
  ],
  'response-schema': [
    [
      'price is a string',
      get('getAlbum'),
      exchange({ status: 200, body: { ...album, price: '9.99' } }),
      {
        title: /Response violates schema/,
        expected: /#\/components\/schemas\/Album/,
        received: /\/price must be number, got string "9.99"/,
        location: '/price',
      },
    ],
    [
      'all errors listed, first is the location',
      get('listAlbums'),
      exchange({ status: 200, body: { items: [{ id: 1, title: 'x', price: 'y' }], total: 1 } }),
      {
        received: /\/items\/0\/artist required property is missing; \/items\/0\/price must be number/,
        location: '/items/0/artist',
      },
    ],
    [
      'invalid JSON while JSON documented',
      get('getAlbum'),
      exchange({ status: 200, body: '{"id":', headers: { 'content-type': 'application/json' } }),
      { title: /not valid JSON/, received: /Received: \{"id":/ },
    ],
    [
      'empty body with JSON Content-Type',
      get('getAlbum'),
      exchange({ status: 404, headers: { 'content-type': 'application/json' } }),
      { title: /not valid JSON/, received: /an empty body/ },
    ],
    [
      'empty body without Content-Type is left to content-type-documented',
      get('listAlbums'),
      exchange({ status: 400 }),
      undefined,
    ],
    ['valid body', get('getAlbum'), exchange({ status: 200, body: album }), undefined],
    [
      'not JSON-documented content type is left to content-type-documented',
      get('getAlbum'),
      exchange({ status: 200, body: '<html>', headers: { 'content-type': 'text/html' } }),
      undefined,
    ],
    [
      '3.0 nullable and discriminator accepted',
      context(pets30, 'getOwner'),
      exchange({ status: 200, body: { name: null, pets: [{ petType: 'dog', name: 'Rex', bark: null }] } }),
      undefined,
    ],
    [
      '3.0 discriminator variant violated',
      context(pets30, 'getOwner'),
      exchange({ status: 200, body: { name: 'Ann', pets: [{ petType: 'cat' }] } }),
      { location: '/pets/0/name' },
    ],
  ],
  'negative-data-rejected': [
    [
      'invalid request accepted',
      get('createAlbum', 'invalid'),
      exchange({ method: 'POST', status: 201, body: album }),
      {
        title: /accepted schema-violating request/,
        expected: /Expected: 4xx, because fixture case/,
        received: /^Received: 201$/,
      },
    ],
    [
      'invalid request rejected',
      get('createAlbum', 'invalid'),
      exchange({ method: 'POST', status: 400, body: { error: 'x' } }),
      undefined,
    ],
    [
      'valid request accepted is not this check',
      get('createAlbum', 'valid'),
      exchange({ method: 'POST', status: 201, body: album }),
      undefined,
    ],
  ],
  'positive-data-accepted': [
    [
      'valid request rejected with 400',
      get('createAlbum', 'valid'),
      exchange({ method: 'POST', status: 400, body: { error: 'price must be positive' } }),
      {
        title: /rejected schema-compliant request/,
        received: /Received: 400, \{"error":"price must be positive"\}/,
      },
    ],
    [
      'valid request 422',
      get('createAlbum', 'valid'),
      exchange({ method: 'POST', status: 422, body: { error: 'x' } }),
      { received: /422/ },
    ],
    [
      '401 with credentials sent',
      get('createAlbum', 'valid'),
      exchange({ method: 'POST', status: 401, requestHeaders: { authorization: 'Bearer x' } }),
      { title: /rejected valid credentials/ },
    ],
    [
      '401 without credentials is not flagged',
      get('createAlbum', 'valid'),
      exchange({ method: 'POST', status: 401 }),
      undefined,
    ],
    [
      '404 for an unknown id is legitimate',
      get('getAlbum', 'valid'),
      exchange({ status: 404, body: { error: 'x' } }),
      undefined,
    ],
    ['409 is legitimate', get('createAlbum', 'valid'), exchange({ method: 'POST', status: 409 }), undefined],
    ['201', get('createAlbum', 'valid'), exchange({ method: 'POST', status: 201, body: album }), undefined],
  ],
  'missing-required-header': [
    [
      'accepted without the header',
      get('createAlbum', 'missing-header'),
      exchange({ method: 'POST', status: 201, body: album }),
      { title: /Missing required header not rejected/, received: /^Received: 201$/ },
    ],
    [
      'rejected',
      get('createAlbum', 'missing-header'),
      exchange({ method: 'POST', status: 400, body: { error: 'x' } }),
      undefined,
    ],
  ],
  'undeclared-method': [
    [
      'accepted with 200 (Gin default expected)',
      get('listAlbums', 'undeclared-method'),
      exchange({ method: 'PUT', url: 'http://127.0.0.1/albums', status: 200 }),
      { title: /Undeclared method accepted/, expected: /404/, received: /200 for PUT \/albums/ },
    ],
    [
      '5xx fails too',
      get('listAlbums', 'undeclared-method'),
      exchange({ method: 'PUT', status: 500 }),
      { title: /not rejected/ },
    ],
    [
      "Gin's default 404",
      get('listAlbums', 'undeclared-method'),
      exchange({
        method: 'PUT',
        status: 404,
        body: '404 page not found',
        headers: { 'content-type': 'text/plain' },
      }),
      undefined,
    ],
    [
      '404 when 405 expected',
      get('listAlbums', 'undeclared-method', { handleMethodNotAllowed: true }),
      exchange({ method: 'PUT', status: 404 }),
      { title: /not answered 405/, received: /HandleMethodNotAllowed off/ },
    ],
    [
      '405 when expected',
      get('listAlbums', 'undeclared-method', { handleMethodNotAllowed: true }),
      exchange({ method: 'PUT', status: 405, headers: { allow: 'GET, POST' } }),
      undefined,
    ],
  ],
  'allow-header': [
    [
      'Allow lists an undocumented method',
      get('listAlbums', 'undeclared-method'),
      exchange({ status: 405, headers: { allow: 'GET, POST, PUT' } }),
      { title: /Allow header does not match/, expected: /Allow: GET, POST$/, received: /undocumented PUT/ },
    ],
    [
      'Allow misses a documented method',
      get('getAlbum', 'undeclared-method'),
      exchange({ status: 405, headers: { allow: 'GET' } }),
      { received: /missing DELETE/ },
    ],
    [
      '405 without Allow',
      get('listAlbums', 'undeclared-method'),
      exchange({ status: 405 }),
      { title: /without an Allow header/ },
    ],
    [
      'case and order ignored',
      get('listAlbums', 'undeclared-method'),
      exchange({ status: 405, headers: { allow: 'post,get' } }),
      undefined,
    ],
    ['not a 405', get('listAlbums'), exchange({ status: 404 }), undefined],
  ],
  'use-after-delete': [
    [
      'still there',
      get('getAlbum', 'gone'),
      exchange({ status: 200, body: album }),
      { title: /still available after DELETE/, received: /200 for GET \/albums\/1/ },
    ],
    ['gone', get('getAlbum', 'gone'), exchange({ status: 404, body: { error: 'x' } }), undefined],
  ],
  'available-after-create': [
    [
      'lost',
      get('getAlbum', 'present'),
      exchange({ status: 404, body: { error: 'x' } }),
      { title: /Created resource not available/, received: /404 for GET \/albums\/1/ },
    ],
    ['present', get('getAlbum', 'present'), exchange({ status: 200, body: album }), undefined],
  ],
  'auth-enforced': [
    [
      'no credentials accepted',
      get('createAlbum', 'unauthorized'),
      exchange({ method: 'POST', status: 201 }),
      { title: /Authentication not enforced/, expected: /401 or 403/, received: /^Received: 201$/ },
    ],
    [
      'validation before auth',
      get('createAlbum', 'unauthorized'),
      exchange({ method: 'POST', status: 400 }),
      { title: /not answered 401\/403/ },
    ],
    ['401', get('createAlbum', 'unauthorized'), exchange({ method: 'POST', status: 401 }), undefined],
    ['403', get('createAlbum', 'unauthorized'), exchange({ method: 'POST', status: 403 }), undefined],
  ],
  'undocumented-redirect': [
    [
      'trailing slash redirect',
      get('getAlbum'),
      exchange({ url: 'http://127.0.0.1:8080/albums/1', status: 301, headers: { location: '/albums/1/' } }),
      {
        title: /RedirectTrailingSlash/,
        expected: /Documented: 200, 404/,
        received: /301 to Location: \/albums\/1\/; the route is registered as \/albums\/1\//,
      },
    ],
    [
      'other redirect',
      get('getAlbum'),
      exchange({ status: 302, headers: { location: 'https://example.test/login' } }),
      { title: /^Undocumented redirect$/ },
    ],
    ['3XX documented', get('listTracks'), exchange({ status: 301, headers: { location: '/x/' } }), undefined],
    [
      'empty path parameter never reached the route',
      get('getAlbum', 'invalid'),
      exchange({ url: 'http://127.0.0.1:8080/albums/', status: 301, headers: { location: '/albums' } }),
      undefined,
    ],
    ['not a redirect', get('getAlbum'), exchange({ status: 200, body: album }), undefined],
  ],
  'text-plain-404': [
    [
      "Gin's 404 where JSON 404 documented",
      get('getAlbum'),
      exchange({ status: 404, body: '404 page not found', headers: { 'content-type': 'text/plain' } }),
      {
        title: /Plain-text 404 where a JSON 404 is documented/,
        expected: /application\/json for 404/,
        received: /Gin's default/,
      },
    ],
    [
      "Gin's 404 on a documented path without a documented 404",
      get('listAlbums'),
      exchange({ status: 404, body: '404 page not found', headers: { 'content-type': 'text/plain' } }),
      { title: /route-not-found/ },
    ],
    [
      "a '/' in a path parameter never reached the route",
      get('getAlbum', 'invalid'),
      exchange({
        url: 'http://127.0.0.1:8080/albums/a%2Fb',
        status: 404,
        body: '404 page not found',
        headers: { 'content-type': 'text/plain' },
      }),
      undefined,
    ],
    ['JSON 404', get('getAlbum'), exchange({ status: 404, body: { error: 'no album 9' } }), undefined],
    [
      'undeclared method 404 is expected',
      get('getAlbum', 'undeclared-method'),
      exchange({ status: 404, body: '404 page not found', headers: { 'content-type': 'text/plain' } }),
      undefined,
    ],
    [
      'own text 404 where none documented',
      get('listAlbums'),
      exchange({ status: 404, body: 'nothing', headers: { 'content-type': 'text/plain' } }),
      undefined,
    ],
  ],
  'no-body-on-204': [
    [
      '204 with a body',
      get('deleteAlbum'),
      exchange({ method: 'DELETE', status: 204, body: { id: 1 } }),
      { title: /Body on a 204 response/, received: /204 with \{"id":1\}/ },
    ],
    [
      '204 with Content-Length only',
      get('deleteAlbum'),
      exchange({ method: 'DELETE', status: 204, headers: { 'content-length': '57' } }),
      { received: /Content-Length: 57/ },
    ],
    [
      'clean 204',
      get('deleteAlbum'),
      exchange({ method: 'DELETE', status: 204, headers: { 'content-length': '0' } }),
      undefined,
    ],
  ],
  'null-collection': [
    [
      'null array at the root',
      get('listTracks'),
      exchange({ status: 200, body: 'null', headers: { 'content-type': 'application/json' } }),
      {
        title: /null instead of an empty array \(nil Go slice\)/,
        received: /null at \(root\)/,
        location: '',
      },
    ],
    [
      'null array deep inside',
      get('listAlbums'),
      exchange({ status: 200, body: { items: [{ ...album, tags: null }], total: 1 } }),
      { location: '/items/0/tags', received: /make\(\[\]T, 0\)/ },
    ],
    [
      '3.0 null object through a $ref in items',
      context(pets30, 'getOwner'),
      exchange({ status: 200, body: { name: 'a', pets: [null] } }),
      undefined,
    ],
    [
      '3.0 null where object not nullable',
      context(pets30, 'getOwner'),
      exchange({ status: 200, body: { name: 'a', pets: [], address: null } }),
      { title: /empty object \(nil Go map\)/, location: '/address' },
    ],
    [
      '3.0 nullable allOf is fine',
      context(pets30, 'getOwner'),
      exchange({ status: 200, body: { name: 'a', pets: [], best: null } }),
      undefined,
    ],
    ['empty array', get('listTracks'), exchange({ status: 200, body: [] }), undefined],
  ],
  'response-time': [
    [
      'over x-tollgate-max-ms',
      get('getAlbum'),
      exchange({ status: 200, body: album, elapsedMs: 51.25 }),
      { title: /over budget/, expected: /under 50 ms \(x-tollgate-max-ms\)/, received: /51\.3 ms/ },
    ],
    [
      'over config budget',
      get('listAlbums', 'any', { maxResponseMs: 10 }),
      exchange({ elapsedMs: 12 }),
      { expected: /under 10 ms$/ },
    ],
    [
      'extension wins over config',
      get('getAlbum', 'any', { maxResponseMs: 10 }),
      exchange({ elapsedMs: 20 }),
      undefined,
    ],
    ['no budget', get('listAlbums'), exchange({ elapsedMs: 5000 }), undefined],
  ],
  'response-body-limit': [
    [
      'a body over the limit was not read',
      get('listAlbums'),
      (() => {
        const e = exchange({ status: 200 });
        return { ...e, response: { ...e.response, bodyOverLimit: 4_194_304 } };
      })(),
      { title: /body over limit/i, received: /body over limit \(more than 4194304 bytes/ },
    ],
    ['a body within the limit', get('listAlbums'), exchange({ status: 200, body: [album] }), undefined],
  ],
};

describe('checks', () => {
  test('every registered check has a table with a fault present and absent', () => {
    for (const name of checkRegistry.keys()) {
      const rows = table[name] ?? [];
      assert.ok(
        rows.some((r) => r[3] !== undefined),
        `${name}: no fault-present row`,
      );
      assert.ok(
        rows.some((r) => r[3] === undefined),
        `${name}: no fault-absent row`,
      );
    }
    assert.deepEqual(Object.keys(table).sort(), [...checkRegistry.keys()].sort());
  });

  for (const [name, rows] of Object.entries(table)) {
    describe(name, () => {
      for (const [label, ctx, ex, want] of rows) {
        test(label, () => {
          const check = checkRegistry.get(name);
          assert.ok(check, `${name} is registered`);
          // Rows that give no URL are sent to their operation's route.
          const sent =
            ex.request.url === defaultUrl
              ? { ...ex, request: { ...ex.request, url: urlFor(ctx.operation) } }
              : ex;
          const failure = check.run(ctx, sent);
          if (!want) {
            assert.equal(failure, undefined, JSON.stringify(failure));
            return;
          }
          assert.ok(failure, 'expected a failure');
          assertFailure(failure, want);
        });
      }
    });
  }
});

function assertFailure(failure: Failure, want: Want): void {
  const text = JSON.stringify(failure);
  if (want.title) assert.match(failure.title, want.title, text);
  if (want.expected) assert.match(failure.expected, want.expected, text);
  if (want.received) assert.match(failure.received, want.received, text);
  if (want.location !== undefined) assert.equal(failure.location, want.location, text);
  assert.match(failure.received, /^Received: /);
  assert.match(failure.expected, /^(Documented|Expected|Schema): /);
}
