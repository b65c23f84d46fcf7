import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, test } from 'vitest';
import { TollgateError } from '../../src/errors/tollgate-error.ts';
import { assertOneRun, K6Samples, readK6Json } from '../../src/import-k6/read-k6-json.ts';
import { newHistogram, recordMicros, summarize } from '../../src/load/metrics/histogram.ts';
import { oneLine, runCli } from '../support/run-cli.ts';

/**
 * k6 is not installed: the inputs are written here in k6's documented JSON
 * output format (`k6 run --out json=file`: one `Metric` line per metric, one
 * `Point` line per sample with RFC 3339 nanosecond times and string tags).
 */
const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'tollgate-k6-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const profile = join(dir, 'pods.ts');
writeFileSync(
  profile,
  `export default {
  model: 'open',
  stages: [
    { kind: 'warmup', duration: '2s', rate: 10 },
    { kind: 'steady', duration: '18s', rate: 30 },
  ],
  requests: [
    { weight: 3, path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } } },
    { weight: 1, path: '/v1/albums', method: 'get' },
  ],
  gates: { local: { 'latency{op:getAlbum}.p95': '<50ms', 'latency.p99': '<250ms', 'errors.rate': '<5%' } },
};
`,
);

interface Sample {
  t: number;
  name: string;
  status: number;
  ms: number;
}

const t0 = Date.parse('2026-12-03T12:00:00Z');

/** A k6 timestamp: RFC 3339 with nanoseconds and an offset, as k6 writes it. */
function k6Time(ms: number): string {
  const d = new Date(t0 + ms + 3_600_000);
  return `${d.toISOString().slice(0, 23)}417311+01:00`;
}

function writePod(
  file: string,
  samples: Sample[],
  tags: Record<string, string> = {},
  failedAlways = false,
): void {
  const base = { tollgate_profile: 'pods', tollgate_env: 'local', ...tags };
  const metric = (name: string, type: string, contains: string) =>
    JSON.stringify({
      type: 'Metric',
      data: { name, type, contains, thresholds: [], submetrics: null },
      metric: name,
    });
  const point = (metric: string, t: number, value: number, extra: Record<string, string>) =>
    JSON.stringify({ type: 'Point', data: { time: k6Time(t), value, tags: { ...base, ...extra } }, metric });
  const lines = [
    metric('http_reqs', 'counter', 'default'),
    metric('http_req_duration', 'trend', 'time'),
    metric('http_req_failed', 'rate', 'default'),
    metric('vus', 'gauge', 'default'),
  ];
  for (const s of samples) {
    const tags = {
      name: s.name,
      status: String(s.status),
      method: 'GET',
      scenario: 'pods',
      expected_response: String(s.status < 300),
      proto: 'HTTP/1.1',
    };
    lines.push(
      point('http_reqs', s.t, 1, tags),
      point('http_req_duration', s.t, s.ms, tags),
      point('http_req_failed', s.t, failedAlways || s.status < 200 || s.status >= 300 ? 1 : 0, tags),
    );
  }
  lines.push(point('vus', 1000, 3, {}));
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Deterministic latencies: pod `k` of 3, samples every 100 ms from t = pod offset. */
function podSamples(k: number, slowGetAlbum: boolean, errors = 0): Sample[] {
  const out: Sample[] = [];
  let x = 12345 + k;
  const rand = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  for (let t = k * 7, i = 0; t < 20_000; t += 100, i++) {
    const name = i % 4 === 3 ? 'listAlbums' : 'getAlbum';
    const slow = slowGetAlbum && name === 'getAlbum';
    const ms = slow ? 60 + rand() * 40 : 0.4 + rand() * (name === 'getAlbum' ? 30 : 120);
    out.push({ t, name, status: i < errors ? 500 : 200, ms: Number(ms.toFixed(6)) });
  }
  return out;
}

function load(runDir: string) {
  return JSON.parse(readFileSync(join(runDir, 'load.json'), 'utf8'));
}

test('import k6: 3 pods merge into the percentiles of one histogram of every value, warm-up left out', async () => {
  const pods = [podSamples(0, false), podSamples(1, false, 6), podSamples(2, false)];
  const files = pods.map((samples, k) => {
    const file = join(dir, `pod-${k}.json`);
    writePod(file, samples);
    return file;
  });
  const runDir = join(dir, 'run-merged');
  const result = await runCli(
    ['import', 'k6', ...files, '--profile', profile, '--env', 'local', '--run-dir', runDir],
    { cwd: root },
  );
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.doesNotMatch(result.stderr, /note:/);
  const report = load(runDir);
  // The reference: one histogram fed every measured value (after the 2 s warm-up, timed from the first sample).
  const all = pods.flat().filter((s) => s.t >= 2000);
  const reference = (name?: string) => {
    const h = newHistogram();
    for (const s of all) if (!name || s.name === name) recordMicros(h, s.ms * 1000);
    return summarize(h);
  };
  assert.equal(report.totals.requests, all.length);
  assert.deepEqual(report.totals.latencyMs, reference());
  for (const name of ['getAlbum', 'listAlbums']) {
    const op = report.perOperation.find((o: { operation: string }) => o.operation === name);
    assert.deepEqual(op.latencyMs, reference(name), name);
    assert.equal(op.requests, all.filter((s) => s.name === name).length);
  }
  // Pod 1's first 6 answers were 500s, inside the warm-up: k6 counted them, tollgate's gates do not.
  assert.equal(report.totals.errors.http, 0);
  assert.equal(report.verdict, 'pass');
  assert.deepEqual(
    report.gates
      .filter((g: { name: string }) => g.name !== 'answers.expected')
      .map((g: { name: string; verdict: string }) => [g.name, g.verdict]),
    [
      ['latency{op:getAlbum}.p95', 'pass'],
      ['latency.p99', 'pass'],
      ['errors.rate', 'pass'],
    ],
  );
  assert.ok(existsSync(join(runDir, 'run.json')));
  assert.ok(existsSync(join(runDir, 'index.html')));
  assert.ok(existsSync(join(runDir, 'junit.xml')));
});

test('import k6: one slow pod fails the per-operation gate of the whole run, on getAlbum only', async () => {
  const pods = [podSamples(0, false), podSamples(1, false), podSamples(2, true)];
  const files = pods.map((samples, k) => {
    const file = join(dir, `slow-${k}.json`);
    // Pod 0's script marked every answer failed: not the exported script's rule, and the import says so.
    writePod(file, samples, {}, k === 0);
    return file;
  });
  const runDir = join(dir, 'run-slow');
  const result = await runCli(
    ['import', 'k6', ...files, '--profile', profile, '--env', 'local', '--run-dir', runDir],
    { cwd: root },
  );
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stderr, /^note: k6's http_req_failed counted 200 failures, tollgate's rule 0 /m);
  const report = load(runDir);
  const verdicts = Object.fromEntries(
    report.gates.map((g: { name: string; verdict: string }) => [g.name, g.verdict]),
  );
  assert.equal(verdicts['latency{op:getAlbum}.p95'], 'fail');
  assert.equal(verdicts['latency.p99'], 'pass');
  assert.equal(verdicts['errors.rate'], 'pass');
  const getAlbum = report.perOperation.find((o: { operation: string }) => o.operation === 'getAlbum');
  const listAlbums = report.perOperation.find((o: { operation: string }) => o.operation === 'listAlbums');
  assert.ok(getAlbum.latencyMs.p95 > 50, String(getAlbum.latencyMs.p95));
  assert.ok(listAlbums.latencyMs.max < 121);
});

