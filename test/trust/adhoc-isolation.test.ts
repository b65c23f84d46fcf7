import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'vitest';
import { replayCommandOf } from '../../src/cli/replay-command.ts';
import { startRulesApi } from './rules-server.ts';

/**
 * Ad hoc mode (`--spec` + `--base-url`) sends what the command line says: no
 * tollgate.config.ts from the folder, no TOLLGATE_TOKEN from the
 * environment, unless --config asks. Its printed replay line works as printed.
 */
const bin = resolve(import.meta.dirname, '../../bin/tollgate.js');
function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(
      'node',
      [bin, ...args],
      { cwd, timeout: 120_000, env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) =>
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
function sh(command: string, cwd: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    const binDir = mkdtempSync(join(tmpdir(), 'tollgate-bin-'));
    writeFileSync(join(binDir, 'tollgate'), `#!/bin/sh\nexec node ${bin} "$@"\n`, { mode: 0o755 });
    execFile(
      'sh',
      ['-c', command],
      {
        cwd,
        timeout: 120_000,
        env: { PATH: `${binDir}:${process.env.PATH ?? ''}`, TOLLGATE_TOKEN: 'tok-123' },
      },
      (error, stdout, stderr) =>
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A tiny API that remembers every Authorization header it was sent. */
async function recordingApi() {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    if (req.headers.authorization) seen.push(req.headers.authorization);
    if (req.method !== 'GET' || !req.url?.startsWith('/ping')) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('404 page not found');
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"pong":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-adhoc-'));
  const spec = join(dir, 'ping.json');
  writeFileSync(
    spec,
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'ping', version: '1' },
      paths: { '/ping': { get: { operationId: 'ping', responses: { '200': { description: 'pong' } } } } },
    }),
  );
  return {
    seen,
    spec,
    baseURL: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('ad hoc mode is isolated', () => {
  test('a broken tollgate.config.ts in the folder is not loaded ad hoc, and is with --config', async () => {
    const api = await recordingApi();
    const cwd = mkdtempSync(join(tmpdir(), 'tollgate-cwd-'));
    writeFileSync(join(cwd, 'tollgate.config.ts'), 'export default { environments: 42 };\n');
    try {
      const adhoc = await cli(['contract', '--spec', api.spec, '--base-url', api.baseURL], cwd);
      assert.equal(adhoc.code, 0, adhoc.stdout + adhoc.stderr);
      const asked = await cli(
        ['contract', '--config', 'tollgate.config.ts', '--spec', api.spec, '--base-url', api.baseURL],
        cwd,
      );
      assert.equal(asked.code, 2, asked.stdout + asked.stderr);
      assert.match(asked.stderr, /environments/);
    } finally {
      await api.stop();
    }
  });

  test('TOLLGATE_TOKEN is not sent ad hoc; it is with --config', async () => {
    const api = await recordingApi();
    const cwd = mkdtempSync(join(tmpdir(), 'tollgate-cwd-'));
    writeFileSync(join(cwd, 'empty.config.ts'), 'export default {};\n');
    try {
      const adhoc = await cli(['contract', '--spec', api.spec, '--base-url', api.baseURL], cwd, {
        TOLLGATE_TOKEN: 'tok-123',
      });
      assert.equal(adhoc.code, 0, adhoc.stdout + adhoc.stderr);
      assert.equal(api.seen.length, 0, `ad hoc sent a token nobody passed: ${api.seen.join(', ')}`);
      const asked = await cli(
        ['contract', '--config', 'empty.config.ts', '--spec', api.spec, '--base-url', api.baseURL],
        cwd,
        { TOLLGATE_TOKEN: 'tok-123' },
      );
      assert.equal(asked.code, 0, asked.stdout + asked.stderr);
      assert.ok(api.seen.includes('Bearer tok-123'), 'with --config the token is read');
    } finally {
      await api.stop();
    }
  });

  test('the printed replay line works as printed, ad hoc', async () => {
    const api = await startRulesApi({ undocumentedRejection: true });
    const cwd = mkdtempSync(join(tmpdir(), 'tollgate-cwd-'));
    try {
      const first = await cli(
        [
          'contract',
          '--spec',
          api.specPath,
          '--base-url',
          api.baseURL,
          '--max-cases',
          '3',
          '-H',
          'X-Trace: a b',
        ],
        cwd,
      );
      assert.equal(first.code, 1, first.stdout + first.stderr);
      const line = /replay: (tollgate contract .*--replay [0-9a-f]{12}.*)$/m.exec(first.stdout)?.[1];
      assert.ok(line, first.stdout);
      assert.ok(line.includes(`--spec ${api.specPath}`) && line.includes(`--base-url ${api.baseURL}`), line);
      assert.ok(line.includes("-H 'X-Trace: a b'"), line);
      const again = await sh(line, cwd);
      assert.equal(again.code, 1, again.stdout + again.stderr);
      assert.match(again.stdout, /still failing/);
    } finally {
      await api.stop();
    }
  });

  test('secrets in carried headers become $VARIABLES the shell fills in', () => {
    const line = replayCommandOf(
      { spec: 'specs/a b.yaml', 'base-url': 'http://127.0.0.1:1', header: ['Authorization: Bearer s3cret'] },
      [{ value: 's3cret', envName: 'TOLLGATE_TOKEN' }],
    );
    assert.equal(
      line,
      `tollgate contract --spec 'specs/a b.yaml' --base-url http://127.0.0.1:1 -H "Authorization: Bearer $TOLLGATE_TOKEN"`,
    );
  });
});
