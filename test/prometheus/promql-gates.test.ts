import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { ResolvedPrometheus } from '../../src/config/types.ts';
import { parseGateSet } from '../../src/gates/parse-gates.ts';
import { measurePromqlGates } from '../../src/prometheus/promql-gates.ts';
import { renderQuery } from '../../src/prometheus/render-query.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { freePort } from '../support/nginx.ts';
import { type PrometheusServer, startPrometheus } from '../support/prometheus-server.ts';
import { oneLine, runCli } from '../support/run-cli.ts';

const root = new URL('../..', import.meta.url).pathname;
const spec = join(root, 'specs/albums.openapi.yaml');
const defineProfile = join(root, 'src/load/profile/define-profile.ts');

/** The server-side RED queries a Gin team writes against client_golang's metrics, per scrape job. */
const queries = (job: string) => ({
  error_ratio: `(sum(rate(http_requests_total{job="${job}",status=~"5.."}[{{window}}])) or vector(0)) / sum(rate(http_requests_total{job="${job}"}[{{window}}]))`,
  p99: `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="${job}"}[{{window}}])))`,
});

const hostPort = (url: string) => new URL(url).host;

describe('PromQL gates against a real Prometheus scraping albums-api', () => {
  let faulty: AlbumsApi;
  let healthy: AlbumsApi;
  let prometheus: PrometheusServer;
  let dir: string;
  let closedPort: number;
  const resolved = (job: string, over: Partial<ResolvedPrometheus> = {}): ResolvedPrometheus => ({
    url: prometheus.url,
    headers: {},
    queries: queries(job),
    scrapeIntervalSec: 0,
    notMeasured: 'fail',
    ...over,
  });

  beforeAll(async () => {
    [faulty, healthy] = await Promise.all([
      startAlbumsApi({ faults: ['flaky-5xx', 'slow'], env: { ALBUMS_SLOW_MS: '300' } }),
      startAlbumsApi(),
    ]);
    prometheus = await startPrometheus({
      faulty: hostPort(faulty.baseURL),
      healthy: hostPort(healthy.baseURL),
    });
    closedPort = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'tollgate-promql-'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    const env = (api: AlbumsApi, named: Record<string, string>) =>
      `{ baseURL: ${JSON.stringify(api.baseURL)}, prometheus: { url: ${JSON.stringify(prometheus.url)}, scrapeIntervalSec: 1, queries: ${JSON.stringify(named)} } }`;
    writeFileSync(
      join(dir, 'tollgate.config.ts'),
      `export default { specs: { albums: ${JSON.stringify(spec)} }, loadDir: '.', environments: {
  faulty: ${env(faulty, queries('faulty'))},
  healthy: ${env(healthy, queries('healthy'))},
  broken: ${env(healthy, { ...queries('healthy'), error_ratio: 'sum(rate(http_requests_total[{{window}}])' })},
  gone: { baseURL: ${JSON.stringify(healthy.baseURL)}, prometheus: { url: 'http://127.0.0.1:${closedPort}', queries: ${JSON.stringify(queries('healthy'))} } },
} };\n`,
    );
    const gates = `{ 'promql.error_ratio': '< 0.01', 'promql.p99': '< 0.1' }`;
    writeFileSync(
      join(dir, 'red.ts'),
      `import { defineProfile } from ${JSON.stringify(defineProfile)};
export default defineProfile({
  model: 'open', rate: 40, connections: 20, duration: '4s',
  requests: [{ path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } }, expect: [200, 503] }],
  gates: {
    faulty: ${gates},
    healthy: { ...${gates}, 'promql:sum(increase(http_requests_total{job="healthy"}[{{window}}]))': '> 50' },
    broken: ${gates},
    gone: ${gates},
  },
});\n`,
    );
  });
  afterAll(async () => {
    await Promise.all([prometheus?.stop(), faulty?.stop(), healthy?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  test('intermittent 5xx on: the server-side 5xx ratio gate fails (~5%), the histogram p99 gate fails (300 ms), exit 1; every report shows the query and the value', async () => {
    const runDir = join(dir, 'run-faulty');
    const r = await runCli(['load', 'red', '--env', 'faulty', '--run-dir', runDir], { cwd: dir });
    assert.equal(r.code, 1, r.stderr + r.stdout);
    const load = JSON.parse(readFileSync(join(runDir, 'load.json'), 'utf8'));
    const ratio = load.gates.find((g: { name: string }) => g.name === 'promql.error_ratio');
    const p99 = load.gates.find((g: { name: string }) => g.name === 'promql.p99');
    assert.equal(ratio.verdict, 'fail', JSON.stringify(ratio));
    assert.ok(ratio.measured > 0.02 && ratio.measured < 0.1, `5xx ratio ${ratio.measured}`);
    assert.match(ratio.promql.query, /status=~"5\.\."}\[[4-6]s\]/);
    assert.equal(p99.verdict, 'fail', JSON.stringify(p99));
    assert.ok(p99.measured >= 0.25 && p99.measured <= 0.5, `p99 ${p99.measured}`);
    const run = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'));
    assert.deepEqual(
      run.gates
        .filter((g: { name: string }) => g.name.startsWith('promql'))
        .map((g: { promql: { query: string } }) => g.promql.query),
      [ratio.promql.query, p99.promql.query],
    );
    for (const file of ['index.html', 'junit.xml', 'summary.md']) {
      const text = readFileSync(join(runDir, file), 'utf8');
      assert.ok(text.includes('histogram_quantile(0.99'), `${file} names the p99 query`);
      assert.ok(text.includes(ratio.measuredText), `${file} shows the measured ratio ${ratio.measuredText}`);
    }
    assert.match(r.stdout, /promql\.error_ratio < 0\.01 \(measured 0\.0\d+\) — query \(sum\(rate/);
  });

  test('fault off: the same gates pass (5xx ratio 0 through `or vector(0)`), and an inline promql: gate reads the request count', async () => {
    const runDir = join(dir, 'run-healthy');
    const r = await runCli(['load', 'red', '--env', 'healthy', '--run-dir', runDir], { cwd: dir });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const load = JSON.parse(readFileSync(join(runDir, 'load.json'), 'utf8'));
    const byName = Object.fromEntries(load.gates.map((g: { name: string }) => [g.name, g]));
    assert.equal(byName['promql.error_ratio'].measured, 0);
    assert.ok(byName['promql.p99'].measured < 0.01, `p99 ${byName['promql.p99'].measured}`);
    const inline = byName['promql:sum(increase(http_requests_total{job="healthy"}[{{window}}]))'];
    assert.equal(inline.verdict, 'pass', JSON.stringify(inline));
    assert.ok(inline.measured > 50 && inline.measured < 250, `requests ${inline.measured}`);
  });

  test("invalid PromQL: exit 2 before any load, one line with the query and Prometheus's parse error", async () => {
    const r = await runCli(['load', 'red', '--env', 'broken', '--run-dir', join(dir, 'run-broken')], {
      cwd: dir,
    });
    assert.equal(r.code, 2, r.stderr);
    const line = oneLine(r);
    assert.match(
      line,
      /TG_PROMQL_INVALID: red\.ts: gates\.broken: gate promql\.error_ratio: invalid PromQL "sum\(rate\(http_requests_total\[60s\]\)"/,
    );
    assert.match(line, /parse error/);
  });

  test('Prometheus unreachable before the run: exit 3, one line naming its URL and the gate', async () => {
    const r = await runCli(['load', 'red', '--env', 'gone', '--run-dir', join(dir, 'run-gone')], {
      cwd: dir,
    });
    assert.equal(r.code, 3, r.stderr);
    assert.match(
      oneLine(r),
      new RegExp(
        `TG_PROMETHEUS_UNREACHABLE: Prometheus at http://127.0.0.1:${closedPort} is unreachable \\(ECONNREFUSED\\), needed by gate promql\\.error_ratio`,
      ),
    );
  });

  const window = () => ({ startMs: Date.now() - 30_000, endMs: Date.now() });
  const gates = (set: Record<string, string>) => parseGateSet(set, 'test');

  test('Prometheus unreachable after the run: not measured, one note naming the query, the gate fails; notMeasured: pass passes it', async () => {
    for (const notMeasured of ['fail', 'pass'] as const) {
      const [g] = await measurePromqlGates({
        prometheus: resolved('healthy', { url: `http://127.0.0.1:${closedPort}`, notMeasured }),
        gates: gates({ 'promql.error_ratio': '< 0.01' }),
        source: { env: 'gone', where: 'test' },
        scope: 'load:red',
        window: window(),
      });
      assert.equal(g.verdict, notMeasured);
      assert.equal(g.measured, null);
      assert.match(
        g.note ?? '',
        /^not measured: Prometheus at .* is unreachable \(ECONNREFUSED\) \(query \(sum\(rate\(http_requests_total\{job="healthy",status=~"5\.\."\}\[30s\]\)\)/,
      );
    }
  });

  test('an empty result and a several-series result are not measured and fail; one series is a value', async () => {
    const [empty, several, one] = await measurePromqlGates({
      prometheus: resolved('healthy'),
      gates: gates({
        'promql:sum(http_requests_total{job="no-such-job"})': '< 1',
        'promql:up': '> 0',
        'promql:up{job="healthy"}': '== 1',
      }),
      source: { env: 'healthy', where: 'test' },
      scope: 'load:red',
      window: window(),
    });
    assert.equal(empty.verdict, 'fail');
    assert.match(
      empty.note ?? '',
      /^not measured: Prometheus returned no series .*\(query sum\(http_requests_total\{job="no-such-job"\}\)\)$/,
    );
    assert.equal(several.verdict, 'fail');
    assert.match(several.note ?? '', /^not measured: the result has 2 series .*aggregate it/);
    assert.equal(one.verdict, 'pass', JSON.stringify(one));
    assert.equal(one.measured, 1);
  });
});

test('placeholders: {{window}} is the run as a PromQL range (rounded up), {{start}} and {{end}} unix seconds', () => {
  const w = { startMs: 1_700_000_000_000, endMs: 1_700_000_036_200 };
  assert.equal(
    renderQuery('rate(x[{{window}}]) and on() vector({{ start }}) < vector({{end}})', w),
    'rate(x[37s]) and on() vector(1700000000) < vector(1700000036)',
  );
});
