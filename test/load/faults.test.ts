import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { runLoad } from '../../src/load/run-load.ts';
import type { LoadedProfile } from '../../src/load/types.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { heldGate } from './held-gate.ts';

function profile(options: Partial<LoadedProfile['options']>): LoadedProfile {
  return {
    name: 'faults',
    source: 'faults.ts',
    options: {
      model: 'closed',
      connections: 4,
      duration: '1.5s',
      requests: [{ path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } } }],
      ...options,
    },
  };
}

const spec = await loadSpec(new URL('../../specs/albums.openapi.yaml', import.meta.url).pathname);
const run = (api: AlbumsApi, p: LoadedProfile) =>
  runLoad({ profile: p, env: 'local', baseURL: api.baseURL, spec });

describe('load gates against faults of the reference API', () => {
  let clean: AlbumsApi;
  beforeAll(async () => {
    clean = await startAlbumsApi();
  });
  afterAll(() => clean.stop());

  describe('slow getAlbum', () => {
    let slow: AlbumsApi;
    beforeAll(async () => {
      slow = await startAlbumsApi({ faults: ['slow'], env: { ALBUMS_SLOW_MS: '120' } });
    });
    afterAll(() => slow.stop());
    const gated = profile({
      requests: [
        { path: '/v1/albums/{id}', method: 'get', params: { path: { id: 2 } }, weight: 1 },
        { path: '/v1/albums', method: 'get', weight: 1 },
      ],
      gates: { local: { 'latency{op:getAlbum}.p95': '<50ms', 'latency{op:listAlbums}.p95': '<50ms' } },
    });

    test('fails latency{op:getAlbum}.p95 <50ms, and only for getAlbum', async () => {
      const r = await run(slow, gated);
      const [getAlbum, listAlbums] = r.gates;
      assert.equal(getAlbum.verdict, 'fail', `measured ${getAlbum.measuredText}`);
      assert.ok(getAlbum.measured! >= 100, `p95 ${getAlbum.measured}`);
      assert.equal(listAlbums.verdict, 'pass', `measured ${listAlbums.measuredText}`);
    });

    test('passes without the fault', async () => {
      const r = await run(clean, gated);
      assert.ok(
        heldGate(r.gates[0]),
        `${r.gates[0].verdict}: measured ${r.gates[0].measuredText} ${r.gates[0].note ?? ''}`,
      );
    });

    test('abortOnFail stops a run whose gate stays breached', async () => {
      const long = { ...gated.options, duration: '8s', abortOnFail: { graceSec: 0, afterSec: 1 } };
      const r = await run(slow, { ...gated, options: long });
      assert.match(
        r.aborted?.reason ?? '',
        /latency\{op:getAlbum\}.p95 <50ms breached for \ds \(abortOnFail\)/,
      );
      assert.ok(r.durationMs < 6000, `ran ${r.durationMs} ms of 8000`);
      assert.equal(r.gates[0].verdict, 'fail');
    });
  });

  describe('flaky-5xx', () => {
    let flaky: AlbumsApi;
    beforeAll(async () => {
      flaky = await startAlbumsApi({ faults: ['flaky-5xx'] });
    });
    afterAll(() => flaky.stop());
    const gated = profile({ gates: { local: { 'errors.rate': '<1%', 'errors.connection': '==0' } } });

    test('trips errors.rate <1% (every 20th getAlbum answers 503)', async () => {
      const r = await run(flaky, gated);
      assert.equal(r.gates[0].verdict, 'fail');
      assert.ok(r.totals.statusCodes['503'] > 0);
      assert.ok(r.totals.errors.rate > 0.03 && r.totals.errors.rate < 0.07, `rate ${r.totals.errors.rate}`);
      assert.equal(r.totals.errors.http, r.totals.statusCodes['503']);
      assert.equal(r.gates[1].verdict, 'pass', 'HTTP errors are not connection errors');
    });

    test('does not trip without the fault', async () => {
      const r = await run(clean, gated);
      assert.equal(r.totals.errors.http, 0);
      assert.equal(r.gates[0].verdict, 'pass');
    });
  });

  describe('stall (open model, coordinated omission)', () => {
    let stall: AlbumsApi;
    beforeAll(async () => {
      stall = await startAlbumsApi({
        faults: ['stall'],
        env: { ALBUMS_STALL_EVERY_MS: '1000', ALBUMS_STALL_MS: '300' },
      });
    });
    afterAll(() => stall.stop());
    const open = profile({ model: 'open', rate: 300, connections: 8, duration: '2.5s' });

    test('corrected latency shows the stall that uncorrected latency hides', async () => {
      const r = await run(stall, open);
      const corrected = r.totals.correctedLatencyMs!;
      const raw = r.totals.latencyMs;
      assert.ok(corrected.p95 > 50, `corrected p95 ${corrected.p95}`);
      assert.ok(corrected.p95 > raw.p95 * 3, `corrected p95 ${corrected.p95} vs uncorrected ${raw.p95}`);
      assert.ok(corrected.max >= raw.max, 'latency from the intended time is never shorter');
    });

    test('without the stall, corrected latency stays low (or the generator owns up to its lag)', async () => {
      const r = await run(clean, open);
      const p95 = r.totals.correctedLatencyMs!.p95;
      // On a starved machine the generator itself can send late; then its self-check must say so.
      assert.ok(p95 < 50 || !r.selfCheck.ok, `corrected p95 ${p95} with a clean self-check`);
    });
  });

  describe('server killed mid-run', () => {
    for (const model of ['open', 'closed'] as const) {
      test(`${model} model counts connection errors and still returns results`, async () => {
        const doomed = await startAlbumsApi();
        setTimeout(() => doomed.process.kill('SIGKILL'), 700);
        const gates = { local: { 'errors.rate': '<1%', 'errors.http': '==0' } };
        const r = await run(doomed, profile({ model, rate: 200, duration: '1.5s', timeoutMs: 1000, gates }));
        assert.ok(r.totals.requests > 0, 'requests before the kill were recorded');
        assert.ok(r.totals.errors.connection > 0, 'refused connections were counted');
        assert.equal(r.totals.errors.http, 0, 'refusals are not HTTP errors');
        assert.equal(
          r.gates[0].verdict,
          'fail',
          `errors.rate ${r.gates[0].measuredText} ${r.gates[0].note ?? ''}`,
        );
        await doomed.stop();
      });
    }
  });
});
