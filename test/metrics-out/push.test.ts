import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { freePort } from '../support/nginx.ts';
import { type Daemon, startPushgateway } from '../support/prometheus.ts';
import { errorLine, oneLine, runCli } from '../support/run-cli.ts';

const root = new URL('../..', import.meta.url).pathname;
const spec = join(root, 'specs/albums.openapi.yaml');
const defineProfile = join(root, 'src/load/profile/define-profile.ts');

/** The pushed series of one group, as the Pushgateway serves them to Prometheus. */
async function pushed(gateway: Daemon, name: string, labels: Record<string, string>): Promise<string[]> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)));
}

describe('run metrics: metrics.prom in the run folder and --push to a real Pushgateway', () => {
  let faulty: AlbumsApi;
  let clean: AlbumsApi;
  let gateway: Daemon;
  let dir: string;
  beforeAll(async () => {
    [faulty, clean, gateway] = await Promise.all([
      startAlbumsApi({ faults: ['wrong-type'] }),
      startAlbumsApi(),
      startPushgateway(),
    ]);
    dir = mkdtempSync(join(tmpdir(), 'tollgate-push-'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  });
  afterAll(async () => {
    await Promise.all([faulty?.stop(), clean?.stop(), gateway?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const contract = (api: AlbumsApi, runDir: string, push = gateway.url) =>
    runCli(
      [
        'contract',
        '--spec',
        spec,
        '--base-url',
        api.baseURL,
        '--operations',
        'getAlbum',
        '--run-dir',
        runDir,
        '--push',
        push,
      ],
      { cwd: dir },
    );

  test('a contract fault is pushed as a finding of its check and operation; the clean run replaces it', async () => {
    const bad = await contract(faulty, join(dir, 'run-faulty'));
    assert.equal(bad.code, 1, bad.stderr);
    const where = { job: 'tollgate', env: 'adhoc', command: 'contract' };
    const findings = await pushed(gateway, 'tollgate_findings', { ...where, check: 'response-schema' });
    assert.equal(findings.length, 1, findings.join('\n'));
    assert.match(findings[0], /operation="GET \/v1\/albums\/\{id\}"/);
    assert.match(findings[0], /severity="error"/);
    assert.ok(Number(findings[0].split(' ').at(-1)) >= 1, findings[0]);
    assert.deepEqual(
      await pushed(gateway, 'tollgate_run_verdict', { ...where, verdict: 'fail' }).then((l) =>
        l.map((x) => x.split(' ').at(-1)),
      ),
      ['1'],
    );
    const file = readFileSync(join(dir, 'run-faulty', 'metrics.prom'), 'utf8');
    assert.match(file, /^tollgate_findings\{.*check="response-schema".*\} [1-9]/m);
    assert.match(file, /# EOF\n$/);

    const good = await contract(clean, join(dir, 'run-clean'));
    assert.equal(good.code, 0, good.stderr + good.stdout);
    assert.deepEqual(await pushed(gateway, 'tollgate_findings', where), []);
    const verdict = await pushed(gateway, 'tollgate_run_verdict', { ...where, verdict: 'pass' });
    assert.deepEqual(
      verdict.map((x) => x.split(' ').at(-1)),
      ['1'],
    );
    assert.match(
      readFileSync(join(dir, 'run-clean', 'metrics.prom'), 'utf8'),
      /tollgate_run_verdict\{verdict="pass",env="adhoc"\} 1/,
    );
  });

  test('a load run pushes per-operation latency histograms, gate results and its duration', async () => {
    const profile = join(dir, 'push-profile.ts');
    writeFileSync(
      profile,
      `import { defineProfile } from ${JSON.stringify(defineProfile)};
export default defineProfile({
  model: 'open', rate: 20, duration: '1s',
  requests: [{ path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } } }],
  gates: { local: { 'latency.p99': '<5s', 'errors.rate': '<1%' } },
});\n`,
    );
    const runDir = join(dir, 'run-load');
    const r = await runCli(
      [
        'load',
        profile,
        '--spec',
        spec,
        '--base-url',
        clean.baseURL,
        '--run-dir',
        runDir,
        '--push',
        gateway.url,
      ],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const load = JSON.parse(readFileSync(join(runDir, 'load.json'), 'utf8'));
    const op = load.perOperation[0];
    const where = { job: 'tollgate', command: 'load', operation: op.operation };
    const count = await pushed(gateway, 'tollgate_load_request_duration_seconds_count', where);
    assert.equal(count.length, 1, count.join('\n'));
    assert.equal(Number(count[0].split(' ').at(-1)), op.requests);
    const inf = await pushed(gateway, 'tollgate_load_request_duration_seconds_bucket', {
      ...where,
      le: '+Inf',
    });
    assert.equal(Number(inf[0].split(' ').at(-1)), op.requests);
    // Buckets sit on native-histogram (schema 0) boundaries: powers of two.
    const bounds = (await pushed(gateway, 'tollgate_load_request_duration_seconds_bucket', where))
      .map((l) => /[{,]le="([^"]+)"/.exec(l)?.[1])
      .filter((le) => le !== '+Inf')
      .map(Number);
    assert.ok(bounds.length > 10 && bounds.every((b) => Number.isInteger(Math.log2(b))), bounds.join(','));
    const gate = await pushed(gateway, 'tollgate_gate_verdict', {
      job: 'tollgate',
      command: 'load',
      gate: 'latency.p99',
      verdict: 'pass',
    });
    assert.deepEqual(
      gate.map((l) => l.split(' ').at(-1)),
      ['1'],
    );
    assert.equal((await pushed(gateway, 'tollgate_run_duration_seconds', { command: 'load' })).length, 1);
  });

  test('a Pushgateway that is not there: exit 3, one line, and metrics.prom is still written', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const r = await contract(clean, join(dir, 'run-nopush'), nobody);
    assert.equal(r.code, 3, r.stderr);
    assert.match(errorLine(r), /TG_PUSH_FAILED: could not push .*127\.0\.0\.1/);
    assert.match(readFileSync(join(dir, 'run-nopush', 'metrics.prom'), 'utf8'), /tollgate_run_verdict/);
  });

  test('a --push that is not a URL: exit 2 before anything is sent', async () => {
    const r = await runCli(
      ['contract', '--spec', spec, '--base-url', clean.baseURL, '--push', 'localhost:9091'],
      { cwd: dir },
    );
    assert.equal(r.code, 2);
    assert.match(oneLine(r), /TG_USAGE: --push must be a Pushgateway URL .*got "localhost:9091"/);
  });
});
