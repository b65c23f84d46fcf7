import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { runCompare } from '../../src/compare/run-compare.ts';
import type { CompareResult, RunModel } from '../../src/run/model.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { readMix } from '../../src/traffic/read-mix.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { freePort } from '../support/nginx.ts';
import { oneLine, runCli } from '../support/run-cli.ts';

const spec = new URL('../../specs/albums.openapi.yaml', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'tollgate-compare-cli-'));

/** Ad hoc compare: 6 s at 50 rps to each side (about 40 requests per operation and side). */
function compare(baseline: string, candidate: string, runDir: string, extra: string[] = []) {
  return runCli(
    [
      'compare',
      '--spec',
      spec,
      '--baseline',
      baseline,
      '--candidate',
      candidate,
      '--duration',
      '6s',
      '--rate',
      '50',
      '--run-dir',
      join(dir, runDir),
      ...extra,
    ],
    { cwd: dir },
  );
}

const result = (runDir: string): CompareResult =>
  JSON.parse(readFileSync(join(dir, runDir, 'compare.json'), 'utf8'));

describe('tollgate compare against real albums-api processes', () => {
  let baseline: AlbumsApi;
  let twin: AlbumsApi;
  let slow: AlbumsApi;
  let flaky: AlbumsApi;
  beforeAll(async () => {
    [baseline, twin, slow, flaky] = await Promise.all([
      startAlbumsApi(),
      startAlbumsApi(),
      startAlbumsApi({ faults: ['extra-delay-ms'], env: { ALBUMS_EXTRA_DELAY_MS: '40' } }),
      startAlbumsApi({ faults: ['flaky-5xx'] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([baseline.stop(), twin.stop(), slow.stop(), flaky.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  test('a candidate 40 ms slower on every request: roll back (exit 1), naming the operation and latency', async () => {
    const r = await compare(baseline.baseURL, slow.baseURL, 'slow');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^compare: ROLL BACK \(fail, score/m);
    assert.match(r.stdout, /getAlbum latency {2}effect \+(3\d|4\d)(\.\d+)? ms {2}CI .* {2}p=.* {2}FAIL$/m);
    const c = result('slow');
    const latency = c.metrics.find((m) => m.op === 'getAlbum' && m.metric === 'latency')!;
    assert.equal(latency.class, 'high');
    assert.ok(latency.lower! > 30 && latency.upper! < 60, `${latency.lower}..${latency.upper}`);
    assert.ok(
      c.metrics.filter((m) => m.metric !== 'latency').every((m) => m.class === 'pass'),
      'no error metric fails',
    );
    assert.ok(c.verdict.reasons.some((why) => /getAlbum latency: candidate \+\d/.test(why)));
    const model: RunModel = JSON.parse(readFileSync(join(dir, 'slow', 'run.json'), 'utf8'));
    assert.equal(model.compare?.verdict.decision, 'rollback');
    assert.match(readFileSync(join(dir, 'slow', 'index.html'), 'utf8'), /id="compare"/);
    assert.match(readFileSync(join(dir, 'slow', 'summary.md'), 'utf8'), /## Compare/);
    assert.match(readFileSync(join(dir, 'slow', 'junit.xml'), 'utf8'), /getAlbum latency/);
  });

  test('two identical processes: promote at three seeds (in process, same engine as the CLI)', async () => {
    const loaded = await loadSpec(spec, { cwd: dir });
    const mix = readMix(loaded);
    for (const seed of [1, 2, 3]) {
      const c = await runCompare({
        baseline: { url: baseline.baseURL, headers: {} },
        candidate: { url: twin.baseURL, headers: {} },
        basePath: loaded.basePath,
        requests: mix.requests,
        rate: 50,
        durationMs: 6000,
        seed,
      });
      const failing = c.metrics.filter((m) => m.class !== 'pass').map((m) => m.reason);
      assert.equal(c.verdict.decision, 'promote', `seed ${seed}: ${failing.join('; ')}`);
      assert.ok(c.metrics.length >= 15, `${c.metrics.length} metrics`);
      assert.deepEqual(failing, [], `seed ${seed}`);
    }
  });

  test('a candidate answering 503 to every 20th getAlbum: roll back on the critical 5xx rate of getAlbum', async () => {
    const loaded = await loadSpec(spec, { cwd: dir });
    const reads = readMix(loaded).requests;
    const pick = (ops: string[]) => reads.filter((r) => ops.includes(r.op));
    const c = await runCompare({
      baseline: { url: baseline.baseURL, headers: {} },
      candidate: { url: flaky.baseURL, headers: {} },
      basePath: loaded.basePath,
      requests: pick(['getAlbum', 'listAlbums']),
      rate: 100,
      durationMs: 5000,
      seed: 1,
    });
    const fiveXX = c.metrics.find((m) => m.op === 'getAlbum' && m.metric === '5xx')!;
    assert.equal(fiveXX.class, 'high', fiveXX.reason);
    assert.equal(c.verdict.decision, 'rollback');
    assert.match(c.verdict.criticalFailure ?? '', /^getAlbum 5xx rate: candidate \d/);
    const other = c.metrics.filter((m) => m.op === 'listAlbums');
    assert.ok(
      other.every((m) => m.class === 'pass'),
      other.map((m) => m.reason).join('; '),
    );
  });

  test('an unreachable candidate exits 3 with one line naming the candidate', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const r = await compare(baseline.baseURL, nowhere, 'unreachable');
    assert.equal(r.code, 3);
    assert.match(
      oneLine(r),
      /^TG_UNREACHABLE: the candidate cannot be reached at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    );
    const b = await compare(nowhere, baseline.baseURL, 'unreachable-b');
    assert.equal(b.code, 3);
    assert.match(oneLine(b), /^TG_UNREACHABLE: the baseline cannot be reached/);
  });
});
