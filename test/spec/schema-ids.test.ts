import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, test } from 'vitest';
import { validateResponse } from '../../src/checks/validate-response.ts';
import { TollgateError } from '../../src/errors/tollgate-error.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import type { LoadedSpec } from '../../src/spec/types.ts';
import { at } from './json-at.ts';

/**
 * A loopback server standing where the `$id`s point and serving a remote
 * schema part: it records every request, so a test can show that a `$id` is
 * never fetched and a remote `$ref` only with the flag.
 */
let server: Server;
let origin = '';
const requests: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/parts/money.yaml') {
      res.writeHead(200, { 'content-type': 'application/yaml' });
      res.end('Money:\n  type: object\n  required: [amount]\n  properties: { amount: { type: integer } }\n');
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));
beforeEach(() => {
  requests.length = 0;
});

function write(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-ids-'));
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

/** Album is named by `$id` (on the loopback origin) and Artist by `$anchor`; refs reach both every way 2020-12 allows. */
const idsSpec = () => `openapi: 3.1.0
info: { title: ids, version: '1' }
paths:
  /albums/{id}:
    get:
      operationId: getAlbum
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { $ref: '${origin}/schemas/album' } } }
  /artists/{id}:
    get:
      operationId: getArtist
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { $ref: '${origin}/schemas/album#artist' } } }
  /genres:
    get:
      operationId: listGenres
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { type: array, items: { $ref: '#genre' } } } }
components:
  schemas:
    Album:
      $id: ${origin}/schemas/album
      type: object
      required: [id, artist, label, price]
      properties:
        id: { type: integer }
        artist: { $ref: '${origin}/schemas/album#artist' }
        label: { $ref: 'label' }
        price: { $ref: '#/components/schemas/Price' }
      $defs:
        Artist:
          $anchor: artist
          type: object
          required: [name]
          properties: { name: { type: string } }
    Label:
      $id: ${origin}/schemas/label
      type: string
      minLength: 2
    Price: { type: number, minimum: 0 }
    Genre: { $anchor: genre, type: string, enum: [jazz, soul] }
`;

function response(spec: LoadedSpec, op: string, body: unknown) {
  const operation = spec.operations.find((o) => o.id === op)!;
  const text = JSON.stringify(body);
  return validateResponse(spec, operation, {
    request: {
      method: 'GET',
      url: `http://127.0.0.1${operation.path.replace(/\{\w+\}/g, '1')}`,
      headers: {},
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: text,
      json: body,
      elapsedMs: 1,
    },
  });
}

describe('OpenAPI 3.1 $id and $anchor refs resolve inside the document, with no network access', () => {
  test('refs to an $id, an anchor, an $id-relative name and a document pointer all become document pointers', async () => {
    const spec = await loadSpec(write('ids.yaml', idsSpec()), { allowRemoteRefs: true });
    const op = (id: string) => spec.operations.find((o) => o.id === id)!;
    assert.deepEqual(op('getAlbum').responses['200'].content['application/json']?.schema, {
      $ref: '#/components/schemas/Album',
    });
    assert.deepEqual(op('getArtist').responses['200'].content['application/json']?.schema, {
      $ref: '#/components/schemas/Album/$defs/Artist',
    });
    // a plain-name fragment at the document's own base: an anchor outside any $id
    assert.deepEqual(at(op('listGenres').responses['200'].content['application/json']?.schema, 'items'), {
      $ref: '#/components/schemas/Genre',
    });
    const album = at(spec.document, 'components', 'schemas', 'Album') as Record<string, unknown>;
    assert.deepEqual(at(album, 'properties', 'label'), { $ref: '#/components/schemas/Label' });
    assert.deepEqual(at(album, 'properties', 'artist'), { $ref: '#/components/schemas/Album/$defs/Artist' });
    // `#/components/...` inside an $id schema is not in that schema: it means the document
    assert.deepEqual(at(album, 'properties', 'price'), { $ref: '#/components/schemas/Price' });
    assert.equal(album.$id, undefined, 'bundled schemas drop $id: every ref is a pointer by now');
    assert.deepEqual(requests, [], 'an $id is a name, never fetched (even with allowRemoteRefs)');
  });

  test('responses are validated through those refs: a fault is found, a good body is not reported', async () => {
    const spec = await loadSpec(write('ids.yaml', idsSpec()));
    const good = { id: 1, artist: { name: 'Nina' }, label: 'Blue Note', price: 9.5 };
    assert.deepEqual(response(spec, 'getAlbum', good), []);
    const badLabel = response(spec, 'getAlbum', { ...good, label: 'B' });
    assert.deepEqual(
      badLabel.map((f) => [f.check, f.location]),
      [['response-schema', '/label']],
    );
    assert.equal(response(spec, 'getArtist', { name: 'Nina' }).length, 0);
    assert.deepEqual(
      response(spec, 'getArtist', { name: 7 }).map((f) => [f.check, f.location]),
      [['response-schema', '/name']],
    );
    assert.equal(response(spec, 'listGenres', ['jazz']).length, 0);
    assert.deepEqual(
      response(spec, 'listGenres', ['polka']).map((f) => [f.check, f.location]),
      [['response-schema', '/0']],
    );
    assert.deepEqual(requests, []);
  });

  test('an anchor that names nothing is TG_SPEC_REF naming the ref, not a fetch', async () => {
    const file = write('bad.yaml', idsSpec().replace("$ref: '#genre'", "$ref: '#genra'"));
    await assert.rejects(loadSpec(file, { allowRemoteRefs: true }), (e: unknown) => {
      assert.ok(e instanceof TollgateError);
      assert.equal(e.code, 'TG_SPEC_REF');
      assert.match(e.message, /cannot resolve \$ref "#genra"/);
      return true;
    });
    assert.deepEqual(requests, []);
  });

  test('in a 3.0 spec $id is no keyword: a ref to that URL is an ordinary remote ref', async () => {
    const file = write('v30.yaml', idsSpec().replace('openapi: 3.1.0', 'openapi: 3.0.3'));
    await assert.rejects(loadSpec(file), (e: unknown) => {
      assert.ok(e instanceof TollgateError);
      assert.equal(e.code, 'TG_SPEC_REMOTE_REF');
      return true;
    });
    assert.deepEqual(requests, []);
  });
});

describe('an external $ref over http(s) is fetched only when allowed', () => {
  const remoteSpec = () => `openapi: 3.1.0
info: { title: remote, version: '1' }
paths:
  /prices:
    get:
      operationId: getPrice
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { $ref: '${origin}/parts/money.yaml#/Money' } } }
`;

  test('without the flag: TG_SPEC_REMOTE_REF naming the ref, its line and the flag; the server got no request', async () => {
    const file = write('remote.yaml', remoteSpec());
    await assert.rejects(loadSpec(file), (e: unknown) => {
      assert.ok(e instanceof TollgateError);
      assert.equal(e.code, 'TG_SPEC_REMOTE_REF');
      assert.match(
        e.message,
        new RegExp(
          `remote\\.yaml#/paths/~1prices/get/responses/200/content/application~1json/schema \\(line 10\\): \\$ref "${origin}/parts/money\\.yaml#/Money" is on the network; .*--allow-remote-refs`,
        ),
      );
      return true;
    });
    assert.deepEqual(requests, []);
  });

  test('with allowRemoteRefs: fetched once and bundled as a component', async () => {
    const spec = await loadSpec(write('remote.yaml', remoteSpec()), { allowRemoteRefs: true });
    assert.deepEqual(requests, ['/parts/money.yaml']);
    assert.deepEqual(at(spec.document, 'components', 'schemas', 'Money', 'required'), ['amount']);
  });

  test('a spec read from a URL may use refs on its own origin, not on another one', async () => {
    const other = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/yaml' });
      res.end(req.url === '/spec.yaml' ? remoteSpec() : 'nothing: true\n');
    });
    await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}/spec.yaml`;
      await assert.rejects(loadSpec(url), /TG_SPEC_REMOTE_REF|is on the network/);
      assert.deepEqual(requests, [], 'the other origin was not asked');
    } finally {
      await new Promise<void>((done) => other.close(() => done()));
    }
  });
});
