import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';

const root = new URL('../..', import.meta.url).pathname;
const spec = join(root, 'specs/albums.openapi.yaml');
const defineProfile = join(root, 'src/load/profile/define-profile.ts');

function tollgate(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [join(root, 'bin/tollgate.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeProfile(dir: string, name: string, gates: string): string {
  const file = join(dir, `${name}.ts`);
  writeFileSync(
    file,
    `import { defineProfile } from ${JSON.stringify(defineProfile)};
export default defineProfile({
  model: 'closed', connections: 2, duration: '1s',
  requests: [{ path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } } }],
  gates: { local: ${gates} },
});\n`,
  );
  return file;
}

describe('tollgate load', () => {
  let api: AlbumsApi;
  let dir: string;
  beforeAll(async () => {
    api = await startAlbumsApi();
    dir = mkdtempSync(join(tmpdir(), 'tollgate-load-'));
    // profiles and configs are ES modules, as in a real project
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('exit 0 when the gates pass; load.json holds the result and the gate table', () => {
    const profile = writeProfile(dir, 'pass', `{ 'latency.p99': '<5s', 'errors.rate': '<1%' }`);
    const runDir = join(dir, 'run-pass');
    const r = tollgate(
      ['load', profile, '--spec', spec, '--base-url', api.baseURL, '--run-dir', runDir],
      dir,
    );
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const saved = JSON.parse(readFileSync(join(runDir, 'load.json'), 'utf8'));
    assert.equal(saved.verdict, 'pass');
    assert.equal(saved.gates.length, 2);
    assert.ok(saved.totals.requests > 0);
    assert.match(r.stdout, /PASS\s+latency.p99 <5s/);
  });

  test('exit 1 when a gate fails', () => {
    const profile = writeProfile(dir, 'fail', `{ 'latency.p99': '<1us' }`);
    const r = tollgate(
      ['load', profile, '--spec', spec, '--base-url', api.baseURL, '--run-dir', join(dir, 'run-fail')],
      dir,
    );
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /FAIL\s+latency.p99 <1us/);
  });

  test('exit 2 with a path-precise message for bad gate syntax', () => {
    const profile = writeProfile(dir, 'bad', `{ 'latency.p99': 250 }`);
    const r = tollgate(['load', profile, '--spec', spec, '--base-url', api.baseURL], dir);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /TG_GATE_SYNTAX: bad.ts: gates.local\["latency.p99"\] must look like "<250ms", got 250/,
    );
  });

  test('exit 3 when the target is unreachable', async () => {
    const gone = await startAlbumsApi();
    await gone.stop();
    const profile = writeProfile(dir, 'gone', `{ 'latency.p99': '<5s' }`);
    const r = tollgate(['load', profile, '--spec', spec, '--base-url', gone.baseURL], dir);
    assert.equal(r.code, 3, r.stderr);
  });

  test('a readOnly environment refuses load unless allowLoad', () => {
    const project = mkdtempSync(join(dir, 'ro-'));
    writeProfile(project, 'probe', `{ 'latency.p99': '<5s' }`);
    const config = (allowLoad: boolean) =>
      `export default { specs: { albums: ${JSON.stringify(spec)} }, loadDir: '.', environments: { ro: { baseURL: ${JSON.stringify(api.baseURL)}, readOnly: true, allowLoad: ${allowLoad}, maxDurationSec: 2 } } };\n`;
    writeFileSync(join(project, 'tollgate.config.ts'), config(false));
    const refused = tollgate(['load', 'probe', '--env', 'ro'], project);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /TG_UNSAFE_TARGET: environment "ro" is readOnly/);
    writeFileSync(join(project, 'tollgate.config.ts'), config(true));
    const capped = tollgate(['load', 'probe', '--env', 'ro', '--run-dir', join(project, 'run')], project);
    // a closed-model profile cannot respect the readOnly rate cap (50 rps): refused, not run uncapped
    assert.equal(capped.code, 2, capped.stderr);
    assert.match(capped.stderr, /caps load at 50 rps/);
    assert.equal(existsSync(join(project, 'run', 'load.json')), false);
  });
});
