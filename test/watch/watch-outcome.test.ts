import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { WatchResult, WatchWindow } from '../../src/run/model.ts';
import { watchOutcome } from '../../src/watch/watch-outcome.ts';

const window = (requests: number): WatchWindow => ({
  startMs: 0,
  endMs: 5000,
  requests,
  errors: { count: 0, rate: 0, http5xx: 0, http4xx: 0, timeouts: 0, refused: 0, resets: 0 },
  latencyMs: { p50: 1, p95: 2, p99: 3, max: 4 },
});

const watch = (requests: number) =>
  ({
    command: { exitCode: 0 },
    before: window(10),
    window: window(requests),
    gates: [],
  }) as unknown as WatchResult;

test('a switch window with no request measured is no pass', () => {
  const outcome = watchOutcome(watch(0));
  assert.equal(outcome.verdict, 'fail');
});

test('a switch window with requests and no failure passes', () => {
  assert.equal(watchOutcome(watch(50)).verdict, 'pass');
});
