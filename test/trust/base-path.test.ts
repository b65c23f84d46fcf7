import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { json, specFrom, startTinyApi, type TinyApi } from './support/tiny-api.ts';

/**
 * Item 8: the spec's `servers[0].url` path is prepended to every request.
 * When the API serves its routes elsewhere every answer is a 404: one line
 * names the prefix and `--base-path`, which overrides it.
 */
const bin = resolve(import.meta.dirname, '../../bin/tollgate.js');
function cli(args: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'tollgate-base-path-'));
  return new Promise<{ code: number; stdout: string; stderr: string; cwd: string }>((done) => {
    execFile('node', [bin, ...args], { cwd, timeout: 120_000 }, (error, stdout, stderr) =>
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr, cwd }),
    );
  });
}

const document = (serverUrl: string) => ({
  openapi: '3.0.3',
  info: { title: 'base path', version: '1' },
  servers: [{ url: serverUrl }],
  paths: Object.fromEntries(
    ['a', 'b', 'c'].map((name) => [
      `/${name}`,
      {
        get: {
          operationId: `get-${name}`,
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': { schema: { type: 'object', properties: { ok: { type: 'boolean' } } } },
              },
            },
          },
        },
      },
    ]),
  ),
});

/** Serves /a, /b and /c at `prefix` and answers 404 everywhere else, as Gin does. */
function api(prefix: string) {
  return startTinyApi((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && ['a', 'b', 'c'].some((n) => path === `${prefix}/${n}`))
      return json(res, 200, { ok: true });
    return false;
  });
}

const notice = /% of \d+ responses were 404: every request went under the base path "\/api".*--base-path/;

describe('item 8: base path', () => {
  let atRoot: TinyApi;
  let atApi: TinyApi;
  beforeAll(async () => {
    atRoot = await api('');
    atApi = await api('/api');
  });
  afterAll(async () => {
    await atRoot.close();
    await atApi.close();
  });

  test('fault present: the spec says /api, the API serves at /: one line names the prefix and --base-path', async () => {
    const spec = await specFrom(document('http://example.test/api'));
    const r = await cli([
      'contract',
      '--spec',
      spec.source,
      '--base-url',
      atRoot.baseURL,
      '--max-cases',
      '3',
    ]);
    assert.match(r.stdout, notice, r.stdout);
    const contract = JSON.parse(readFileSync(join(r.cwd, 'reports', 'latest', 'contract.json'), 'utf8'));
    assert.ok(
      (contract.notices as string[]).some((n) => notice.test(n)),
      JSON.stringify(contract.notices),
    );
  });

  test('--base-path / overrides the spec: requests reach the routes, no notice', async () => {
    const spec = await specFrom(document('http://example.test/api'));
    const before = atRoot.received.length;
    const r = await cli([
      'contract',
      ...['--spec', spec.source, '--base-url', atRoot.baseURL, '--base-path', '/', '--max-cases', '3'],
    ]);
    assert.doesNotMatch(r.stdout, /responses were 404/, r.stdout);
    const sent = atRoot.received.slice(before);
    assert.ok(sent.length > 0);
    assert.ok(!sent.some((q) => q.url.startsWith('/api')), sent.map((q) => q.url).join(' '));
    assert.ok(
      sent.some((q) => q.url === '/a'),
      sent.map((q) => q.url).join(' '),
    );
  });

  test('fault absent: the spec and the API agree on /api, no notice', async () => {
    const spec = await specFrom(document('http://example.test/api'));
    const r = await cli(['contract', '--spec', spec.source, '--base-url', atApi.baseURL, '--max-cases', '3']);
    assert.doesNotMatch(r.stdout, /responses were 404/, r.stdout);
    assert.equal(r.code, 0, r.stdout + r.stderr);
  });

  test('a base path without a leading slash is one line, exit 2', async () => {
    const spec = await specFrom(document('http://example.test/api'));
    const r = await cli([
      'contract',
      '--spec',
      spec.source,
      '--base-url',
      atRoot.baseURL,
      '--base-path',
      'api',
    ]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /--base-path must start with "\/"/);
  });
});
