import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { type PrometheusServer, startPrometheus } from '../support/prometheus-server.ts';
import { oneLine, runCli } from '../support/run-cli.ts';

const root = new URL('../..', import.meta.url).pathname;
const spec = join(root, 'specs/albums.openapi.yaml');
const defineProfile = join(root, 'src/load/profile/define-profile.ts');
// bcrypt (cost 4) of the test password below, as Prometheus's web config wants it
const basicAuth = {
  user: 'tollgate',
  password: 'promql-gates-test',
  bcrypt: '$2a$04$gX7Io3DAgJ4eVtXFCvv4rOAVHYnP0NHIJW4MxoyxDI8xu6./qZyEG',
};
const authHeader = (password: string) => `Basic ${Buffer.from(`tollgate:${password}`).toString('base64')}`;

describe('PromQL gates on a Prometheus behind basic auth, the header read from an env var', () => {
  let api: AlbumsApi;
  let prometheus: PrometheusServer;
  let dir: string;
  beforeAll(async () => {
    api = await startAlbumsApi();
    prometheus = await startPrometheus({ albums: new URL(api.baseURL).host }, { basicAuth });
    dir = mkdtempSync(join(tmpdir(), 'tollgate-promql-auth-'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(dir, 'tollgate.config.ts'),
      `export default { specs: { albums: ${JSON.stringify(spec)} }, loadDir: '.', environments: { local: { baseURL: ${JSON.stringify(api.baseURL)}, prometheus: { url: ${JSON.stringify(prometheus.url)}, scrapeIntervalSec: 1, headers: { Authorization: { env: 'PROM_AUTH' } } } } } };\n`,
    );
    writeFileSync(
      join(dir, 'up.ts'),
      `import { defineProfile } from ${JSON.stringify(defineProfile)};
export default defineProfile({
  model: 'open', rate: 20, duration: '2s',
  requests: [{ path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } } }],
  gates: { local: { 'promql:sum(up{job="albums"})': '== 1' } },
});\n`,
    );
  });
  afterAll(async () => {
    await Promise.all([prometheus?.stop(), api?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  test('the right credentials: the gate is measured and passes; the header value appears in no output or report', async () => {
    const runDir = join(dir, 'run-ok');
    const header = authHeader(basicAuth.password);
    const r = await runCli(['load', 'up', '--env', 'local', '--run-dir', runDir], {
      cwd: dir,
      env: { PROM_AUTH: header },
    });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const secret = header.split(' ')[1];
    for (const text of [
      r.stdout,
      r.stderr,
      ...readdirSync(runDir).map((f) => readFileSync(join(runDir, f), 'utf8')),
    ])
      assert.ok(!text.includes(secret), 'the Authorization value leaked');
    const load = JSON.parse(readFileSync(join(runDir, 'load.json'), 'utf8'));
    assert.equal(load.gates[0].measured, 1);
  });

  test('wrong credentials: exit 3 before the load, one line naming the 401 and prometheus.headers, no secret', async () => {
    const r = await runCli(['load', 'up', '--env', 'local', '--run-dir', join(dir, 'run-bad')], {
      cwd: dir,
      env: { PROM_AUTH: authHeader('wrong-password') },
    });
    assert.equal(r.code, 3, r.stderr);
    const line = oneLine(r);
    assert.match(
      line,
      /TG_PROMETHEUS_UNREACHABLE: Prometheus at .* answered 401 .*check environments\.local\.prometheus\.headers/,
    );
    assert.ok(!line.includes(authHeader('wrong-password').split(' ')[1]));
  });
});