test('import k6: empty, metric-only and mismatched files are one line, exit 2', async () => {
  const empty = join(dir, 'empty.json');
  writeFileSync(empty, '');
  const metricsOnly = join(dir, 'metrics-only.json');
  writePod(metricsOnly, []);
  const good = join(dir, 'good.json');
  writePod(good, podSamples(0, false));
  const otherProfile = join(dir, 'other-profile.json');
  writePod(otherProfile, podSamples(1, false), { tollgate_profile: 'baseline' });
  const v1 = join(dir, 'v1.json');
  writePod(v1, podSamples(0, false), { k6_version: '1.3.0' });
  const v2 = join(dir, 'v2.json');
  writePod(v2, podSamples(1, false), { k6_version: '1.4.0' });
  const garbage = join(dir, 'garbage.json');
  writeFileSync(garbage, '{"type":"Metric"}\nnot json\n');
  // The CLI: an empty file is one line, exit 2, and no run folder.
  const result = await runCli(
    ['import', 'k6', good, empty, '--profile', profile, '--env', 'local', '--run-dir', join(dir, 'never')],
    { cwd: root },
  );
  assert.equal(result.code, 2, result.stderr);
  assert.match(
    oneLine(result),
    /^TG_K6_INPUT: .*empty\.json has no http_req_duration points: k6 measured nothing there \(/,
  );
  // The same readers the CLI calls, in process (each CLI start costs seconds on a shared machine).
  const readAll = async (files: string[]) => {
    const samples = new K6Samples();
    const read = [];
    for (const f of files) read.push(await readK6Json(f, f, samples));
    return read;
  };
  const refused = async (files: string[]) => {
    try {
      assertOneRun(await readAll(files), 'pods', 'local');
    } catch (error) {
      assert.ok(error instanceof TollgateError);
      assert.equal(error.exitCode, 2);
      assert.doesNotMatch(error.message, /\n/);
      return error.message;
    }
    assert.fail(`${files.join(' ')} was accepted`);
  };
  assert.match(await refused([metricsOnly]), /metrics-only\.json has no http_req_duration points/);
  assert.match(
    await refused([good, otherProfile]),
    /other-profile\.json is from tollgate_profile "baseline", not "pods"/,
  );
  assert.match(
    await refused([v1, v2]),
    /v1\.json and .*v2\.json disagree on k6_version \("1\.3\.0" vs "1\.4\.0"\)/,
  );
  assert.match(await refused([garbage]), /garbage\.json:2 is not JSON/);
  assert.match(await refused([join(dir, 'missing.json')]), /no such k6 output file/);
  // Fault absent: files of one run are accepted.
  const one = await readAll([good, v1]);
  assert.doesNotThrow(() => assertOneRun(one, 'pods', 'local'));
  assert.equal(existsSync(join(dir, 'never')), false);
});
