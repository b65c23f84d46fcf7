import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { LoadedSpec } from '../../src/spec/types.ts';
import { groupsOf, json, runOn, specFrom, startTinyApi, type TinyApi } from './support/tiny-api.ts';

/** swag's `@Success 204 {object} main.Pong`: a schema on a status that never has a body. */
const document = {
  openapi: '3.0.3',
  info: { title: 'bodiless', version: '1' },
  paths: {
    '/ping': {
      get: {
        operationId: 'ping',
        responses: {
          '204': {
            description: 'pong',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Pong' } } },
          },
        },
      },
    },
    '/status': {
      get: {
        operationId: 'status',
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: { Pong: { type: 'object', required: ['pong'], properties: { pong: { type: 'string' } } } },
  },
};

/** Gin's `c.Status(204)` for /ping; /status answers JSON, or (the real fault) an empty 200 claiming JSON. */
function api(emptyStatus: boolean) {
  return startTinyApi((req, res) => {
    if (req.method === 'GET' && req.url === '/ping') {
      res.writeHead(204);
      res.end();
      return true;
    }
    if (req.method === 'GET' && req.url === '/status') {
      if (!emptyStatus) return json(res, 200, { ok: true });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end();
      return true;
    }
    return false;
  });
}

describe('item 1: an empty 204 documented with a schema', () => {
  let spec: LoadedSpec;
  beforeAll(async () => {
    spec = await specFrom(document);
  });

  describe('fault absent: the server answers the empty 204 Gin sends', () => {
    let server: TinyApi;
    beforeAll(async () => {
      server = await api(false);
    });
    afterAll(() => server.close());

    test('no finding on GET /ping, and the smell is one spec warning', async () => {
      const run = await runOn(spec, server);
      assert.deepEqual(groupsOf(run), []);
      assert.ok((run.operations.find((o) => o.operationId === 'ping')?.seen['204'] ?? 0) > 0);
      const warnings = (run.specWarnings ?? []).filter((w) => w.code === 'body-on-bodiless-status');
      assert.equal(warnings.length, 1, JSON.stringify(run.specWarnings));
      assert.deepEqual(warnings[0].operations, ['GET /ping']);
      assert.equal(warnings[0].pointer, '#/paths/~1ping/get/responses/204');
    });
  });

  describe('fault present: an empty body where a JSON body is documented (200)', () => {
    let server: TinyApi;
    beforeAll(async () => {
      server = await api(true);
    });
    afterAll(() => server.close());

    test('GET /status is still reported by response-schema; GET /ping still is not', async () => {
      const run = await runOn(spec, server);
      const groups = groupsOf(run);
      assert.ok(
        groups.some((g) => g.startsWith('response-schema | GET /status | Response is not valid JSON')),
        groups.join('\n'),
      );
      assert.ok(!groups.some((g) => g.includes('GET /ping')), groups.join('\n'));
    });
  });
});
