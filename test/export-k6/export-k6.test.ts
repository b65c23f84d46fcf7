import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, test } from 'vitest';
import { parse } from 'yaml';
import { optionsMarkers } from '../../src/export-k6/k6-script.ts';
import { k6Version } from '../../src/export-k6/k6-version.ts';
import { oneLine, runCli } from '../support/run-cli.ts';
import { typecheck } from '../support/typecheck.ts';

/**
 * k6 is not installed (AGPL, no Debian package): the exported script is
 * proven by tsc against @types/k6, and its options by reading them back.
 */
const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'tollgate-k6-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A closed-model profile with a sequence, a capture, an `expect`, per-operation gates and abortOnFail.
const profileFile = join(dir, 'checkout.ts');
writeFileSync(
  profileFile,
  `export default {
  model: 'closed',
  stages: [
    { kind: 'warmup', duration: '2s', connections: 2 },
    { kind: 'ramp', duration: '5s', connections: 10 },
    { kind: 'steady', duration: '10s', connections: 10 },
    { kind: 'rampdown', duration: '3s', connections: 1 },
  ],
  abortOnFail: { graceSec: 2 },
  requests: [
    { weight: 4, path: '/v1/albums/{id}', method: 'get', params: (ctx) => ({ path: { id: 1 + (ctx.iteration % 3) } }), expect: [200, 404] },
    {
      weight: 1,
      name: 'create-then-read',
      steps: [
        { path: '/v1/albums', method: 'post', body: (ctx) => ({ title: 'k6 ' + ctx.iteration, artist: 'x', price: 1, year: 2024 }), capture: (res) => ({ id: res.json?.id }) },
        { path: '/v1/albums/{id}', method: 'get', params: (ctx) => ({ path: { id: Number(ctx.vars.id) } }) },
      ],
    },
  ],
  gates: {
    local: {
      'latency.p99': '<250ms',
      'latency{op:getAlbum}.p95': '<50ms',
      'latency.mean': '<=100ms',
      'errors.rate': '<1%',
      'errors.count': '<10',
      rps: '>=5',
      'errors{op:createAlbum}.rate': '<0.5%',
      'contract.violations': '==0',
      'errors.timeouts': '==0',
    },
  },
};
`,
);

function options(script: string): Record<string, unknown> {
  const start = script.indexOf(optionsMarkers.start);
  const end = script.indexOf(optionsMarkers.end);
  const body = script.slice(start + optionsMarkers.start.length, end).trim();
  return JSON.parse(body.replace(/^export const options: Options = /, '').replace(/;$/, ''));
}

/** tsc on the scripts against @types/k6, as k6 users type-check theirs. */
function typecheckScripts(files: string[]): Promise<{ code: number; output: string }> {
  const types = join(root, 'node_modules/@types/k6');
  return typecheck(dir, files, {
    target: 'ES2020',
    lib: ['ES2020'],
    paths: { k6: [join(types, 'index.d.ts')], 'k6/*': [join(types, '*')] },
  });
}

