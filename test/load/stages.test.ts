import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import {
  arrivalTime,
  buildSchedule,
  parseDuration,
  plannedArrivals,
  rateAt,
} from '../../src/load/profile/stages.ts';

describe('parseDuration', () => {
  const table: [string | number, number][] = [
    ['30s', 30_000],
    ['2m', 120_000],
    ['500ms', 500],
    ['1.5s', 1500],
    [3, 3000],
    ['1h', 3_600_000],
  ];
  for (const [given, want] of table) test(String(given), () => assert.equal(parseDuration(given), want));
  for (const bad of ['', 'soon', '-1s', '5 minutes', -2]) {
    test(`rejects ${JSON.stringify(bad)}`, () => assert.ok(Number.isNaN(parseDuration(bad))));
  }
});

describe('buildSchedule', () => {
  const open = {
    model: 'open' as const,
    stages: [
      { kind: 'warmup' as const, duration: '2s', rate: 50 },
      { kind: 'ramp' as const, duration: '4s', rate: 200 },
      { kind: 'steady' as const, duration: '4s', rate: 200 },
    ],
  };

  test('lays stages end to end; ramps start from the previous rate', () => {
    const s = buildSchedule(open);
    assert.equal(s.totalMs, 10_000);
    assert.equal(s.warmupMs, 2000);
    assert.equal(rateAt(s, 1000), 50);
    assert.equal(rateAt(s, 4000), 125);
    assert.equal(rateAt(s, 9000), 200);
    assert.equal(rateAt(s, 10_000), 0);
    assert.equal(plannedArrivals(s), 125 * 4 + 200 * 4);
  });

  test('--duration scales measured stages and keeps the warm-up', () => {
    const s = buildSchedule(open, { durationSec: 4 });
    assert.equal(s.warmupMs, 2000);
    assert.equal(s.totalMs, 6000);
    assert.deepEqual(
      s.stages.map((x) => x.endMs - x.startMs),
      [2000, 2000, 2000],
    );
  });

  test('--rate scales every stage to the new peak', () => {
    const s = buildSchedule(open, { rate: 400 });
    assert.deepEqual(
      s.stages.map((x) => x.toRate),
      [100, 400, 400],
    );
  });

  test('a profile without stages is one steady stage', () => {
    const s = buildSchedule({ model: 'closed', connections: 7, duration: '3s' }, { connections: 14 });
    assert.equal(s.stages.length, 1);
    assert.equal(s.stages[0].kind, 'steady');
    assert.equal(s.stages[0].toConnections, 14);
    assert.equal(s.totalMs, 3000);
  });
});

describe('arrivalTime', () => {
  test('constant rate: evenly spaced from the start', () => {
    const s = buildSchedule({ model: 'open', rate: 100, duration: '2s' });
    assert.equal(arrivalTime(s, 0), 0);
    assert.equal(arrivalTime(s, 1), 10);
    assert.equal(arrivalTime(s, 150), 1500);
    assert.equal(arrivalTime(s, 200), Number.POSITIVE_INFINITY);
  });

  test('a ramp from zero is followed, not skipped', () => {
    const s = buildSchedule({
      model: 'open',
      stages: [
        { kind: 'ramp', duration: '2s', rate: 100 },
        { kind: 'steady', duration: '1s', rate: 100 },
      ],
    });
    // 0 -> 100 rps over 2 s is 100 arrivals; arrival n at sqrt(2n/50) s
    assert.ok(Math.abs(arrivalTime(s, 2) - 282.84) < 0.01);
    assert.ok(Math.abs(arrivalTime(s, 50) - 1414.21) < 0.01);
    assert.ok(Math.abs(arrivalTime(s, 100) - 2000) < 1e-6);
    assert.ok(Math.abs(arrivalTime(s, 150) - 2500) < 1e-6);
    let count = 0;
    while (arrivalTime(s, count) < s.totalMs) count++;
    assert.equal(count, Math.round(plannedArrivals(s)));
  });
});
