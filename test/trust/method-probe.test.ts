import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { GinRouter } from '../../src/spec/gin-router.ts';
import type { LoadedSpec } from '../../src/spec/types.ts';
import { groupsOf, json, runOn, specFrom, startTinyApi, type TinyApi } from './support/tiny-api.ts';

const file = {
  type: 'object',
  required: ['id', 'name'],
  properties: { id: { type: 'string' }, name: { type: 'string' } },
};
const fileJson = { 'application/json': { schema: file } };
const notFound = {
  description: 'missing',
  content: {
    'application/json': { schema: { type: 'object', properties: { error: { type: 'string' } } } },
  },
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

/** Gin's static-and-param siblings: `POST /files/chunk` beside `GET|DELETE /files/:id`. */
const document = {
  openapi: '3.0.3',
  info: { title: 'files', version: '1' },
  paths: {
    '/files': {
      post: {
        operationId: 'createFile',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name'],
                properties: { name: { type: 'string', minLength: 1 } },
              },
            },
          },
        },
        responses: { '201': { description: 'created', content: fileJson }, '400': notFound },
      },
    },
    '/files/chunk': {
      post: {
        operationId: 'uploadChunk',
        responses: { '200': { description: 'stored', content: fileJson } },
      },
    },
    '/files/{id}': {
      get: {
        operationId: 'getFile',
        parameters: [idParam],
        responses: { '200': { description: 'file', content: fileJson }, '404': notFound },
      },
      delete: {
        operationId: 'deleteFile',
        parameters: [idParam],
        responses: { '204': { description: 'deleted' } },
      },
    },
  },
};

/**
 * Routes the way Gin's per-method trees do: `DELETE /files/chunk` reaches
 * the :id handler. `extraPut` registers an undocumented `PUT /files/chunk`.
 */
function api(extraPut: boolean) {
  const files = new Map<string, string>();
  let next = 1;
  return startTinyApi((req, res) => {
    const path = req.url ?? '';
    const id = /^\/files\/([^/]+)$/.exec(path)?.[1];
    if (req.method === 'POST' && path === '/files') {
      // c.ShouldBind picks the JSON binding from the Content-Type.
      if (!String(req.headers['content-type']).startsWith('application/json'))
        return json(res, 400, { error: 'unsupported content type' });
      let name: unknown;
      try {
        name = (JSON.parse(req.body) as { name?: unknown }).name;
      } catch {
        return json(res, 400, { error: 'bad json' });
      }
      if (typeof name !== 'string' || name === '') return json(res, 400, { error: 'name required' });
      const fileId = `f${next++}`;
      files.set(fileId, name);
      return json(res, 201, { id: fileId, name });
    }
    if (req.method === 'POST' && path === '/files/chunk')
      return json(res, 200, { id: 'chunk', name: 'chunk' });
    if (extraPut && req.method === 'PUT' && path === '/files/chunk')
      return json(res, 200, { id: 'chunk', name: 'x' });
    if (id && req.method === 'GET') {
      const name = files.get(id);
      return name === undefined ? json(res, 404, { error: 'not found' }) : json(res, 200, { id, name });
    }
    if (id && req.method === 'DELETE') {
      // Idempotent, as many Gin handlers are: deleting what is not there is still a 204.
      files.delete(id);
      res.writeHead(204);
      res.end();
      return true;
    }
    return false;
  });
}

describe("item 7: the undeclared-method probe models Gin's router", () => {
  let spec: LoadedSpec;
  beforeAll(async () => {
    spec = await specFrom(document);
  });

  test('the router model: static before :param, per method, with trailing-slash redirects', () => {
    const router = new GinRouter(spec.operations);
    const cases: [string, string, string | undefined][] = [
      ['DELETE', '/files/chunk', 'deleteFile'],
      ['GET', '/files/chunk', 'getFile'],
      ['POST', '/files/chunk', 'uploadChunk'],
      ['PUT', '/files/chunk', undefined],
      ['PATCH', '/files/f1', undefined],
      ['POST', '/files/f1', undefined],
      ['GET', '/files', undefined],
    ];
    for (const [method, path, want] of cases) {
      const got = router.match(method, path);
      assert.equal(got && 'operation' in got ? got.operation?.id : undefined, want, `${method} ${path}`);
    }
    assert.deepEqual(router.match('POST', '/files/'), { redirect: 'trailing-slash' });
  });

  describe('fault absent: a Gin-like server where DELETE /files/chunk reaches DELETE /files/:id', () => {
    let server: TinyApi;
    beforeAll(async () => {
      server = await api(false);
    });
    afterAll(() => server.close());

    test('no undeclared-method finding, and DELETE/GET /files/chunk are never probed', async () => {
      const run = await runOn(spec, server);
      assert.deepEqual(groupsOf(run), []);
      assert.ok((run.perCheck['undeclared-method']?.cases ?? 0) > 0, 'the probe still ran elsewhere');
      const probed = server.received.filter(
        (r) => r.url === '/files/chunk' && (r.method === 'DELETE' || r.method === 'GET'),
      );
      assert.deepEqual(probed, []);
      assert.ok(server.received.some((r) => r.url === '/files/chunk' && r.method === 'PUT'));
    });
  });

  describe('fault present: an undocumented PUT /files/chunk route', () => {
    let server: TinyApi;
    beforeAll(async () => {
      server = await api(true);
    });
    afterAll(() => server.close());

    test('found by undeclared-method on PUT /files/chunk, and nothing else', async () => {
      const run = await runOn(spec, server);
      assert.deepEqual(groupsOf(run), [
        'undeclared-method | PUT /files/chunk | Undeclared method accepted x1',
      ]);
    });
  });
});
