import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { evaluateGates, gatesVerdict } from '../../src/gates/evaluate-gates.ts';
import type { GateMetrics } from '../../src/gates/types.ts';

const measured: GateMetrics = {
  values: {
    'latency.p99': 212.4,
    'latency{op:getAlbum}.p95': 61,
    'errors.rate': 0.003,
    rps: 480,
    'contract.violations': 0,
    'contract.findings': 2,
    'latency.p50': 0.138,
  },
};

describe('evaluateGates', () => {
  const table: [string, string, 'pass' | 'fail' | 'unreliable', string][] = [
    ['latency.p99', '<250ms', 'pass', '212.4ms'],
    ['latency.p99', '<200ms', 'fail', '212.4ms'],
    ['latency.p99', '<=0.2s', 'fail', '0.212s'],
    ['latency{op:getAlbum}.p95', '<50ms', 'fail', '61ms'],
    ['latency{op:getAlbum}.p95', '<100ms', 'pass', '61ms'],
    ['latency.p50', '<200us', 'pass', '138us'],
    ['errors.rate', '<1%', 'pass', '0.3%'],
    ['errors.rate', '<0.1%', 'fail', '0.3%'],
    ['rps', '>=500', 'fail', '480'],
    ['rps', '>=400', 'pass', '480'],
    ['contract.violations', '==0', 'pass', '0'],
    ['contract.findings', '==0', 'fail', '2'],
    ['errors.connection', '==0', 'unreliable', 'n/a'],
  ];
  for (const [name, threshold, verdict, text] of table) {
    test(`${name} ${threshold} -> ${verdict}`, () => {
      const [got] = evaluateGates(measured, { [name]: threshold }, 'load:test');
      assert.equal(got.verdict, verdict);
      assert.equal(got.measuredText, text);
      assert.equal(got.scope, 'load:test');
      assert.equal(got.threshold, threshold);
    });
  }

  test('an unreliable measurement never passes', () => {
    const results = evaluateGates(
      { ...measured, unreliable: 'generator CPU saturated' },
      { 'latency.p99': '<250ms', rps: '>=500' },
    );
    assert.deepEqual(
      results.map((r) => r.verdict),
      ['unreliable', 'unreliable'],
    );
    assert.match(results[0].note ?? '', /would pass; generator CPU saturated/);
    assert.match(results[1].note ?? '', /would fail/);
  });

  test('a doubt that can only make results look worse (closed model at full CPU): passes stand, breaches stay unreliable', () => {
    const results = evaluateGates(
      { ...measured, unreliable: 'generator CPU saturated', passesStand: true },
      { 'latency.p99': '<250ms', rps: '>=500' },
    );
    assert.deepEqual(
      results.map((r) => r.verdict),
      ['pass', 'unreliable'],
    );
    assert.match(results[0].note ?? '', /passed although generator CPU saturated/);
    assert.match(results[1].note ?? '', /would fail/);
  });

  test('every request sent, only late (open model lag): answer gates that pass stand, latency and rps stay unreliable', () => {
    const gates = {
      'errors.rate': '<1%',
      'contract.violations': '==0',
      'latency.p99': '<250ms',
      rps: '>=400',
    };
    const lagging = { ...measured, unreliable: 'generator fell behind its schedule' };
    assert.deepEqual(
      evaluateGates({ ...lagging, sentAll: true }, gates).map((r) => r.verdict),
      ['pass', 'pass', 'unreliable', 'unreliable'],
    );
    // without every request sent (a shortfall, drops), an error gate's pass is in doubt too
    assert.deepEqual(
      evaluateGates(lagging, gates).map((r) => r.verdict),
      ['unreliable', 'unreliable', 'unreliable', 'unreliable'],
    );
  });

  test('under an unhealthy generator, a breach it could not cause is a fail, a close one stays unreliable', () => {
    const sick = {
      values: { 'errors.rate': 0.52, 'errors.http': 3, 'latency.p99': 212.4, rps: 180, 'errors.timeouts': 1 },
      unreliable: 'generator CPU saturated',
    };
    const results = evaluateGates(sick, {
      'errors.rate': '<1%', // 52x the limit: no slow generator explains it
      'errors.http': '==0', // HTTP errors are the API's answers
      'latency.p99': '<200ms', // 6% over: a slow generator may have caused it
      rps: '>=500', // under half the floor: too far off
      'errors.timeouts': '<=1', // within: would pass
    });
    assert.deepEqual(
      results.map((r) => [r.name, r.verdict]),
      [
        ['errors.rate', 'fail'],
        ['errors.http', 'fail'],
        ['latency.p99', 'unreliable'],
        ['rps', 'fail'],
        ['errors.timeouts', 'unreliable'],
      ],
    );
    assert.match(results[0].note ?? '', /failed whatever the generator's health \(generator CPU saturated\)/);
  });

  test('gatesVerdict: fail beats unreliable beats pass', () => {
    const pass = evaluateGates(measured, { 'latency.p99': '<250ms' });
    const fail = evaluateGates(measured, { 'latency.p99': '<1ms', 'errors.connection': '==0' });
    const unsure = evaluateGates(measured, { 'latency.p99': '<250ms', 'errors.connection': '==0' });
    assert.equal(gatesVerdict(pass), 'pass');
    assert.equal(gatesVerdict(fail), 'fail');
    assert.equal(gatesVerdict(unsure), 'unreliable');
  });

  test('syntax errors in a raw set throw', () => {
    assert.throws(() => evaluateGates(measured, { 'latency.p99': '250' }), /TG_GATE_SYNTAX|must look like/);
  });
});
