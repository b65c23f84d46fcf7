import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { CompareResult, MetricResult } from '../../src/run/model.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { type Daemon, startPrometheus } from '../support/prometheus.ts';
import { oneLine, runCli } from '../support/run-cli.ts';

const spec = new URL('../../specs/albums.openapi.yaml', import.meta.url).pathname;
const hostPort = (api: AlbumsApi) => new URL(api.baseURL).host;

/** The 5xx share of getAlbum's answers over the run, for the series `selector` picks. */
const errorRatio = (selector: string) =>
  `(sum(rate(http_requests_total{${selector},route="/v1/albums/:id",status=~"5.."}[{{window}}])) or vector(0)) / sum(rate(http_requests_total{${selector},route="/v1/albums/:id"}[{{window}}]))`;

describe('PromQL gates in tollgate compare: a real Prometheus scraping a clean and a flaky-5xx albums-api', () => {
  let clean: AlbumsApi;
  let flaky: AlbumsApi;
  let prometheus: Daemon;
  let dir: string;
  beforeAll(async () => {
    [clean, flaky] = await Promise.all([startAlbumsApi(), startAlbumsApi({ faults: ['flaky-5xx'] })]);
    // one job per build, so {{side}} can pick it by job as {{instance}} picks it by address
    prometheus = await startPrometheus({ jobs: { blue: [hostPort(clean)], green: [hostPort(flaky)] } });
    // A running build has its 503 series already; a series born inside the window has no rate yet.
    for (let i = 0; i < 20; i++) await fetch(`${flaky.baseURL}/v1/albums/1`).then((r) => r.arrayBuffer());
    await new Promise((r) => setTimeout(r, 2500));
    dir = mkdtempSync(join(tmpdir(), 'tollgate-promql-compare-'));
    const prom = {
      url: prometheus.url,
      scrapeIntervalSec: 1,
      queries: {
        error_ratio: errorRatio('instance="{{instance}}"'),
        by_job: { baseline: errorRatio('job="blue"'), candidate: errorRatio('job="green"') },
        by_job_swapped: { baseline: errorRatio('job="green"'), candidate: errorRatio('job="blue"') },
      },
    };
    const sides = (b: AlbumsApi, c: AlbumsApi) => ({
      baseURL: b.baseURL,
      baseline: { baseURL: b.baseURL },
      candidate: { baseURL: c.baseURL },
      prometheus: prom,
    });
    // The same gate from the config: `tollgate gate`'s compare stage and `tollgate compare` without --gate.
    const staged = (b: AlbumsApi, c: AlbumsApi) => ({
      ...sides(b, c),
      stages: ['compare'],
      compare: { durationSec: 6, rate: 80, contract: false, gates: { 'promql.error_ratio': '<0.01' } },
    });
    writeFileSync(
      join(dir, 'tollgate.config.mjs'),
      `export default ${JSON.stringify({
        specs: { albums: spec },
        environments: {
          canary: sides(clean, flaky),
          fixed: sides(flaky, clean),
          'stage-canary': staged(clean, flaky),
          'stage-fixed': staged(flaky, clean),
          bare: { baseURL: clean.baseURL },
        },
      })};\n`,
    );
  });
  afterAll(async () => {
    await prometheus?.stop();
    await Promise.all([clean?.stop(), flaky?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const compare = (env: string, runDir: string, gates: string[]) =>
    runCli(
      [
        'compare',
        '--env',
        env,
        '--duration',
        '6s',
        '--rate',
        '80',
        '--run-dir',
        join(dir, runDir),
        ...gates.flatMap((g) => ['--gate', g]),
      ],
      { cwd: dir },
    );
  const read = (runDir: string): CompareResult =>
    JSON.parse(readFileSync(join(dir, runDir, 'compare.json'), 'utf8'));
  const promqlMetric = (c: CompareResult, name: string): MetricResult => {
    const m = c.metrics.find((x) => x.metric === 'promql' && x.op === name);
    assert.ok(m, `no promql metric ${name}: ${JSON.stringify(c.metrics.map((x) => [x.metric, x.op]))}`);
    return m;
  };

  test('the flaky candidate fails the gate, judged per side (by {{instance}} and by a pair of queries): roll back', async () => {
    const r = await compare('canary', 'canary', ['promql.error_ratio<0.01', 'promql.by_job<0.01']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const c = read('canary');
    assert.equal(c.verdict.decision, 'rollback');
    for (const name of ['promql.error_ratio', 'promql.by_job']) {
      const m = promqlMetric(c, name);
      assert.equal(
        m.class,
        'high',
        `${m.reason}\n${JSON.stringify(m.promql)}\n${JSON.stringify(c.metrics.filter((x) => x.metric === '5xx'))}`,
      );
      assert.equal(m.critical, true);
      assert.equal(m.promql?.baseline.verdict, 'pass');
      assert.equal(m.promql?.baseline.measured, 0);
      assert.equal(m.promql?.candidate.verdict, 'fail');
      // flaky-5xx: every 20th getAlbum is a 503
      assert.ok((m.promql?.candidate.measured ?? 0) > 0.02, String(m.promql?.candidate.measured));
    }
    const byInstance = promqlMetric(c, 'promql.error_ratio').promql!;
    assert.ok(byInstance.candidate.promql?.query.includes(`instance="${hostPort(flaky)}"`));
    assert.ok(byInstance.baseline.promql?.query.includes(`instance="${hostPort(clean)}"`));
    assert.ok(
      c.verdict.reasons.some((x) => /critical: promql\.error_ratio: candidate \S+ fails <0\.01/.test(x)),
    );
    assert.match(
      r.stdout,
      /promql\.error_ratio <0\.01 {2}baseline 0 pass {2}candidate \S+ fail {2}candidate query .+ {2}FAIL/,
    );
    const page = readFileSync(join(dir, 'canary', 'index.html'), 'utf8');
    assert.ok(
      page.includes(`instance=&quot;${hostPort(flaky)}&quot;`) ||
        page.includes(`instance="${hostPort(flaky)}"`),
    );
    assert.match(readFileSync(join(dir, 'canary', 'summary.md'), 'utf8'), /\| promql\.error_ratio <0\.01 \|/);
    assert.match(readFileSync(join(dir, 'canary', 'junit.xml'), 'utf8'), /name="promql\.error_ratio promql"/);
  });

  test('the clean build as the candidate passes the same gates; the flaky baseline is shown failing them', async () => {
    const r = await compare('fixed', 'fixed', ['promql.error_ratio<0.01', 'promql.by_job_swapped<0.01']);
    const c = read('fixed');
    for (const name of ['promql.error_ratio', 'promql.by_job_swapped']) {
      const m = promqlMetric(c, name);
      assert.equal(m.class, 'pass', m.reason);
      assert.equal(m.promql?.candidate.measured, 0);
      assert.equal(m.promql?.baseline.verdict, 'fail');
    }
    assert.ok(!c.verdict.reasons.some((x) => x.includes('promql')), c.verdict.reasons.join('\n'));
    assert.equal(r.code, c.verdict.decision === 'promote' ? 0 : 1);
  });

  test("the compare stage of tollgate gate judges the environment's compare.gates on each side: flaky candidate fails, clean one passes", async () => {
    const failing = await runCli(['gate', '--env', 'stage-canary', '--run-dir', join(dir, 'stage-canary')], {
      cwd: dir,
    });
    assert.equal(failing.code, 1, failing.stdout + failing.stderr);
    const rolled = promqlMetric(read('stage-canary'), 'promql.error_ratio');
    assert.equal(rolled.promql?.candidate.verdict, 'fail', JSON.stringify(rolled.promql));
    assert.equal(rolled.promql?.baseline.verdict, 'pass');
    assert.equal(rolled.class, 'high');
    const passing = await runCli(['gate', '--env', 'stage-fixed', '--run-dir', join(dir, 'stage-fixed')], {
      cwd: dir,
    });
    const kept = promqlMetric(read('stage-fixed'), 'promql.error_ratio');
    assert.equal(kept.promql?.candidate.verdict, 'pass', JSON.stringify(kept.promql));
    assert.equal(kept.promql?.baseline.verdict, 'fail');
    assert.equal(kept.class, 'pass');
    const c = read('stage-fixed');
    assert.equal(passing.code, c.verdict.decision === 'promote' ? 0 : 1, passing.stdout + passing.stderr);
  });

  test('tollgate compare without --gate takes compare.gates from the config; --gate replaces them', async () => {
    const fromConfig = await compare('stage-canary', 'config-gates', []);
    assert.equal(fromConfig.code, 1, fromConfig.stdout + fromConfig.stderr);
    assert.equal(promqlMetric(read('config-gates'), 'promql.error_ratio').promql?.candidate.verdict, 'fail');
    await compare('stage-canary', 'flag-gates', ['promql.by_job<0.01']);
    const metrics = read('flag-gates')
      .metrics.filter((m) => m.metric === 'promql')
      .map((m) => m.op);
    assert.deepEqual(metrics, ['promql.by_job']);
  });

  test('bad input: a pair in tollgate load, invalid PromQL, no Prometheus, a non-PromQL gate: one line, exit 2', async () => {
    const invalid = await compare('canary', 'invalid', [
      'promql:sum(rate(http_requests_total{instance="{{instance}}"}[{{window}}]) < 1',
    ]);
    assert.equal(invalid.code, 2, invalid.stderr);
    assert.match(
      oneLine(invalid),
      /^TG_PROMQL_INVALID: --gate: gate promql:.*invalid PromQL "sum\(rate\(http_requests_total\{instance=\\"127\.0\.0\.1:\d+\\"\}/,
    );
    const bare = await compare('bare', 'bare', ['promql.error_ratio<0.01']);
    assert.equal(bare.code, 2, bare.stderr);
    assert.match(oneLine(bare), /environments\.bare\.baseline is not set|has no prometheus/);
    const latency = await compare('canary', 'latency', ['latency.p99<1s']);
    assert.equal(latency.code, 2, latency.stderr);
    assert.match(
      oneLine(latency),
      /^TG_USAGE: --gate: compare judges latency and errors per operation itself; its gates are PromQL only/,
    );
    const load = await runCli(
      ['load', '--env', 'canary', '--rate', '5', '--duration', '1s', '--gate', 'promql.by_job<0.01'],
      { cwd: dir },
    );
    assert.equal(load.code, 2, load.stderr);
    assert.match(
      oneLine(load),
      /promql\.by_job names environments\.canary\.prometheus\.queries\.by_job, a \{ baseline, candidate \} pair that only tollgate compare reads/,
    );
    const side = await runCli(
      ['load', '--env', 'canary', '--rate', '5', '--duration', '1s', '--gate', 'promql.error_ratio<0.01'],
      { cwd: dir },
    );
    assert.equal(side.code, 2, side.stderr);
    assert.match(
      oneLine(side),
      /uses \{\{side\}\} or \{\{instance\}\}, which only tollgate compare fills in/,
    );
  });
});
