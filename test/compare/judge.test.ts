import assert from 'node:assert/strict';
import { test } from 'vitest';
import { compareDefaults } from '../../src/compare/defaults.ts';
import { compareFindings, judgeContract, judgeLatency, judgeRate } from '../../src/compare/judge-metric.ts';
import { scoreVerdict } from '../../src/compare/score-verdict.ts';
import type { MetricResult } from '../../src/compare/types.ts';

const options = { confidence: 0.98, minSamples: 30 };
const latencyRule = compareDefaults.metrics.latency;

/** Latencies around `median` ms with a long right tail, deterministic. */
function latencies(n: number, median: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 16807) % 2147483647;
    const u = s / 2147483647;
    return median * (0.8 + 0.4 * u) + (u > 0.95 ? median * 3 * u : 0);
  });
}

const seen = (n: number) => ({ baseline: n, candidate: n });

test('latency: a candidate 5 ms slower on a 1 ms median is high, and the reason names the operation and metric', () => {
  const base = latencies(400, 1, 1);
  const cand = latencies(400, 1, 2).map((v) => v + 5);
  const r = judgeLatency('getAlbum', base, cand, seen(400), latencyRule, options);
  assert.equal(r.class, 'high');
  assert.ok(r.lower! > 4 && r.upper! < 6, `interval ${r.lower}..${r.upper}`);
  assert.match(r.reason, /^getAlbum latency: candidate \+5(\.\d+)? ms slower at the median/);
});

test('latency: a shift under the allowed effect (1 ms on 1 ms, allowed 2 ms) and identical processes pass', () => {
  const base = latencies(400, 1, 3);
  assert.equal(
    judgeLatency(
      'a',
      base,
      latencies(400, 1, 4).map((v) => v + 1),
      seen(400),
      latencyRule,
      options,
    ).class,
    'pass',
  );
  assert.equal(judgeLatency('a', base, latencies(400, 1, 5), seen(400), latencyRule, options).class, 'pass');
});

test('latency: 10% of a slow median is the allowance when it is above 2 ms', () => {
  const base = latencies(600, 100, 6);
  const slower = (d: number) => latencies(600, 100, 7).map((v) => v + d);
  assert.equal(judgeLatency('a', base, slower(5), seen(600), latencyRule, options).class, 'pass');
  assert.equal(judgeLatency('a', base, slower(25), seen(600), latencyRule, options).class, 'high');
  const strict = { ...latencyRule, allowedIncrease: 0.01 };
  assert.equal(judgeLatency('a', base, slower(5), seen(600), strict, options).class, 'high');
});

test('latency: too few samples is nodata, never pass', () => {
  const r = judgeLatency(
    'getTrack',
    latencies(10, 1, 8),
    latencies(400, 1, 9),
    { baseline: 10, candidate: 400 },
    latencyRule,
    options,
  );
  assert.equal(r.class, 'nodata');
  assert.match(r.reason, /too little data \(10 baseline and 400 candidate samples; needs 30 each\)/);
});

test('rates: 5% 5xx against none is high; equal rates and a small allowed rise pass; few requests is nodata', () => {
  const rule = compareDefaults.metrics['5xx'];
  const high = judgeRate(
    '5xx',
    '*',
    { count: 0, requests: 400 },
    { count: 20, requests: 400 },
    rule,
    options,
  );
  assert.equal(high.class, 'high');
  assert.match(high.reason, /^all operations 5xx rate: candidate 5% \(20\/400\) vs baseline 0% \(0\/400\)/);
  assert.equal(
    judgeRate('5xx', '*', { count: 2, requests: 400 }, { count: 2, requests: 400 }, rule, options).class,
    'pass',
  );
  assert.equal(
    judgeRate('errors', 'x', { count: 0, requests: 400 }, { count: 1, requests: 400 }, rule, options).class,
    'pass',
  );
  assert.equal(
    judgeRate('errors', 'x', { count: 0, requests: 20 }, { count: 0, requests: 400 }, rule, options).class,
    'nodata',
  );
});

test('contract: findings only the candidate has are regressions, shared ones known, missing ones fixed', () => {
  const f = (check: string, operation: string) => ({ check, operation, title: `${check} on ${operation}` });
  const c = compareFindings(
    [f('response-schema', 'getAlbum'), f('null-collection', 'listTracks')],
    [
      f('response-schema', 'getAlbum'),
      f('not-a-server-error', 'listAlbums'),
      f('not-a-server-error', 'listAlbums'),
    ],
  );
  assert.deepEqual(c.regressions, [f('not-a-server-error', 'listAlbums')]);
  assert.deepEqual(c.known, [f('response-schema', 'getAlbum')]);
  assert.deepEqual(c.fixed, [f('null-collection', 'listTracks')]);
  assert.equal(judgeContract(c, compareDefaults.metrics.contract).class, 'high');
  assert.equal(
    judgeContract(compareFindings([f('a', 'b')], [f('a', 'b')]), compareDefaults.metrics.contract).class,
    'pass',
  );
});

const metric = (cls: MetricResult['class'], critical = false, weight = 1): MetricResult => ({
  metric: 'latency',
  op: 'x',
  class: cls,
  critical,
  weight,
  baseline: { samples: 0, requests: 0 },
  candidate: { samples: 0, requests: 0 },
  reason: `x ${cls}`,
});
const verdictOptions = { thresholds: { pass: 95, marginal: 75 }, onMarginal: 'rollback' as const };

const verdicts: [
  string,
  { given: MetricResult[]; onMarginal?: 'promote' | 'rollback'; want: [number, string, string] },
][] = [
  ['all pass', { given: Array(20).fill(metric('pass')), want: [100, 'pass', 'promote'] }],
  [
    '19 of 20 pass (95)',
    { given: [...Array(19).fill(metric('pass')), metric('high')], want: [95, 'pass', 'promote'] },
  ],
  [
    '4 of 5 pass: marginal rolls back',
    { given: [...Array(4).fill(metric('pass')), metric('high')], want: [80, 'marginal', 'rollback'] },
  ],
  [
    'marginal promotes when asked',
    {
      given: [...Array(4).fill(metric('pass')), metric('high')],
      onMarginal: 'promote',
      want: [80, 'marginal', 'promote'],
    },
  ],
  [
    'weights count',
    { given: [metric('pass', false, 3), metric('high', false, 1)], want: [75, 'marginal', 'rollback'] },
  ],
  [
    'a critical high fails everything',
    { given: [...Array(30).fill(metric('pass')), metric('high', true)], want: [0, 'fail', 'rollback'] },
  ],
  ['nodata is not a pass', { given: [metric('nodata'), metric('nodata')], want: [0, 'fail', 'rollback'] }],
  ['nothing measured', { given: [], want: [0, 'fail', 'rollback'] }],
];
for (const [name, { given, onMarginal, want }] of verdicts) {
  test(`verdict: ${name}`, () => {
    const v = scoreVerdict(given, { ...verdictOptions, onMarginal: onMarginal ?? 'rollback' });
    assert.deepEqual([v.score, v.classification, v.decision], want);
  });
}

test('verdict: a run stopped early never promotes, and the reasons put critical failures first', () => {
  assert.equal(
    scoreVerdict([metric('pass')], { ...verdictOptions, aborted: { reason: 'interrupted' } }).decision,
    'rollback',
  );
  const v = scoreVerdict([metric('nodata'), metric('high'), metric('high', true)], verdictOptions);
  assert.deepEqual(v.reasons, ['critical: x high', 'x high', 'x nodata']);
});
