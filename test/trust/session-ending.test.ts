import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { sessionEndingReason } from '../../src/contract/operation-fence.ts';
import { TollgateError } from '../../src/errors/tollgate-error.ts';
import { contractOutcome } from '../../src/run/stages/contract-stage.ts';
import type { LoadedSpec, Operation } from '../../src/spec/types.ts';
import { groupsOf, json, runOn, specFrom, startTinyApi, type TinyApi } from './support/tiny-api.ts';

/**
 * Issue 8 item 3: a logout run as a fixture or case revokes the run's token
 * and every later secured request answers 401. Our server behaves like the
 * admin scaffolds: `POST /auth/logout` revokes the bearer token it carries.
 */
const item = {
  type: 'object',
  required: ['id', 'name'],
  properties: { id: { type: 'integer' }, name: { type: 'string' } },
};
const unauthorized = { '401': { description: 'no or revoked token' } };
const security = [{ bearer: [] }];
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }];
const document = {
  openapi: '3.0.3',
  info: { title: 'session', version: '1' },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  security,
  paths: {
    '/auth/logout': {
      post: {
        operationId: 'postAuthLogout',
        summary: 'Log out',
        tags: ['auth'],
        responses: { '200': { description: 'logged out' }, ...unauthorized },
      },
    },
    '/items': {
      get: {
        operationId: 'listItems',
        tags: ['items'],
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { type: 'array', items: item } } },
          },
          ...unauthorized,
        },
      },
      post: {
        operationId: 'createItem',
        tags: ['items'],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name'],
                additionalProperties: false,
                properties: { name: { type: 'string', minLength: 1, maxLength: 20 } },
              },
            },
          },
        },
        responses: {
          '201': { description: 'created', content: { 'application/json': { schema: item } } },
          '400': { description: 'invalid' },
          '415': { description: 'not JSON' },
          ...unauthorized,
        },
      },
    },
    '/items/{id}': {
      get: {
        operationId: 'getItem',
        tags: ['items'],
        parameters: idParam,
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: item } } },
          '400': { description: 'invalid id' },
          '404': { description: 'none' },
          ...unauthorized,
        },
      },
      delete: {
        operationId: 'deleteItem',
        tags: ['items'],
        parameters: idParam,
        responses: {
          '204': { description: 'deleted' },
          '400': { description: 'invalid id' },
          '404': { description: 'none' },
          ...unauthorized,
        },
      },
    },
  },
};

const token = 'secret-token';

/** `revokeAfter`: the token expires after that many requests (no logout); `forbidGet`: GET /items/{id} always 403s a valid token. */
function api(fault: { revokeAfter?: number; forbidGet?: boolean } = {}) {
  let revoked = false;
  let seen = 0;
  const items = new Map<number, { id: number; name: string }>();
  let next = 1;
  return startTinyApi((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const known =
      url.pathname === '/auth/logout' || url.pathname === '/items' || /^\/items\/[^/]+$/.test(url.pathname);
    if (!known) return false;
    seen++;
    if (
      req.method === 'POST' &&
      url.pathname === '/items' &&
      !/^application\/json/.test(req.headers['content-type'] ?? '')
    )
      return json(res, 415, { error: 'json only' });
    if (fault.revokeAfter !== undefined && seen > fault.revokeAfter) revoked = true;
    if (fault.forbidGet && req.method === 'GET' && /^\/items\/\d+$/.test(url.pathname))
      return json(res, 403, { error: 'forbidden' });
    if (revoked || req.headers.authorization !== `Bearer ${token}`)
      return json(res, 401, { error: 'unauthorized' });
    if (url.pathname === '/auth/logout') {
      if (req.method !== 'POST') return false;
      revoked = true;
      return json(res, 200, { ok: true });
    }
    if (url.pathname === '/items') {
      if (req.method === 'GET') return json(res, 200, [...items.values()]);
      if (req.method !== 'POST') return false;
      let body: unknown;
      try {
        body = JSON.parse(req.body);
      } catch {
        return json(res, 400, { error: 'bad json' });
      }
      const b = body as Record<string, unknown>;
      const keys = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(b) : ['x'];
      if (
        typeof b?.name !== 'string' ||
        b.name.length < 1 ||
        b.name.length > 20 ||
        keys.some((k) => k !== 'name')
      )
        return json(res, 400, { error: 'invalid' });
      const created = { id: next++, name: b.name };
      items.set(created.id, created);
      return json(res, 201, created);
    }
    const raw = url.pathname.slice('/items/'.length);
    if (!/^\d+$/.test(raw) || Number(raw) < 1) return json(res, 400, { error: 'invalid id' });
    const found = items.get(Number(raw));
    if (req.method === 'GET') return found ? json(res, 200, found) : json(res, 404, { error: 'none' });
    if (req.method !== 'DELETE') return false;
    if (!found) return json(res, 404, { error: 'none' });
    items.delete(found.id);
    res.writeHead(204);
    res.end();
    return true;
  });
}

