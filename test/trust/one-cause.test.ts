import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { LoadedSpec } from '../../src/spec/types.ts';
import { groupsOf, json, runOn, specFrom, startTinyApi, type TinyApi, text } from './support/tiny-api.ts';

const token = 'trust-token-789';
const albumList = {
  type: 'object',
  required: ['items', 'total'],
  properties: { items: { type: 'array', items: { type: 'string' } }, total: { type: 'integer' } },
};
const album = {
  type: 'object',
  required: ['title'],
  properties: { title: { type: 'string', minLength: 1 } },
};
const denied = { description: 'no', content: { 'text/plain': { schema: { type: 'string' } } } };
const document = {
  openapi: '3.0.3',
  info: { title: 'causes', version: '1' },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  paths: {
    '/albums': {
      get: {
        operationId: 'listAlbums',
        responses: { '200': { description: 'list', content: { 'application/json': { schema: albumList } } } },
      },
      post: {
        operationId: 'createAlbum',
        security: [{ bearer: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: album } } },
        responses: {
          '201': { description: 'created', content: { 'application/json': { schema: album } } },
          '400': denied,
          '401': denied,
        },
      },
    },
  },
};

interface Behaviour {
  /** What GET /albums answers for `items`: [] (correct), null (a nil Go slice). */
  items?: unknown;
  /** `total` as a string too: a second, different cause. */
  totalAsString?: boolean;
  /** Routes registered as `/albums/`, so Gin redirects /albums (301 GET, 307 others). */
  slash?: boolean;
  /** POST forgets the token check. */
  authHole?: boolean;
}

function api(b: Behaviour) {
  const base = b.slash ? '/albums/' : '/albums';
  return startTinyApi((req, res) => {
    const path = req.url ?? '';
    // Gin redirects only where that method's tree has the other-slash route.
    if (b.slash && path === '/albums' && (req.method === 'GET' || req.method === 'POST'))
      return redirect(res, req.method === 'GET' ? 301 : 307, '/albums/');
    if (path !== base) return false;
    if (req.method === 'GET')
      return json(res, 200, { items: 'items' in b ? b.items : [], total: b.totalAsString ? '0' : 0 });
    if (req.method !== 'POST') return false;
    if (!b.authHole && req.headers.authorization !== `Bearer ${token}`) return text(res, 401, 'unauthorized');
    let title: unknown;
    try {
      title = (JSON.parse(req.body) as { title?: unknown }).title;
    } catch {
      return text(res, 400, 'bad json');
    }
    if (
      !String(req.headers['content-type']).startsWith('application/json') ||
      typeof title !== 'string' ||
      !title
    )
      return text(res, 400, 'invalid');
    return json(res, 201, { title });
  });
}

/** Gin's RedirectTrailingSlash answer. */
function redirect(res: ServerResponse, status: number, location: string): true {
  res.writeHead(status, { location, 'content-type': 'text/html; charset=utf-8' });
  res.end(status === 301 ? `<a href="${location}">Moved Permanently</a>.\n\n` : '');
  return true;
}

const target = {
  headers: { authorization: `Bearer ${token}` },
  secrets: [{ value: token, envName: 'TOLLGATE_TOKEN' }],
};

