import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { decodeHistogram } from '../../src/load/metrics/histogram.ts';
import { loadProfile } from '../../src/load/profile/load-profile.ts';
import { runLoad, targetStopped } from '../../src/load/run-load.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { freePort } from '../support/nginx.ts';

/** The closed model on worker threads: one per core by default, the connections split, numbers merged exactly. */
describe('closed model on worker threads', () => {
  let api: AlbumsApi;
  let dir: string;
  beforeAll(async () => {
    api = await startAlbumsApi();
    dir = mkdtempSync(join(tmpdir(), 'tollgate-closed-workers-'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const profileFile = async (name: string, body: string) => {
    const file = join(dir, `${name}.ts`);
    writeFileSync(
      file,
      `export default { model: 'closed', ${body}, requests: [{ path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } } }] };\n`,
    );
    return loadProfile(file, { loadDir: '.', cwd: dir });
  };

  test('by default one thread per core; the threads hold the connections together and merge exactly', async () => {
    const profile = await profileFile('four', "connections: 4, duration: '2s'");
    const r = await runLoad({ profile, env: 'local', baseURL: api.baseURL });
    assert.equal(r.threads, Math.min(4, availableParallelism()));
    assert.equal(r.peakConnections, 4);
    assert.equal(r.aborted, undefined);
    assert.ok(r.totals.requests > 100, `${r.totals.requests} requests`);
    assert.equal(r.totals.statusCodes['200'], r.totals.requests);
    assert.equal(decodeHistogram(r.histograms.uncorrected).totalCount, r.totals.requests);
    const perOp = Object.values(r.histograms.perOperation).map((h) => decodeHistogram(h).totalCount);
    assert.deepEqual(perOp, [r.totals.requests]);
  });

  test('never more threads than connections, and workers: 1 or a profile held in memory is one thread', async () => {
    const one = await profileFile('one', "connections: 1, duration: '1s'");
    assert.equal((await runLoad({ profile: one, env: 'local', baseURL: api.baseURL })).threads, 1);
    const asked = await profileFile('asked', "connections: 4, duration: '1s', workers: 1");
    const r = await runLoad({ profile: asked, env: 'local', baseURL: api.baseURL });
    assert.equal(r.threads, 1);
    assert.equal(r.peakConnections, 4);
    const inMemory = { ...asked, file: undefined, options: { ...asked.options, workers: undefined } };
    assert.equal((await runLoad({ profile: inMemory, env: 'local', baseURL: api.baseURL })).threads, 1);
  });

  test('a target that refuses every connection stops the threads (and a healthy one does not, above)', async () => {
    const profile = await profileFile('dead', "connections: 4, duration: '20s'");
    const r = await runLoad({ profile, env: 'local', baseURL: `http://127.0.0.1:${await freePort()}` });
    assert.ok((r.threads ?? 1) > 1 || availableParallelism() === 1);
    assert.ok(r.aborted?.reason.startsWith(targetStopped), r.aborted?.reason);
    assert.ok(r.durationMs < 15_000, `stopped after ${r.durationMs} ms`);
    assert.equal(r.totals.requests, 0);
  });

  test('a ramp is followed: connections grow to the stage count, and a flat stage holds its own', async () => {
    const ramp = await profileFile(
      'ramp',
      "workers: 1, stages: [{ kind: 'ramp', duration: '2s', connections: 6 }, { kind: 'rampdown', duration: '1s', connections: 1 }]",
    );
    const r = await runLoad({ profile: ramp, env: 'local', baseURL: api.baseURL });
    assert.equal(r.peakConnections, 6);
    assert.equal(r.totals.statusCodes['200'], r.totals.requests);
    assert.equal(r.totals.errors.rate, 0);
    // A flat stage of one connection never opens a second (the fault-absent side of the ramp).
    const flat = await profileFile('flat', "workers: 1, connections: 1, duration: '1s'");
    assert.equal((await runLoad({ profile: flat, env: 'local', baseURL: api.baseURL })).peakConnections, 1);
  });
});
