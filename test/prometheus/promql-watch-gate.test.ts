import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { type PrometheusServer, startPrometheus } from '../support/prometheus-server.ts';
import { runCli } from '../support/run-cli.ts';

const root = new URL('../..', import.meta.url).pathname;
const spec = join(root, 'specs/albums.openapi.yaml');
const defineProfile = join(root, 'src/load/profile/define-profile.ts');

const errorRatio = (job: string) =>
  `(sum(rate(http_requests_total{job="${job}",status=~"5.."}[{{window}}])) or vector(0)) / sum(rate(http_requests_total{job="${job}"}[{{window}}]))`;

interface Gate {
  name: string;
  verdict: string;
  measured: number | null;
  promql?: { query: string };
}
const gate = (gates: Gate[], name: string) => {
  const found = gates.find((g) => g.name === name);
  assert.ok(found, `no gate ${name} in ${gates.map((g) => g.name).join(', ')}`);
  return found;
};

describe("PromQL gates in tollgate watch and in the gate command's load stage", () => {
  let faulty: AlbumsApi;
  let healthy: AlbumsApi;
  let prometheus: PrometheusServer;
  let dir: string;

  beforeAll(async () => {
    [faulty, healthy] = await Promise.all([startAlbumsApi({ faults: ['flaky-5xx'] }), startAlbumsApi()]);
    prometheus = await startPrometheus({
      faulty: new URL(faulty.baseURL).host,
      healthy: new URL(healthy.baseURL).host,
    });
    dir = mkdtempSync(join(tmpdir(), 'tollgate-promql-watch-'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    const env = (api: AlbumsApi, job: string) =>
      `{ baseURL: ${JSON.stringify(api.baseURL)}, stages: [{ load: 'red' }], prometheus: { url: ${JSON.stringify(prometheus.url)}, scrapeIntervalSec: 1, queries: { error_ratio: ${JSON.stringify(errorRatio(job))} } } }`;
    writeFileSync(
      join(dir, 'tollgate.config.ts'),
      `export default { specs: { albums: ${JSON.stringify(spec)} }, loadDir: '.', environments: { faulty: ${env(faulty, 'faulty')}, healthy: ${env(healthy, 'healthy')} } };\n`,
    );
    writeFileSync(
      join(dir, 'red.ts'),
      `import { defineProfile } from ${JSON.stringify(defineProfile)};
export default defineProfile({
  model: 'open', rate: 40, duration: '3s',
  requests: [{ path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } }, expect: [200, 503] }],
  gates: { faulty: { 'promql.error_ratio': '< 0.01' }, healthy: { 'promql.error_ratio': '< 0.01' } },
});\n`,
    );
  });
  afterAll(async () => {
    await Promise.all([prometheus?.stop(), faulty?.stop(), healthy?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const watch = (env: string, extra: string[] = []) =>
    runCli(
      [
        'watch',
        'red',
        '--env',
        env,
        '--before',
        '1s',
        '--settle',
        '2s',
        ...extra,
        '--run-dir',
        join(dir, `watch-${env}`),
        '--',
        'sleep',
        '1',
      ],
      { cwd: dir },
    );

  test("watch, intermittent 5xx on: the profile's PromQL gate judges the switch window from Prometheus and fails it (exit 1)", async () => {
    const r = await watch('faulty');
    assert.equal(r.code, 1, r.stderr + r.stdout);
    const saved = JSON.parse(readFileSync(join(dir, 'watch-faulty', 'watch.json'), 'utf8'));
    const g = gate(saved.gates, 'promql.error_ratio');
    assert.equal(g.verdict, 'fail');
    assert.ok((g.measured ?? 0) > 0.02, `5xx ratio ${g.measured}`);
    assert.match(g.promql?.query ?? '', /\[[2-5]s\]/);
    assert.match(r.stdout, /gate FAIL {2}promql\.error_ratio < 0\.01 {2}measured 0\.0\d+ {2}\(query \(sum/);
  });

  test('watch, fault off: PromQL gates from --gate (a named query and an inline one) pass (exit 0)', async () => {
    const inline = 'promql:sum(increase(http_requests_total{job="healthy"}[{{window}}]))';
    const r = await watch('healthy', ['--gate', 'promql.error_ratio<0.01', '--gate', `${inline} > 20`]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const saved = JSON.parse(readFileSync(join(dir, 'watch-healthy', 'watch.json'), 'utf8'));
    assert.equal(gate(saved.gates, 'promql.error_ratio').measured, 0);
    const count = gate(saved.gates, inline);
    assert.equal(count.verdict, 'pass', JSON.stringify(count));
  });

  for (const [env, code, verdict] of [
    ['faulty', 1, 'fail'],
    ['healthy', 0, 'pass'],
  ] as const) {
    test(`gate command, load stage on ${env}: promql.error_ratio ${verdict === 'pass' ? 'passes' : 'fails'} in run.json (exit ${code})`, async () => {
      const runDir = join(dir, `gate-${env}`);
      const r = await runCli(['gate', '--env', env, '--run-dir', runDir], { cwd: dir });
      assert.equal(r.code, code, r.stderr + r.stdout);
      const run = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'));
      const g = gate(run.gates, 'promql.error_ratio');
      assert.equal(g.verdict, verdict, JSON.stringify(g));
      assert.ok(g.promql?.query.includes('status=~"5.."'));
    });
  }
});
