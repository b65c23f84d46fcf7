import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { compareSettings } from '../../src/compare/compare-settings.ts';
import { compareTargets } from '../../src/compare/compare-targets.ts';
import type { UserCompareOptions } from '../../src/config/types.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import type { LoadedSpec } from '../../src/spec/types.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { compareTarget } from '../support/compare-target.ts';
import { oneLine, runCli } from '../support/run-cli.ts';

const specFile = new URL('../../specs/albums.openapi.yaml', import.meta.url).pathname;

test('compareSettings: the config over the defaults field by field, the flags over both', () => {
  const s = compareSettings(
    {
      durationSec: 10,
      confidence: 0.95,
      thresholds: { marginal: 50 },
      onMarginal: 'promote',
      metrics: { latency: { allowedIncrease: '25%', critical: true }, errors: { weight: 2 } },
    },
    { rate: 7, contract: false },
  );
  assert.equal(s.durationMs, 10_000);
  assert.equal(s.rate, 7);
  assert.equal(s.confidence, 0.95);
  assert.deepEqual(s.thresholds, { pass: 95, marginal: 50 });
  assert.equal(s.onMarginal, 'promote');
  assert.deepEqual(s.metrics.latency, { allowedIncrease: 0.25, allowedMs: 2, critical: true, weight: 1 });
  assert.equal(s.metrics.errors.weight, 2);
  assert.equal(s.metrics['5xx'].critical, true);
  assert.equal(s.contract, false);
  assert.equal(compareSettings().contract, true);
});

describe('environments.<env>.compare validated on load: one line naming the path, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-compare-settings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cases: [string, unknown, RegExp][] = [
    [
      'confidence',
      { confidence: 98 },
      /compare\.confidence must be a number above 0\.5 and below 1, like 0\.98, got 98$/,
    ],
    [
      'percent',
      { metrics: { latency: { allowedIncrease: 10 } } },
      /compare\.metrics\.latency\.allowedIncrease must be a percentage of the baseline median like "10%", got 10$/,
    ],
    [
      'ms on a rate',
      { metrics: { errors: { allowedMs: 5 } } },
      /compare\.metrics\.errors\.allowedMs applies to latency only \(use allowedIncrease\), got 5$/,
    ],
    [
      'unknown metric',
      { metrics: { p99: {} } },
      /compare\.metrics\.p99 is not an option \(known: latency, errors, 5xx, contract\)/,
    ],
    [
      'marginal',
      { onMarginal: 'maybe' },
      /compare\.onMarginal must be 'promote' or 'rollback', got "maybe"$/,
    ],
    [
      'thresholds',
      { thresholds: { pass: 70, marginal: 80 } },
      /compare\.thresholds\.marginal must not be above pass \(70\), got 80$/,
    ],
    [
      'critical',
      { metrics: { latency: { critical: 'yes' } } },
      /compare\.metrics\.latency\.critical must be true or false, got "yes"$/,
    ],
    [
      'weight',
      { metrics: { '5xx': { weight: -1 } } },
      /compare\.metrics\.5xx\.weight must be a number >= 0, got -1$/,
    ],
    [
      'gates',
      { gates: { 'latency.p99': '<1s' } },
      /compare\.gates\.latency\.p99 must be a PromQL gate \(promql\.<name> or promql:<expr>\): compare judges latency and errors itself, got "latency\.p99"$/,
    ],
  ];
  test.concurrent.each(cases)('%s', async (name, compare, want) => {
    const cwd = join(dir, name.replaceAll(' ', '-'));
    const config = {
      specs: { albums: specFile },
      environments: {
        c: {
          baseURL: 'http://127.0.0.1:1',
          baseline: { baseURL: 'http://127.0.0.1:1' },
          candidate: { baseURL: 'http://127.0.0.1:2' },
          compare,
        },
      },
    };
    mkdirSync(cwd);
    writeFileSync(join(cwd, 'tollgate.config.mjs'), `export default ${JSON.stringify(config)};\n`);
    const r = await runCli(['compare', '--env', 'c'], { cwd });
    assert.equal(r.code, 2, r.stderr);
    const line = oneLine(r);
    assert.match(line, /^TG_CONFIG_INVALID: .*tollgate\.config\.mjs: environments\.c\.compare\./);
    assert.match(line.replace(/ \(fix the config value named above\)$/, ''), want);
  });
});

/**
 * The per-metric rules on real traffic: a candidate 40 ms slower on every
 * request, judged under different settings (no contract runs, 4 s each).
 */
describe('per-metric rules decide the verdict', () => {
  let spec: LoadedSpec;
  let baseline: AlbumsApi;
  let slow: AlbumsApi;
  beforeAll(async () => {
    [baseline, slow, spec] = await Promise.all([
      startAlbumsApi(),
      startAlbumsApi({ faults: ['extra-delay-ms'], env: { ALBUMS_EXTRA_DELAY_MS: '40' } }),
      loadSpec(specFile),
    ]);
  });
  afterAll(async () => {
    await Promise.all([baseline?.stop(), slow?.stop()]);
  });
  const judge = async (user: UserCompareOptions) =>
    (
      await compareTargets(compareTarget(spec), {
        sides: {
          baseline: { baseURL: baseline.baseURL, headers: {} },
          candidate: { baseURL: slow.baseURL, headers: {} },
        },
        settings: compareSettings({ durationSec: 4, rate: 60, minSamples: 10, contract: false, ...user }),
        cwd: process.cwd(),
        signal: new AbortController().signal,
        log: () => {},
      })
    ).result;

  test('allowedMs 100: the 40 ms shift is allowed on every operation, promote', async () => {
    const allowed = await judge({ metrics: { latency: { allowedMs: 100 } } });
    const latency = allowed.metrics.filter((m) => m.metric === 'latency');
    assert.ok(
      latency.every((m) => m.class === 'pass' && m.allowed === 100),
      latency.map((m) => m.reason).join('; '),
    );
    assert.equal(allowed.verdict.decision, 'promote', allowed.verdict.reasons.join('; '));
  });

  test('light latency weights make the score marginal: onMarginal decides; critical latency forces 0', async () => {
    const light = { metrics: { latency: { weight: 0.05 } }, thresholds: { pass: 99.5, marginal: 90 } };
    const promote = await judge({ ...light, onMarginal: 'promote' });
    assert.equal(promote.verdict.classification, 'marginal', `score ${promote.verdict.score}`);
    assert.equal(promote.verdict.decision, 'promote');
    const rollback = await judge({ ...light, onMarginal: 'rollback' });
    assert.equal(rollback.verdict.classification, 'marginal', `score ${rollback.verdict.score}`);
    assert.equal(rollback.verdict.decision, 'rollback');
    const critical = await judge({ metrics: { latency: { critical: true } } });
    assert.equal(critical.verdict.score, 0);
    assert.match(critical.verdict.criticalFailure ?? '', /^\w+ latency: candidate \+\d/);
  });
});