async function withApi<T>(b: Behaviour, fn: (server: TinyApi) => Promise<T>): Promise<T> {
  const server = await api(b);
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

describe('item 12: one finding per cause', () => {
  let spec: LoadedSpec;
  beforeAll(async () => {
    spec = await specFrom(document);
  });

  test('fault absent: [] and routes without a slash give no findings', async () => {
    const run = await withApi({}, (s) => runOn(spec, s, {}, target));
    assert.deepEqual(groupsOf(run), []);
  });

  test('fault present: a null where an array is required is one null-collection finding, not also response-schema', async () => {
    const run = await withApi({ items: null }, (s) => runOn(spec, s, {}, target));
    const groups = groupsOf(run);
    assert.equal(groups.length, 1, groups.join('\n'));
    assert.match(groups[0], /^null-collection \| GET \/albums \| null instead of an empty array/);
  });

  test('fault present: null plus a second schema error: response-schema reports only the second', async () => {
    const run = await withApi({ items: null, totalAsString: true }, (s) => runOn(spec, s, {}, target));
    const schema = run.findings.filter((f) => f.check === 'response-schema');
    assert.ok(schema.length > 0, groupsOf(run).join('\n'));
    for (const f of schema) {
      assert.equal(f.location, '/total');
      assert.doesNotMatch(f.received, /\/items/);
    }
    assert.ok(run.findings.some((f) => f.check === 'null-collection'));
  });

  test('response-schema still reports the null when null-collection is switched off', async () => {
    const run = await withApi({ items: null }, (s) =>
      runOn(spec, s, { excludeChecks: ['null-collection'] }, target),
    );
    assert.ok(
      run.findings.some((f) => f.check === 'response-schema' && f.location === '/items'),
      groupsOf(run).join('\n'),
    );
  });

  test('fault present: routes registered with a slash are one undocumented-redirect per operation, nothing else', async () => {
    const run = await withApi({ slash: true }, (s) => runOn(spec, s, {}, target));
    assert.deepEqual(groupsOf(run).sort(), [
      "undocumented-redirect | GET /albums | Undocumented redirect (Gin's RedirectTrailingSlash) x1",
      "undocumented-redirect | POST /albums | Undocumented redirect (Gin's RedirectTrailingSlash) x1",
    ]);
  });

  test('--follow-redirects: the redirect is still one finding, and the answers behind it are judged', async () => {
    const clean = await withApi({ slash: true }, (s) => runOn(spec, s, { followRedirects: true }, target));
    assert.deepEqual(
      groupsOf(clean)
        .map((g) => g.split(' | ').slice(0, 2).join(' | '))
        .sort(),
      ['undocumented-redirect | GET /albums', 'undocumented-redirect | POST /albums'],
    );
    assert.ok((clean.operations.find((o) => o.operationId === 'createAlbum')?.seen['201'] ?? 0) > 0);
    const hole = await withApi({ slash: true, authHole: true }, (s) =>
      runOn(spec, s, { followRedirects: true }, target),
    );
    const auth = hole.findings.find((f) => f.check === 'auth-enforced' && f.operation === 'POST /albums');
    assert.ok(auth, groupsOf(hole).join('\n'));
    assert.match(auth.curl, /^curl -L /);
    // Without following, the same hole hides behind the redirect: only the redirect is reported.
    const blind = await withApi({ slash: true, authHole: true }, (s) => runOn(spec, s, {}, target));
    assert.ok(!blind.findings.some((f) => f.check === 'auth-enforced'), groupsOf(blind).join('\n'));
  });

  test('the printed replay command carries --follow-redirects', async () => {
    const server = await api({ slash: true });
    try {
      const bin = resolve(import.meta.dirname, '../../bin/tollgate.js');
      const cwd = mkdtempSync(resolve(tmpdir(), 'tollgate-trust-cli-'));
      const args = ['contract', '--spec', spec.source, '--base-url', server.baseURL, '--max-cases', '2'];
      const run = (extra: string[]) =>
        new Promise<string>((done) =>
          execFile('node', [bin, ...args, ...extra], { cwd, timeout: 120_000 }, (_e, stdout) => done(stdout)),
        );
      const followed = await run(['--follow-redirects']);
      assert.match(
        followed,
        /replay: tollgate contract .*--replay [0-9a-f]{12}.* --follow-redirects/,
        followed,
      );
      const plain = await run([]);
      assert.match(plain, /replay: tollgate contract .*--replay [0-9a-f]{12}/, plain);
      assert.doesNotMatch(plain, /--follow-redirects/);
    } finally {
      await server.close();
    }
  });

  test('config contract.followRedirects does what the flag does; a non-boolean is one line, exit 2', async () => {
    const server = await api({ slash: true, authHole: true });
    try {
      const bin = resolve(import.meta.dirname, '../../bin/tollgate.js');
      const cwd = mkdtempSync(resolve(tmpdir(), 'tollgate-trust-config-'));
      const contract = (follow: unknown) => {
        const config = {
          specs: { causes: spec.source },
          contract: { maxCases: 2, ...(follow === undefined ? {} : { followRedirects: follow }) },
          environments: { local: { baseURL: server.baseURL, headers: { authorization: `Bearer ${token}` } } },
        };
        writeFileSync(resolve(cwd, 'tollgate.config.ts'), `export default ${JSON.stringify(config)};\n`);
        const runDir = resolve(cwd, `run-${String(follow)}`);
        return new Promise<{
          code: number;
          stderr: string;
          findings: { check: string; operation: string }[];
        }>((done) =>
          execFile(
            'node',
            [bin, 'contract', '--env', 'local', '--run-dir', runDir],
            { cwd, timeout: 120_000 },
            (error, _stdout, stderr) => {
              const code = error ? ((error as { code?: number }).code ?? 1) : 0;
              const file = resolve(runDir, 'contract.json');
              const findings = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).findings : [];
              done({ code, stderr, findings });
            },
          ),
        );
      };
      const authHole = (r: { findings: { check: string; operation: string }[] }) =>
        r.findings.some((f) => f.check === 'auth-enforced' && f.operation === 'POST /albums');
      const followed = await contract(true);
      assert.equal(followed.code, 1, followed.stderr);
      assert.ok(authHole(followed), JSON.stringify(followed.findings.map((f) => f.check)));
      const blind = await contract(undefined);
      assert.ok(!authHole(blind), 'without the key, the hole hides behind the redirect');
      assert.ok(blind.findings.some((f) => f.check === 'undocumented-redirect'));
      const bad = await contract('yes');
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /contract\.followRedirects must be true or false/);
      assert.doesNotMatch(bad.stderr, /\n\s+at /, 'no stack trace');
    } finally {
      await server.close();
    }
  });
});
