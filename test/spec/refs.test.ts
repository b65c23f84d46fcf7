import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { TollgateError } from '../../src/errors/tollgate-error.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { resolveSchema } from '../../src/spec/resolve-ref.ts';
import type { LoadedSpec } from '../../src/spec/types.ts';
import { at } from './json-at.ts';

const fixtures = resolve(import.meta.dirname, '../fixtures/specs');

/** Every `$ref` string in a value. */
function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') out.push(child);
      else refsIn(child, out);
    }
  }
  return out;
}

describe('external $refs are bundled', () => {
  let spec: LoadedSpec;
  const schema = (name: string, ...keys: string[]) =>
    at(spec.document, 'components', 'schemas', name, ...keys);
  beforeAll(async () => {
    spec = await loadSpec(resolve(fixtures, 'external/root.yaml'));
  });

  test('the document holds only internal refs, all resolvable', () => {
    const refs = refsIn(spec.document);
    assert.ok(refs.length > 5);
    for (const ref of refs) {
      assert.ok(ref.startsWith('#/components/schemas/'), `external ref left: ${ref}`);
      assert.ok(schema(ref.slice('#/components/schemas/'.length)), `dangling ${ref}`);
    }
  });

  test('a whole-file ref standing in a component slot fills that slot, and other refs to the file use it', () => {
    assert.equal(schema('Album', 'type'), 'object');
    const list = spec.operations.find((o) => o.id === 'listAlbums');
    assert.deepEqual(at(list?.responses['200'].content['application/json']?.schema, 'items'), {
      $ref: '#/components/schemas/Album',
    });
  });

  test('nested external refs (album.yaml -> track.yaml, ../common.yaml) become named components', () => {
    assert.deepEqual(schema('Album', 'properties', 'price'), { $ref: '#/components/schemas/Money' });
    assert.deepEqual(schema('Album', 'properties', 'tracks', 'items'), {
      $ref: '#/components/schemas/track',
    });
    assert.deepEqual(schema('Money', 'required'), ['amount', 'currency']);
    assert.equal(schema('track', 'properties', 'name', 'type'), 'string');
  });

  test('external parameters, responses and path items are copied in place', () => {
    const get = spec.operations.find((o) => o.id === 'getAlbum');
    assert.deepEqual(
      get?.parameters.map((p) => [p.name, p.in]),
      [['id', 'path']],
    );
    assert.deepEqual(get?.parameters[0].schema, { $ref: '#/components/schemas/Id' });
    assert.equal(get?.responses['404'].description, 'Not found');
    // common.yaml's ref back into root.yaml lands on the root's own component
    assert.deepEqual(get?.responses['404'].content['application/json']?.schema, {
      $ref: '#/components/schemas/Error',
    });
    assert.ok(spec.operations.some((o) => o.key === 'GET /albums'));
  });

  test('bundling is deterministic', async () => {
    const again = await loadSpec(resolve(fixtures, 'external/root.yaml'));
    assert.equal(JSON.stringify(again.document), JSON.stringify(spec.document));
  });
});

describe('circular $refs stay finite', () => {
  test('a schema that refers to itself', async () => {
    const spec = await loadSpec(resolve(fixtures, 'circular/self.yaml'));
    const node = resolveSchema(spec, { $ref: '#/components/schemas/Node' });
    assert.deepEqual(at(node, 'properties', 'children', 'items'), { $ref: '#/components/schemas/Node' });
    assert.doesNotThrow(() => JSON.stringify(spec.document));
  });

  test('a cycle across files (person.yaml <-> pet.yaml)', async () => {
    const spec = await loadSpec(resolve(fixtures, 'circular/root.yaml'));
    const schemas = at(spec.document, 'components', 'schemas');
    assert.deepEqual(Object.keys(schemas as object).sort(), ['Person', 'Pet']);
    assert.deepEqual(at(schemas, 'Person', 'properties', 'pets', 'items'), {
      $ref: '#/components/schemas/Pet',
    });
    assert.deepEqual(at(schemas, 'Pet', 'properties', 'owner'), { $ref: '#/components/schemas/Person' });
    assert.doesNotThrow(() => JSON.stringify(spec.document));
  });
});

describe('specs over http(s)', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      try {
        const path = resolve(
          fixtures,
          `.${decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)}`,
        );
        if (!path.startsWith(fixtures)) throw new Error('outside');
        const text = await readFile(path, 'utf8');
        res.writeHead(200, { 'content-type': 'application/yaml' }).end(text);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  test('a URL root with relative external refs bundles like the file', async () => {
    const fromUrl = await loadSpec(`${base}/external/root.yaml`);
    const fromFile = await loadSpec(resolve(fixtures, 'external/root.yaml'));
    assert.equal(fromUrl.source, `${base}/external/root.yaml`);
    assert.deepEqual(fromUrl.document, fromFile.document);
  });

  test('a 404 URL is TG_SPEC_NOT_FOUND naming the URL and status', async () => {
    await assert.rejects(loadSpec(`${base}/nope.yaml`), (e: unknown) => {
      assert.ok(e instanceof TollgateError);
      assert.equal(e.code, 'TG_SPEC_NOT_FOUND');
      assert.match(e.message, new RegExp(`${base}/nope\\.yaml: HTTP 404`));
      return true;
    });
  });
});
