import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { type SelfCheckInput, selfCheck } from '../../src/load/safety/self-check.ts';

const healthy: SelfCheckInput = {
  model: 'open',
  plannedRequests: 1000,
  sentRequests: 995,
  measuredSec: 2,
  cpu: 0.3,
  meanInFlight: 10,
  achievedRps: 497,
  meanLatencyMs: 20,
  dropped: 0,
};

describe('selfCheck', () => {
  const table: [string, Partial<SelfCheckInput>, RegExp | undefined][] = [
    ['healthy run', {}, undefined],
    [
      'rate short by more than 2%',
      { sentRequests: 960 },
      /achieved 480 rps of the 500 rps target \(4% short\)/,
    ],
    ['rate short by under 2%', { sentRequests: 985 }, undefined],
    ['dropped arrivals', { dropped: 12 }, /12 arrivals never sent/],
    ['CPU saturated', { cpu: 0.97 }, /generator CPU saturated \(97% of one core\)/],
    [
      'Little disagrees',
      { meanInFlight: 10, meanLatencyMs: 5 },
      /Little's law disagrees: 10 in flight but rps x mean latency = 2.5/,
    ],
    ['Little ignored with under 2 in flight', { meanInFlight: 1, meanLatencyMs: 0.1 }, undefined],
    [
      'open-model scheduler lag',
      { meanInFlight: undefined, meanLagMs: 12 },
      /fell behind its schedule: requests left 12 ms late/,
    ],
    ['small scheduler lag is fine', { meanInFlight: undefined, meanLagMs: 0.8 }, undefined],
    [
      'at 20 rps (50 ms apart) 6 ms late keeps the spacing: fine',
      { meanInFlight: undefined, plannedRequests: 40, sentRequests: 40, achievedRps: 20, meanLagMs: 6 },
      undefined,
    ],
    [
      'at 20 rps, 13 ms late (over a quarter of the gap) is flagged',
      { meanInFlight: undefined, plannedRequests: 40, sentRequests: 40, achievedRps: 20, meanLagMs: 13 },
      /fell behind its schedule: requests left 13 ms late/,
    ],
    [
      'at 500 rps (2 ms apart) 6 ms late is flagged',
      { meanInFlight: undefined, meanLagMs: 6 },
      /fell behind its schedule: requests left 6 ms late/,
    ],
    [
      "CPU spent reconnecting to a refusing server is not the generator's fault",
      { cpu: 1.05, connectionErrorShare: 0.4 },
      undefined,
    ],
    [
      'CPU saturated with a few refusals is still flagged',
      { cpu: 1.05, connectionErrorShare: 0.001 },
      /CPU saturated/,
    ],
    [
      'closed model has no target rate',
      { model: 'closed', plannedRequests: undefined, sentRequests: 10 },
      undefined,
    ],
  ];
  for (const [name, change, want] of table) {
    test(name, () => {
      const got = selfCheck({ ...healthy, ...change });
      if (want) {
        assert.equal(got.ok, false);
        assert.match(got.problems.join('\n'), want);
      } else {
        assert.deepEqual(got.problems, []);
        assert.equal(got.ok, true);
      }
    });
  }
});
