import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { decodeHistogram } from '../../src/load/metrics/histogram.ts';
import { loadProfile } from '../../src/load/profile/load-profile.ts';
import { runLoad } from '../../src/load/run-load.ts';
import type { LoadedProfile } from '../../src/load/types.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import type { LoadedSpec } from '../../src/spec/types.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { heldGate } from './held-gate.ts';

const root = new URL('../..', import.meta.url).pathname;

function profile(options: Partial<LoadedProfile['options']>): LoadedProfile {
  return {
    name: 'test',
    source: 'test.ts',
    options: {
      model: 'closed',
      connections: 4,
      duration: '1.5s',
      requests: [{ path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } } }],
      ...options,
    },
  };
}

describe('runLoad on the reference API', () => {
  let api: AlbumsApi;
  let spec: LoadedSpec;
  beforeAll(async () => {
    api = await startAlbumsApi();
    spec = await loadSpec(`${root}specs/albums.openapi.yaml`);
  });
  afterAll(() => api.stop());

  test('the shipped smoke profile passes its local gates', async () => {
    const smoke = await loadProfile('smoke', { loadDir: 'load', cwd: root, spec });
    const r = await runLoad({
      profile: smoke,
      env: 'local',
      baseURL: api.baseURL,
      spec,
      overrides: { durationSec: 1.5 },
    });
    assert.ok(r.totals.requests > 50, `only ${r.totals.requests} requests`);
    assert.equal(r.totals.errors.rate, 0);
    assert.ok(r.gates.length >= 3);
    for (const g of r.gates)
      assert.ok(heldGate(g), `${g.name}: ${g.verdict} ${g.measuredText} ${g.note ?? ''}`);
    assert.deepEqual(
      new Set(r.perOperation.map((o) => o.operation)),
      new Set(['getAlbum', 'listAlbums', 'getHealth']),
    );
    assert.ok(r.totals.contract && r.totals.contract.sampled > 0, 'responses were sampled against the spec');
    assert.ok(r.totals.latencyMs.p50 > 0 && r.totals.latencyMs.p50 < r.totals.latencyMs.p99 + 1e-9);
    // the encoded histogram decodes to the same count (and so can be merged across runs or machines)
    assert.equal(decodeHistogram(r.histograms.uncorrected).totalCount, r.totals.requests);
    assert.ok(r.timeline.length >= 1);
  });

  test('warm-up requests are excluded from totals', async () => {
    const r = await runLoad({
      profile: profile({
        stages: [
          { kind: 'warmup', duration: '1s', connections: 2 },
          { kind: 'steady', duration: '1s', connections: 2 },
        ],
      }),
      env: 'local',
      baseURL: api.baseURL,
    });
    const timelineTotal = r.timeline.reduce((sum, p) => sum + p.rps, 0);
    assert.equal(r.warmupMs, 1000);
    assert.ok(r.totals.requests > 0);
    // the timeline keeps measured seconds only; with the warm-up second counted, totals would be ~2x
    const ratio = r.totals.requests / timelineTotal;
    assert.ok(
      ratio > 0.6 && ratio < 1.4,
      `${r.totals.requests} counted vs ${timelineTotal} in measured seconds`,
    );
  });

  test('a sequence carries the created id into the next request', async () => {
    let n = 0;
    const r = await runLoad({
      profile: profile({
        connections: 2,
        duration: '1s',
        requests: [
          {
            name: 'create-then-read',
            steps: [
              {
                path: '/v1/albums',
                method: 'post',
                params: () => ({ header: { 'Idempotency-Key': `seq-${process.pid}-${++n}` } }),
                body: { title: 'Seq', artist: 'tollgate', price: 5, year: 2020 },
                capture: (res) => ({ id: (res.json as { id: number }).id }),
              },
              {
                path: '/v1/albums/{id}',
                method: 'get',
                params: (ctx) => ({ path: { id: Number(ctx.vars.id) } }),
              },
            ],
          },
        ],
      }),
      env: 'local',
      baseURL: api.baseURL,
      headers: { Authorization: `Bearer ${api.token}` },
      spec,
    });
    const create = r.perOperation.find((o) => o.operation === 'createAlbum');
    const read = r.perOperation.find((o) => o.operation === 'getAlbum');
    assert.ok(create && create.statusCodes['201'] > 0, JSON.stringify(create?.statusCodes));
    assert.ok(read && read.statusCodes['200'] > 0, JSON.stringify(read?.statusCodes));
    assert.equal(read.statusCodes['404'] ?? 0, 0, 'every read found what the create made');
  });

  test('open model spreads arrivals evenly within each second', async () => {
    const r = await runLoad({
      profile: profile({ model: 'open', rate: 400, duration: '2s' }),
      env: 'local',
      baseURL: api.baseURL,
    });
    const buckets = (r.sendsPer100ms ?? []).slice(1, 19);
    assert.ok(buckets.length >= 15, `buckets: ${buckets}`);
    // 400 rps = 40 per 100 ms; a per-second burst (autocannon's limiter) would put ~400 in one
    // bucket and nothing in the other nine. Margins leave room for a busy machine's event-loop stalls.
    const sorted = [...buckets].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    assert.ok(median >= 28 && median <= 52, `median bucket ${median} in ${buckets}`);
    assert.ok(Math.max(...buckets) <= 200, `burst in ${buckets}`);
    const off = buckets.filter((b) => Math.abs(b - 40) > 20).length;
    assert.ok(off <= buckets.length * 0.25, `${off} uneven buckets in ${buckets}`);
    const total = r.totals.requests + r.totals.errors.connection + r.totals.errors.timeouts;
    assert.ok(total >= 700 && total <= 820, `sent ${total} for 800 planned`);
  });

  test('self-check flags a rate the generator cannot reach, and gates become unreliable', async () => {
    const r = await runLoad({
      profile: profile({
        model: 'open',
        rate: 200_000,
        duration: '1s',
        gates: { local: { 'latency.p99': '<10s' } },
      }),
      env: 'local',
      baseURL: api.baseURL,
    });
    assert.equal(r.selfCheck.ok, false);
    assert.match(r.selfCheck.problems.join(' '), /short|dropped|saturated/);
    assert.equal(r.gates[0].verdict, 'unreliable');
  });

  test('self-check is ok for a rate the generator can hold', async () => {
    // A shared CI machine can stall the event loop for a moment: a scheduler
    // that truly falls behind fails all three tries, a passing stall only one.
    let r: Awaited<ReturnType<typeof runLoad>> | undefined;
    for (let attempt = 0; attempt < 3 && !r?.selfCheck.ok; attempt++) {
      r = await runLoad({
        profile: profile({
          model: 'open',
          rate: 100,
          duration: '1.5s',
          gates: { local: { 'latency.p99': '<10s' } },
        }),
        env: 'local',
        baseURL: api.baseURL,
      });
    }
    assert.ok(r);
    assert.equal(r.selfCheck.ok, true, r.selfCheck.problems.join('; '));
    assert.equal(r.gates[0].verdict, 'pass');
  });
});