const target = {
  headers: { authorization: `Bearer ${token}` },
  secrets: [{ value: token, envName: 'TOLLGATE_TOKEN' }],
};
const sent = (server: TinyApi, method: string, path: RegExp) =>
  server.received.filter((r) => r.method === method && path.test(r.url.split('?')[0]));

describe('session-ending operations (issue 8 item 3)', () => {
  let spec: LoadedSpec;
  beforeAll(async () => {
    spec = await specFrom(document);
  });

  test('the heuristic: logout, sign-out, revoke, password change, delete own account; not ordinary operations', () => {
    const op = (method: string, path: string, id: string, summary?: string) =>
      ({
        method,
        path,
        id,
        summary,
        key: `${method.toUpperCase()} ${path}`,
        tags: [],
      }) as unknown as Operation;
    assert.equal(sessionEndingReason(op('post', '/base/logout', 'post_base_logout', 'Log out')), 'logout');
    assert.equal(sessionEndingReason(op('post', '/v1/session', 'endSession', 'Log out')), 'logout');
    assert.equal(sessionEndingReason(op('post', '/auth/sign-out', 'x')), 'sign-out');
    assert.equal(sessionEndingReason(op('post', '/tokens/revoke', 'revokeToken')), 'revoke');
    assert.equal(sessionEndingReason(op('put', '/user/password', 'changePassword')), 'password change');
    assert.equal(sessionEndingReason(op('delete', '/users/me', 'deleteMe')), 'deletes the own account');
    assert.equal(sessionEndingReason(op('post', '/base/login', 'post_base_login', 'Log in')), undefined);
    assert.equal(
      sessionEndingReason(op('post', '/users', 'createUser', 'Create a user with a password')),
      undefined,
    );
    assert.equal(sessionEndingReason(op('delete', '/users/{id}', 'deleteUser', 'Delete a user')), undefined);
    assert.equal(sessionEndingReason(op('get', '/catalog', 'listCatalog', 'Log of outgoing')), undefined);
  });

  describe('fault absent: the default run skips the logout', () => {
    let server: TinyApi;
    let run: Awaited<ReturnType<typeof runOn>>;
    beforeAll(async () => {
      server = await api();
      run = await runOn(spec, server, {}, target);
    });
    afterAll(() => server.close());

    test('logout is never sent, in any phase; one notice names it and the flag', () => {
      assert.deepEqual(sent(server, 'POST', /^\/auth\/logout$/), []);
      const notices = (run.notices ?? []).filter((n) => n.includes('POST /auth/logout'));
      assert.equal(notices.length, 1, JSON.stringify(run.notices));
      assert.match(notices[0], /--include-session-ending/);
    });

    test('zero "rejected valid credentials", secured operations were really tested', () => {
      assert.deepEqual(
        groupsOf(run).filter((g) => g.includes('credentials')),
        [],
      );
      assert.ok(sent(server, 'POST', /^\/items$/).length > 0);
      assert.ok(sent(server, 'GET', /^\/items\/\d+$/).length > 0);
      assert.equal(
        run.operations.find((o) => o.operation === 'POST /auth/logout'),
        undefined,
      );
    });
  });

  describe('included explicitly: the logout runs last', () => {
    let server: TinyApi;
    beforeAll(async () => {
      server = await api();
    });
    afterAll(() => server.close());

    test('no case on another operation is sent after the first logout', async () => {
      const run = await runOn(spec, server, { includeSessionEnding: true }, target);
      const first = server.received.findIndex((r) => r.method === 'POST' && r.url.startsWith('/auth/logout'));
      assert.ok(first > 0, 'logout was sent');
      assert.ok(sent(server, 'GET', /^\/items$/).length > 0);
      // What follows the logout is only more logout cases and cleanup's DELETEs.
      const later = server.received.slice(first).filter((r) => !r.url.startsWith('/auth/logout'));
      assert.ok(
        later.every((r) => r.method === 'DELETE'),
        JSON.stringify(later.map((r) => `${r.method} ${r.url}`)),
      );
      assert.deepEqual(
        groupsOf(run).filter((g) => g.includes('credentials') && !g.includes('/auth/logout')),
        [],
      );
    });
  });

  describe('--exclude-operations, --exclude-paths, --exclude-tags: every phase, fixtures included', () => {
    let server: TinyApi;
    beforeAll(async () => {
      server = await api();
    });
    afterAll(() => server.close());

    test('an excluded create is not sent as a fixture either', async () => {
      server.received.length = 0;
      await runOn(spec, server, { excludeOperations: ['createItem'] }, target);
      assert.deepEqual(sent(server, 'POST', /^\/items$/), []);
      assert.ok(sent(server, 'GET', /^\/items$/).length > 0);
    });

    test('an excluded path (and what is below it) is never sent', async () => {
      server.received.length = 0;
      await runOn(spec, server, { excludePaths: ['/auth'], includeSessionEnding: true }, target);
      assert.deepEqual(sent(server, 'POST', /^\/auth/), []);
      assert.ok(sent(server, 'POST', /^\/items$/).length > 0);
    });

    test('an excluded tag is never sent, in fixtures or cases', async () => {
      server.received.length = 0;
      const run = await runOn(spec, server, { excludeTags: ['items'], includeSessionEnding: true }, target);
      assert.deepEqual(
        server.received.filter((r) => r.url.startsWith('/items')),
        [],
      );
      assert.ok(sent(server, 'POST', /^\/auth\/logout$/).length > 0);
      assert.ok(run.cases > 0);
    });

    test('a name that matches nothing stops the run with the closest names, before any request', async () => {
      server.received.length = 0;
      const cases: [Record<string, string[]>, RegExp][] = [
        [
          { excludeOperations: ['deleteItm'] },
          /--exclude-operations: no operation "deleteItm".*closest: deleteItem/,
        ],
        [
          { excludePaths: ['/itemz'] },
          /--exclude-paths: no operation path is or is below "\/itemz".*closest: \/items/,
        ],
        [{ excludeTags: ['itemz'] }, /--exclude-tags: no operation has tag "itemz".*closest: items/],
      ];
      for (const [options, message] of cases) {
        await assert.rejects(runOn(spec, server, options, target), (error: unknown) => {
          assert.ok(error instanceof TollgateError);
          assert.equal(error.code, 'TG_NOTHING_TO_TEST');
          assert.match(error.message, message);
          return true;
        });
      }
      assert.deepEqual(server.received, []);
    });
  });

  describe('credentials stopped working (fault present: the logout revokes the token mid-run)', () => {
    let server: TinyApi;
    beforeAll(async () => {
      server = await api();
    });
    afterAll(() => server.close());

    test('included logout: detected, named with the logout, not judged, the run marked and not a pass', async () => {
      const run = await runOn(spec, server, { includeSessionEnding: true }, target);
      assert.equal(run.credentialsLost?.after, 'POST /auth/logout', JSON.stringify(run.credentialsLost));
      const lines = (run.notices ?? []).filter((n) => n.startsWith('credentials stopped working'));
      assert.equal(lines.length, 1, JSON.stringify(run.notices));
      assert.match(lines[0], /after POST \/auth\/logout/);
      assert.deepEqual(
        groupsOf(run).filter((g) => g.includes('valid credentials')),
        [],
      );
      assert.equal(contractOutcome(run).verdict, 'fail');
      assert.match(contractOutcome(run).summary, /CREDENTIALS LOST after POST \/auth\/logout/);
    });
  });

  describe('credentials stopped working without a logout (a token that expires mid-run)', () => {
    let server: TinyApi;
    beforeAll(async () => {
      server = await api({ revokeAfter: 40 });
    });
    afterAll(() => server.close());

    test('detected and named with the operation answered just before; no "valid credentials rejected"', async () => {
      const run = await runOn(spec, server, {}, target);
      assert.ok(run.credentialsLost, 'credentials loss detected');
      assert.match(run.credentialsLost.after, /^(GET|POST|DELETE) \/items/);
      assert.deepEqual(
        groupsOf(run).filter((g) => g.includes('valid credentials')),
        [],
      );
      assert.equal(contractOutcome(run).verdict, 'fail');
    });
  });

  describe('fault absent: credentials keep working', () => {
    test('no credentialsLost on the default run, and a real 403 on one operation is still reported', async () => {
      const server = await api({ forbidGet: true });
      try {
        const run = await runOn(spec, server, {}, target);
        assert.equal(run.credentialsLost, undefined);
        assert.ok(
          groupsOf(run).some((g) =>
            g.startsWith('positive-data-accepted | GET /items/{id} | API rejected valid credentials'),
          ),
          groupsOf(run).join('\n'),
        );
      } finally {
        await server.close();
      }
    });

    test('the clean default run is not marked', async () => {
      const server = await api();
      try {
        const run = await runOn(spec, server, {}, target);
        assert.equal(run.credentialsLost, undefined);
        assert.equal(contractOutcome(run).verdict, 'pass', groupsOf(run).join('\n'));
      } finally {
        await server.close();
      }
    });
  });
});
