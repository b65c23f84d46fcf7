import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { LoadedSpec } from '../../src/spec/types.ts';
import { groupsOf, json, runOn, specFrom, startTinyApi, type TinyApi, text } from './support/tiny-api.ts';

const token = 'trust-token-456';
/**
 * swag style: `@Param Authorization header string true "Bearer token"`,
 * `@Param X-Tenant header string true "tenant"` and `@Security BearerAuth`
 * (an apiKey in the Authorization header), all on one operation.
 */
const document = {
  openapi: '3.0.3',
  info: { title: 'headers', version: '1' },
  components: { securitySchemes: { BearerAuth: { type: 'apiKey', in: 'header', name: 'Authorization' } } },
  paths: {
    '/orders': {
      get: {
        operationId: 'listOrders',
        security: [{ BearerAuth: [] }],
        parameters: [
          { name: 'Authorization', in: 'header', required: true, schema: { type: 'string' } },
          { name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'orders',
            content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } },
          },
          '400': { description: 'bad', content: { 'text/plain': { schema: { type: 'string' } } } },
          '401': { description: 'no', content: { 'text/plain': { schema: { type: 'string' } } } },
        },
      },
    },
  },
};

/** Rejects a wrong token (401) and a missing tenant (400); `lax` does neither. */
function api(lax: boolean) {
  return startTinyApi((req, res) => {
    if (req.method !== 'GET' || req.url !== '/orders') return false;
    if (!lax && req.headers.authorization !== `Bearer ${token}`) return text(res, 401, 'unauthorized');
    if (!lax && !req.headers['x-tenant']) return text(res, 400, 'tenant required');
    return json(res, 200, ['o-1']);
  });
}

const target = {
  headers: { authorization: `Bearer ${token}`, 'x-tenant': 'acme' },
  secrets: [{ value: token, envName: 'TOLLGATE_TOKEN' }],
};

describe('item 2: user headers that are also header parameters or credentials', () => {
  let spec: LoadedSpec;
  beforeAll(async () => {
    spec = await specFrom(document);
  });

  describe('fault absent: the server rejects what it should', () => {
    let server: TinyApi;
    beforeAll(async () => {
      server = await api(false);
    });
    afterAll(() => server.close());

    test('no findings: valid cases carry the user token, negative cases really leave the header out', async () => {
      const run = await runOn(spec, server, {}, target);
      assert.deepEqual(groupsOf(run), []);
      assert.ok((run.perCheck['missing-required-header']?.cases ?? 0) >= 2, JSON.stringify(run.perCheck));
      assert.ok((run.operations[0].seen['200'] ?? 0) > 0, JSON.stringify(run.operations[0].seen));
    });
  });

  describe('fault present: the server accepts a missing tenant and no credentials', () => {
    let server: TinyApi;
    beforeAll(async () => {
      server = await api(true);
    });
    afterAll(() => server.close());

    test('missing-required-header and auth-enforced are found, and each curl shows what was sent', async () => {
      const run = await runOn(spec, server, {}, target);
      const groups = groupsOf(run);
      const missingTenant = run.findings.find(
        (f) => f.check === 'missing-required-header' && /X-Tenant missing/.test(f.expected),
      );
      assert.ok(missingTenant, groups.join('\n'));
      assert.equal(missingTenant.request.headers['x-tenant'], undefined);
      assert.doesNotMatch(missingTenant.curl, /x-tenant/i);
      const noCredentials = run.findings.find(
        (f) => f.check === 'auth-enforced' && /no credentials/.test(f.expected),
      );
      assert.ok(noCredentials, groups.join('\n'));
      assert.equal(noCredentials.request.headers.authorization, undefined);
      assert.doesNotMatch(noCredentials.curl, /authorization/i);
      // The server saw exactly that: a request with neither tenant nor token, and one without only the tenant.
      assert.ok(server.received.some((r) => r.headers.authorization === undefined));
      assert.ok(
        server.received.some(
          (r) => r.headers['x-tenant'] === undefined && r.headers.authorization !== undefined,
        ),
      );
    });
  });
});
