import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { parse, stringify } from 'yaml';
import type { RunModel } from '../../src/run/model.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';

/**
 * The `diff` gate stage end to end: `tollgate gate` (the real CLI) against
 * the real albums API, its deployed spec served over HTTP (the Gin example
 * does not serve its own, so a small server stands in for `/swagger/doc.json`),
 * compared with the repo's spec. Fault present: the repo drops an operation
 * the deployed spec still has. Fault absent: both are the same file.
 */
const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/tollgate.js');
const repoSpec = join(root, 'specs/albums.openapi.yaml');

function tollgate(args: string[], cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', ...env }, timeout: 180_000 },
      (error, stdout, stderr) => done({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

describe('the diff stage of tollgate gate', () => {
  let api: AlbumsApi;
  let specServer: Server;
  let deployed = '';
  let specURL = '';
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-diff-stage-'));

  beforeAll(async () => {
    api = await startAlbumsApi();
    specServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/yaml' });
      res.end(deployed);
    });
    await new Promise<void>((ready) => specServer.listen(0, '127.0.0.1', ready));
    specURL = `http://127.0.0.1:${(specServer.address() as AddressInfo).port}/swagger/doc.yaml`;
    writeFileSync(
      join(dir, 'tollgate.config.mjs'),
      `export default {
  specs: { albums: ${JSON.stringify(repoSpec)} },
  reportsDir: 'reports',
  environments: {
    t: {
      baseURL: ${JSON.stringify(api.baseURL)},
      auth: { bearer: { env: 'TG_TEST_TOKEN' } },
      stages: ['diff'],
      diff: { deployedSpec: ${JSON.stringify(specURL)} },
    },
  },
};
`,
    );
  });
  afterAll(async () => {
    await api?.stop();
    await new Promise((closed) => specServer?.close(closed));
    rmSync(dir, { recursive: true, force: true });
  });

  const latest = () => {
    const id = readFileSync(join(dir, 'reports', 'latest.txt'), 'utf8').trim();
    return join(dir, 'reports', id);
  };

  test('deployed spec equals the repo spec: the stage passes with no findings', async () => {
    deployed = readFileSync(repoSpec, 'utf8');
    const run = await tollgate(['gate', '--env', 't'], dir, { TG_TEST_TOKEN: api.token });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const model: RunModel = JSON.parse(readFileSync(join(latest(), 'run.json'), 'utf8'));
    assert.equal(model.stages[0].name, 'diff');
    assert.equal(model.stages[0].verdict, 'pass');
    assert.deepEqual(model.diff?.findings, []);
  });

  test('the repo drops an operation the deployed API still serves: the gate fails and every report names it', async () => {
    const doc = parse(readFileSync(repoSpec, 'utf8'));
    doc.paths['/v1/legacy-charts'] = {
      get: { operationId: 'legacyCharts', responses: { '200': { description: 'ok' } } },
    };
    deployed = stringify(doc);
    const summary = join(dir, 'step-summary.md');
    const run = await tollgate(['gate', '--env', 't'], dir, {
      TG_TEST_TOKEN: api.token,
      GITHUB_STEP_SUMMARY: summary,
    });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /✗ ERR api-path-removed-without-deprecation {2}GET \/v1\/legacy-charts/);
    const runDir = latest();
    const model: RunModel = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'));
    assert.equal(model.verdict, 'fail');
    const [finding] = model.diff?.findings ?? [];
    assert.equal(finding.id, 'api-path-removed-without-deprecation');
    assert.equal(finding.base?.source, specURL);
    assert.ok((finding.base?.line ?? 0) > 0, JSON.stringify(finding));
    assert.equal(model.diff?.findings.length, 1);
    const html = readFileSync(join(runDir, 'index.html'), 'utf8');
    assert.match(html, /<section id="diff">/);
    assert.match(html, /api-path-removed-without-deprecation/);
    const junit = readFileSync(join(runDir, 'junit.xml'), 'utf8');
    assert.match(junit, /<testsuite name="spec diff"[^>]*failures="1"/);
    assert.match(junit, /<failure type="api-path-removed-without-deprecation"/);
    const md = readFileSync(join(runDir, 'summary.md'), 'utf8');
    assert.match(md, /\| ERR \| api-path-removed-without-deprecation \| `GET \/v1\/legacy-charts` \|/);
    assert.match(readFileSync(summary, 'utf8'), /api-path-removed-without-deprecation/);
  });
});
