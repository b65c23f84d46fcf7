import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { decodeHistogram } from '../../src/load/metrics/histogram.ts';
import { loadProfile } from '../../src/load/profile/load-profile.ts';
import { runLoad } from '../../src/load/run-load.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';

const defineProfile = new URL('../../src/load/profile/define-profile.ts', import.meta.url).pathname;

describe('open model on several worker threads', () => {
  let api: AlbumsApi;
  let dir: string;
  beforeAll(async () => {
    api = await startAlbumsApi();
    dir = mkdtempSync(join(tmpdir(), 'tollgate-workers-'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the total rate holds across workers and their numbers merge exactly', async () => {
    const file = join(dir, 'two.ts');
    writeFileSync(
      file,
      `import { defineProfile } from ${JSON.stringify(defineProfile)};
export default defineProfile({
  model: 'open', rate: 400, duration: '2s', workers: 2,
  requests: [{ path: '/v1/albums/{id}', method: 'get', params: (ctx) => ({ path: { id: 1 + (ctx.iteration % 3) } }) }],
});\n`,
    );
    const profile = await loadProfile(file, { loadDir: '.', cwd: dir });
    const r = await runLoad({ profile, env: 'local', baseURL: api.baseURL });
    const sent = r.totals.requests + r.totals.errors.connection + r.totals.errors.timeouts;
    // 400 rps in total for 2 s is 800 arrivals; per-worker rates (autocannon's overallRate) would give 1600
    assert.ok(sent >= 720 && sent <= 840, `sent ${sent} of 800`);
    assert.equal(r.totals.statusCodes['200'], r.totals.requests);
    assert.equal(decodeHistogram(r.histograms.uncorrected).totalCount, r.totals.requests);
    assert.equal(decodeHistogram(r.histograms.corrected!).totalCount, r.totals.requests);
    const buckets = (r.sendsPer100ms ?? []).slice(1, 19);
    const sorted = [...buckets].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    assert.ok(median >= 28 && median <= 52, `interleaved arrivals, median bucket ${median} in ${buckets}`);
  });
});
