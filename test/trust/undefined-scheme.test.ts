import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { LoadedSpec } from '../../src/spec/types.ts';
import { groupsOf, json, runOn, specFrom, startTinyApi, type TinyApi, text } from './support/tiny-api.ts';

const token = 'trust-token-123';
const me = {
  description: 'me',
  content: {
    'application/json': {
      schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
    },
  },
};
const denied = { description: 'no', content: { 'text/plain': { schema: { type: 'string' } } } };

/** `@Security ApiKeyAuht` (typo) on /me; /profile names the defined scheme. */
const document = {
  openapi: '3.0.3',
  info: { title: 'typo', version: '1' },
  components: { securitySchemes: { ApiKeyAuth: { type: 'apiKey', in: 'header', name: 'X-Token' } } },
  paths: {
    '/me': {
      get: { operationId: 'me', security: [{ ApiKeyAuht: [] }], responses: { '200': me, '401': denied } },
    },
    '/profile': {
      get: {
        operationId: 'profile',
        security: [{ ApiKeyAuth: [] }],
        responses: { '200': me, '401': denied },
      },
    },
  },
};

/** Both routes check X-Token, like the real middleware; `holeOnProfile` forgets it on /profile. */
function api(holeOnProfile: boolean) {
  return startTinyApi((req, res) => {
    if (req.method !== 'GET' || (req.url !== '/me' && req.url !== '/profile')) return false;
    if (req.headers['x-token'] !== token && !(holeOnProfile && req.url === '/profile'))
      return text(res, 401, 'unauthorized');
    return json(res, 200, { name: 'ada' });
  });
}

describe('item 6: a security scheme referenced but not defined', () => {
  let spec: LoadedSpec;
  beforeAll(async () => {
    spec = await specFrom(document);
  });
  const headers = { 'x-token': token };
  const secrets = [{ value: token, envName: 'TOLLGATE_X_TOKEN' }];

  describe('fault absent: the server enforces its real header everywhere', () => {
    let server: TinyApi;
    beforeAll(async () => {
      server = await api(false);
    });
    afterAll(() => server.close());

    test('no auth finding on GET /me (no guessed header), one spec warning naming the scheme', async () => {
      const run = await runOn(spec, server, {}, { headers, secrets });
      assert.deepEqual(groupsOf(run), []);
      const warnings = (run.specWarnings ?? []).filter((w) => w.code === 'undefined-security-scheme');
      assert.equal(warnings.length, 1);
      assert.match(warnings[0].message, /"ApiKeyAuht"/);
      assert.deepEqual(warnings[0].operations, ['GET /me']);
      // The defined scheme's auth cases still ran, and were answered 401.
      assert.ok((run.perCheck['auth-enforced']?.cases ?? 0) >= 2, JSON.stringify(run.perCheck));
      const probes = server.received.filter((r) => r.url === '/me' && r.headers['x-token'] !== token);
      assert.deepEqual(probes, [], 'no auth case was sent to the operation with the undefined scheme');
    });
  });

  describe('fault present: /profile (defined scheme) does not check the token', () => {
    let server: TinyApi;
    beforeAll(async () => {
      server = await api(true);
    });
    afterAll(() => server.close());

    test('auth-enforced is reported on GET /profile only', async () => {
      const run = await runOn(spec, server, {}, { headers, secrets });
      const groups = groupsOf(run);
      assert.ok(
        groups.some((g) => g.startsWith('auth-enforced | GET /profile | Authentication not enforced')),
        groups.join('\n'),
      );
      assert.ok(!groups.some((g) => g.includes('GET /me')), groups.join('\n'));
    });
  });
});
