import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { compareDefaults } from '../../src/compare/defaults.ts';
import { runInterleaved } from '../../src/compare/interleaved-traffic.ts';
import { judgeLatency } from '../../src/compare/judge-metric.ts';
import { runCompare } from '../../src/compare/run-compare.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { readMix, type TrafficRequest } from '../../src/traffic/read-mix.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';

const specFile = new URL('../../specs/albums.openapi.yaml', import.meta.url).pathname;
const judge = { confidence: compareDefaults.confidence, minSamples: compareDefaults.minSamples };

/**
 * A candidate that holds every request for 800 ms of each second (the stall
 * fault). At 50 rps per side compare keeps 5 connections per side, so during
 * a stall 5 requests wait on the wire and about 35 wait in compare's queue:
 * timed from the send, only those 5 (a tenth of the traffic) look slow; timed
 * from the schedule, every arrival of the stall does.
 */
describe('compare latency is measured from the scheduled send (coordinated omission)', () => {
  let baseline: AlbumsApi;
  let twin: AlbumsApi;
  let stalling: AlbumsApi;
  let basePath: string;
  let requests: TrafficRequest[];
  beforeAll(async () => {
    [baseline, twin, stalling] = await Promise.all([
      startAlbumsApi(),
      startAlbumsApi(),
      startAlbumsApi({ faults: ['stall'], env: { ALBUMS_STALL_EVERY_MS: '1000', ALBUMS_STALL_MS: '800' } }),
    ]);
    const spec = await loadSpec(specFile, { cwd: process.cwd() });
    basePath = spec.basePath;
    requests = readMix(spec).requests.filter((r) => ['getAlbum', 'listAlbums'].includes(r.op));
  });
  afterAll(() => Promise.all([baseline.stop(), twin.stop(), stalling.stop()]));

  test('a stalling candidate is judged slower from the schedule, though from the send it passes', async () => {
    const traffic = await runInterleaved({
      sides: {
        baseline: { url: baseline.baseURL, headers: {} },
        candidate: { url: stalling.baseURL, headers: {} },
      },
      basePath,
      requests,
      rate: 50,
      durationMs: 6000,
      seed: 1,
      reservoir: compareDefaults.reservoir,
      timeoutMs: 10_000,
    });
    for (const op of ['getAlbum', 'listAlbums']) {
      const b = traffic.tallies.baseline.get(op)!;
      const c = traffic.tallies.candidate.get(op)!;
      const seen = { baseline: b.requests, candidate: c.requests };
      const rule = compareDefaults.metrics.latency;
      const corrected = judgeLatency(op, b.latency.values, c.latency.values, seen, rule, judge);
      const fromSend = judgeLatency(op, b.service.values, c.service.values, seen, rule, judge);
      assert.equal(corrected.class, 'high', `${op} corrected: ${corrected.reason}`);
      assert.equal(fromSend.class, 'pass', `${op} from the send: ${fromSend.reason}`);
      assert.ok(
        corrected.candidate.p50! > fromSend.candidate.p50! * 5,
        `${op} candidate p50 ${corrected.candidate.p50} from the schedule vs ${fromSend.candidate.p50} from the send`,
      );
    }
    assert.deepEqual(traffic.dropped, { baseline: 0, candidate: 0 });
  });

  test('compare rolls the stalling candidate back on latency, and promotes an identical one', async () => {
    const options = { basePath, requests, rate: 50, durationMs: 6000, seed: 2 };
    const stalled = await runCompare({
      ...options,
      baseline: { url: baseline.baseURL, headers: {} },
      candidate: { url: stalling.baseURL, headers: {} },
    });
    assert.equal(stalled.verdict.decision, 'rollback');
    const latency = stalled.metrics.filter((m) => m.metric === 'latency');
    assert.deepEqual(
      latency.map((m) => [m.op, m.class]),
      [
        ['listAlbums', 'high'],
        ['getAlbum', 'high'],
      ],
    );
    assert.ok(
      stalled.metrics.filter((m) => m.metric !== 'latency').every((m) => m.class === 'pass'),
      'a stall is no error',
    );
    const same = await runCompare({
      ...options,
      baseline: { url: baseline.baseURL, headers: {} },
      candidate: { url: twin.baseURL, headers: {} },
    });
    const failing = same.metrics.filter((m) => m.class !== 'pass').map((m) => m.reason);
    assert.equal(same.verdict.decision, 'promote', failing.join('; '));
  });

  test('arrivals dropped behind a candidate stalled for seconds are errors of the candidate, not omitted', async () => {
    // The first stall holds requests from 3 s after the start to 5.9 s: a 7 s run started at once
    // sees all of it, about 145 arrivals for 5 connections and a queue of 100.
    const frozen = await startAlbumsApi({
      faults: ['stall'],
      env: { ALBUMS_STALL_EVERY_MS: '3000', ALBUMS_STALL_MS: '2900' },
    });
    try {
      const traffic = await runInterleaved({
        sides: {
          baseline: { url: baseline.baseURL, headers: {} },
          candidate: { url: frozen.baseURL, headers: {} },
        },
        basePath,
        requests,
        rate: 50,
        durationMs: 7000,
        seed: 3,
        reservoir: compareDefaults.reservoir,
        timeoutMs: 10_000,
      });
      const errors = (side: 'baseline' | 'candidate') =>
        [...traffic.tallies[side].values()].reduce((sum, t) => sum + t.errors, 0);
      assert.ok(traffic.dropped.candidate > 0, `candidate dropped ${traffic.dropped.candidate}`);
      assert.equal(errors('candidate'), traffic.dropped.candidate, 'each dropped arrival is one error');
      assert.equal(traffic.dropped.baseline, 0);
      assert.equal(errors('baseline'), 0);
    } finally {
      await frozen.stop();
    }
  });
});
