import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { isTollgateError } from '../../src/errors/tollgate-error.ts';
import { parseGateSet, parseGatesByEnv } from '../../src/gates/parse-gates.ts';
import { parseMetricName, parsePercentile } from '../../src/gates/parse-metric.ts';
import { parseThreshold } from '../../src/gates/parse-threshold.ts';

describe('parseThreshold', () => {
  const ok: [string, Parameters<typeof parseThreshold>[1], { comparator: string; value: number }][] = [
    ['<250ms', 'latency', { comparator: '<', value: 250 }],
    ['<=1s', 'latency', { comparator: '<=', value: 1000 }],
    ['< 500us', 'latency', { comparator: '<', value: 0.5 }],
    ['<1%', 'ratio', { comparator: '<', value: 0.01 }],
    ['<0.05', 'ratio', { comparator: '<', value: 0.05 }],
    ['>=500', 'rate', { comparator: '>=', value: 500 }],
    ['==0', 'count', { comparator: '==', value: 0 }],
    ['!=3', 'count', { comparator: '!=', value: 3 }],
    ['>12.5', 'rate', { comparator: '>', value: 12.5 }],
  ];
  for (const [text, kind, want] of ok) {
    test(`${text} as ${kind}`, () => {
      const got = parseThreshold(text, kind);
      assert.equal(typeof got, 'object');
      if (typeof got === 'string') return;
      assert.equal(got.comparator, want.comparator);
      assert.ok(Math.abs(got.value - want.value) < 1e-9, `${got.value} vs ${want.value}`);
    });
  }

  const bad: [unknown, Parameters<typeof parseThreshold>[1], RegExp][] = [
    [250, 'latency', /must look like "<250ms", got 250$/],
    ['250ms', 'latency', /must look like "<250ms"/],
    ['<250', 'latency', /latency needs a unit/],
    ['<5%', 'latency', /latency needs a unit/],
    ['<5ms', 'ratio', /percentage or a ratio/],
    ['<5', 'ratio', /did you mean 5%/],
    ['>=500rps', 'rate', /must look like ">=500"/],
    ['==0ms', 'count', /a count takes no unit/],
    ['=0', 'count', /must look like "==0"/],
    ['', 'count', /got ""/],
  ];
  for (const [text, kind, want] of bad) {
    test(`rejects ${JSON.stringify(text)} as ${kind}`, () => {
      const got = parseThreshold(text, kind);
      assert.equal(typeof got, 'string');
      assert.match(got as string, want);
    });
  }
});

describe('parseMetricName', () => {
  const ok: [string, Record<string, unknown>][] = [
    ['latency.p99', { kind: 'latency', percentile: 99 }],
    ['latency.p50', { kind: 'latency', percentile: 50 }],
    ['latency.p999', { kind: 'latency', percentile: 99.9 }],
    ['latency{op:getAlbum}.p95', { kind: 'latency', percentile: 95, op: 'getAlbum' }],
    ['latency.mean', { kind: 'latency', stat: 'mean' }],
    ['latency.max', { kind: 'latency', stat: 'max' }],
    ['errors.rate', { kind: 'ratio' }],
    ['errors{op:getAlbum}.rate', { kind: 'ratio', op: 'getAlbum' }],
    ['errors.connection', { kind: 'count' }],
    ['rps', { kind: 'rate' }],
    ['rps{op:listAlbums}', { kind: 'rate', op: 'listAlbums' }],
    ['contract.violations', { kind: 'count' }],
    ['contract.findings', { kind: 'count' }],
    ['coverage.neverSeen', { kind: 'count' }],
  ];
  for (const [name, want] of ok) {
    test(name, () => {
      const got = parseMetricName(name);
      assert.equal(typeof got, 'object', String(got));
      for (const [k, v] of Object.entries(want)) assert.equal((got as never)[k], v, k);
    });
  }
  for (const name of [
    'latncy.p99',
    'latency.p0',
    'latency.p',
    'errors',
    'contract{op:x}.findings',
    'rps.p99',
  ]) {
    test(`rejects ${name}`, () => assert.equal(typeof parseMetricName(name), 'string'));
  }
  test('percentile digits', () => {
    assert.equal(parsePercentile('p9999'), 99.99);
    assert.equal(parsePercentile('p100'), 10);
    assert.equal(parsePercentile('x95'), undefined);
  });
});

describe('parseGateSet', () => {
  test('parses a valid set', () => {
    const got = parseGateSet({ 'latency.p99': '<250ms', 'errors.rate': '<1%', rps: '>=500' }, 'gates.local');
    assert.deepEqual(
      got.map((g) => [g.metric.name, g.threshold.value]),
      [
        ['latency.p99', 250],
        ['errors.rate', 0.01],
        ['rps', 500],
      ],
    );
  });
  const bad: [string, unknown, string][] = [
    [
      'number threshold',
      { staging: { 'latency.p99': 250 } },
      'load/baseline.ts: gates.staging["latency.p99"] must look like "<250ms", got 250',
    ],
    [
      'unknown metric',
      { local: { 'latency.p1000x': '<1ms' } },
      'gates.local["latency.p1000x"]: "latency.p1000x"',
    ],
    ['not an object', { local: ['<1ms'] }, 'load/baseline.ts: gates.local must be an object'],
    ['env map not an object', 'x', 'load/baseline.ts: gates must map environment names'],
  ];
  for (const [name, gates, want] of bad) {
    test(`rejects ${name} with a path-precise TG_GATE_SYNTAX`, () => {
      assert.throws(
        () => parseGatesByEnv(gates, 'load/baseline.ts: gates'),
        (error: unknown) => {
          assert.ok(isTollgateError(error));
          assert.equal(error.code, 'TG_GATE_SYNTAX');
          assert.equal(error.exitCode, 2);
          assert.ok(error.message.includes(want), error.message);
          return true;
        },
      );
    });
  }
});