test('export k6: a closed profile becomes ramping-vus, its gates thresholds, dropped gates named', async () => {
  const out = join(dir, 'checkout.k6.ts');
  const result = await runCli(['export', 'k6', profileFile, '--env', 'local', '--out', out], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  const script = readFileSync(out, 'utf8');
  const opts = options(script);
  assert.deepEqual(opts.scenarios, {
    checkout: {
      executor: 'ramping-vus',
      startVUs: 2,
      stages: [
        { target: 2, duration: '2s' },
        { target: 10, duration: '5s' },
        { target: 10, duration: '10s' },
        { target: 1, duration: '3s' },
      ],
    },
  });
  const abort = (threshold: string) => ({ threshold, abortOnFail: true, delayAbortEval: '4s' });
  assert.deepEqual(opts.thresholds, {
    http_req_duration: [abort('p(99)<250'), abort('avg<=100')],
    'http_req_duration{name:getAlbum}': [abort('p(95)<50')],
    http_req_failed: [abort('rate<0.01')],
    tollgate_failed: [abort('count<10')],
    http_reqs: [abort('rate>=5')],
    'http_req_failed{name:createAlbum}': [abort('rate<0.005')],
  });
  // The k6 version the script is written for tags every sample: import k6 refuses files that disagree.
  assert.deepEqual(opts.tags, { tollgate_profile: 'checkout', tollgate_env: 'local', k6_version: k6Version });
  assert.match(script, new RegExp(`^// Written by .* for k6 ${k6Version.replaceAll('.', '\\.')};`));
  const typesVersion = JSON.parse(
    readFileSync(join(root, 'node_modules/@types/k6/package.json'), 'utf8'),
  ).version;
  assert.equal(k6Version, typesVersion, 'the k6 version the scripts are typed against');
  // What k6 cannot judge: a comment in the script and a one-line notice each.
  assert.match(script, /^\/\/ {3}contract\.violations ==0: /m);
  assert.match(script, /^\/\/ {3}errors\.timeouts ==0: /m);
  assert.match(result.stderr, /^note: gate contract\.violations ==0 is not in the k6 script: .+$/m);
  assert.match(result.stderr, /^note: gate errors\.timeouts ==0 is not in the k6 script: .+$/m);
  // Every request is tagged with its operation; credentials come from __ENV, never the value.
  assert.match(script, /tags: \{ name: step\.name \}/);
  assert.match(
    script,
    /name: "getAlbum", method: "GET", path: "\/v1\/albums\/\{id\}", expect: \[200,404\], documented: \[200,400,404\]/,
  );
  assert.match(script, /name: "createAlbum", method: "POST"/);
  assert.match(script, /capture: res=>\(\{id:res\.json\?\.id\}\)/);
  assert.match(script, /"authorization": `Bearer \$\{env\("TOLLGATE_TOKEN"\)\}`/);
  assert.doesNotMatch(script, /http:\/\/127\.0\.0\.1/);
  const typed = await typecheckScripts([out]);
  assert.equal(typed.code, 0, typed.output);
});

test('export k6: an open profile becomes ramping-arrival-rate; a broken export fails tsc (negative control)', async () => {
  const out = join(dir, 'smoke.ts');
  const result = await runCli(['export', 'k6', 'smoke', '--env', 'staging', '--out', out], { cwd: root });
  assert.equal(result.code, 0, result.stderr);
  const script = readFileSync(out, 'utf8');
  const opts = options(script);
  assert.deepEqual(opts.scenarios, {
    smoke: {
      executor: 'ramping-arrival-rate',
      startRate: 20,
      timeUnit: '1s',
      preAllocatedVUs: 5,
      maxVUs: 8,
      stages: [
        { target: 20, duration: '1s' },
        { target: 100, duration: '0s' },
        { target: 100, duration: '4s' },
      ],
    },
  });
  assert.deepEqual(opts.thresholds, { http_req_duration: ['p(99)<500'], http_req_failed: ['rate<0.01'] });
  assert.match(script, /env\("STAGING_TOKEN"\)/);
  assert.equal((await typecheckScripts([out])).code, 0);

  const broken = [
    [
      'executor typo',
      script.replace('"ramping-arrival-rate"', '"ramping-arrival-rat"'),
      /ramping-arrival-rat/,
    ],
    ['threshold as a number', script.replace('"p(99)<500"', '500'), /Threshold|number/],
    ['request without a URL', script.replace('http.request(step.method, ', 'http.request('), /TS2\d{3}/],
  ] as const;
  for (const [what, text, error] of broken) {
    const file = join(dir, `broken-${what.replaceAll(' ', '-')}.ts`);
    writeFileSync(file, text);
    const typed = await typecheckScripts([file]);
    assert.notEqual(typed.code, 0, `${what}: tsc accepted a broken script`);
    assert.match(typed.output, error, what);
  }
});

test('export k6: one flat stage is constant-arrival-rate (open) or constant-vus (closed), and type-checks', async () => {
  const table = [
    [
      'flat-open',
      "model: 'open', rate: 40, duration: '30s'",
      {
        executor: 'constant-arrival-rate',
        rate: 40,
        timeUnit: '1s',
        duration: '30s',
        preAllocatedVUs: 2,
        maxVUs: 8,
      },
    ],
    [
      'flat-closed',
      "model: 'closed', connections: 6, duration: '1m'",
      { executor: 'constant-vus', vus: 6, duration: '60s' },
    ],
  ] as const;
  const outs: string[] = [];
  for (const [name, model, want] of table) {
    const file = join(dir, `${name}.ts`);
    writeFileSync(
      file,
      `export default { ${model}, requests: [{ path: '/healthz', method: 'get' }], gates: { local: { 'latency.max': '<1s' } } };\n`,
    );
    const out = join(dir, `${name}.k6.ts`);
    const result = await runCli(['export', 'k6', file, '--env', 'local', '--out', out], { cwd: root });
    assert.equal(result.code, 0, result.stderr);
    const opts = options(readFileSync(out, 'utf8'));
    assert.deepEqual(opts.scenarios, { [name]: want }, name);
    assert.deepEqual(opts.thresholds, { http_req_duration: ['max<1000'] }, name);
    outs.push(out);
  }
  const typed = await typecheckScripts(outs);
  assert.equal(typed.code, 0, typed.output);
});

test('export k6 --k6-operator: a TestRun with the CRD fields k6-operator documents, and the ConfigMap', async () => {
  const out = join(dir, 'op', 'smoke.ts');
  const result = await runCli(
    ['export', 'k6', 'smoke', '--env', 'staging', '--out', out, '--k6-operator', '--parallelism', '4'],
    { cwd: root },
  );
  assert.equal(result.code, 0, result.stderr);
  const testRun = parse(readFileSync(join(dir, 'op', 'smoke.testrun.yaml'), 'utf8'));
  const configMap = parse(readFileSync(join(dir, 'op', 'smoke.configmap.yaml'), 'utf8'));
  assert.equal(testRun.apiVersion, 'k6.io/v1alpha1');
  assert.equal(testRun.kind, 'TestRun');
  assert.match(testRun.metadata.name, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  assert.equal(testRun.spec.parallelism, 4);
  assert.deepEqual(testRun.spec.script, { configMap: { name: configMap.metadata.name, file: 'smoke.ts' } });
  assert.equal(testRun.spec.arguments, '--out json=/tmp/k6-out.json');
  assert.equal(testRun.spec.runner.image, `grafana/k6:${k6Version}`);
  const names = testRun.spec.runner.env.map((e: { name: string }) => e.name);
  assert.deepEqual(names, ['BASE_URL', 'STAGING_TOKEN']);
  for (const e of testRun.spec.runner.env) {
    assert.equal(e.value, undefined, `${e.name} is inlined`);
    assert.equal(typeof e.valueFrom.secretKeyRef.name, 'string');
    assert.equal(e.valueFrom.secretKeyRef.key, e.name);
  }
  assert.equal(configMap.apiVersion, 'v1');
  assert.equal(configMap.kind, 'ConfigMap');
  assert.equal(configMap.data['smoke.ts'], readFileSync(out, 'utf8'));
  assert.deepEqual(Object.keys(configMap.data), ['smoke.ts']);
});

test('export k6: bad input is one line, exit 2', async () => {
  const cases = [
    [
      ['export', 'k6', 'baseline', '--env', 'local', '--out', join(dir, 'b.ts')],
      /requests\[2\]\.steps\[0\]\.params uses token from outside the function/,
    ],
    [['export', 'k6', 'smoke', '--out', join(dir, 'c.ts')], /needs --env/],
    [['export', 'k6', 'smoke', '--env', 'nowhere', '--out', join(dir, 'd.ts')], /no environment "nowhere"/],
    [
      ['export', 'k6', 'smoke', '--env', 'local', '--k6-operator', '--parallelism', '0'],
      /--parallelism must be/,
    ],
    [['export', 'jmeter', 'smoke', '--env', 'local'], /export writes k6 scripts/],
  ] as const;
  for (const [args, message] of cases) {
    const result = await runCli([...args], { cwd: root });
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(oneLine(result), message);
  }
});
