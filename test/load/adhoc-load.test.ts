import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { oneLine, runCli } from '../support/run-cli.ts';

// Issue 14 §3.2: `tollgate load --spec S --base-url U --rate R` without a
// profile sends the spec's read mix (src/traffic, as watch and compare do)
// and judges --gate flags, or errors.rate<1% by default.
const root = resolve(import.meta.dirname, '../..');
const spec = join(root, 'specs/albums.openapi.yaml');
const scratch = mkdtempSync(join(tmpdir(), 'tollgate-adhoc-load-'));

describe('ad hoc load without a profile', () => {
  let clean: AlbumsApi;
  let slow: AlbumsApi;
  beforeAll(async () => {
    [clean, slow] = await Promise.all([
      startAlbumsApi(),
      startAlbumsApi({ faults: ['slow'], env: { ALBUMS_SLOW_MS: '300' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([clean?.stop(), slow?.stop()]);
    rmSync(scratch, { recursive: true, force: true });
  });

  const load = (api: AlbumsApi, run: string, extra: string[]) =>
    runCli([
      'load',
      '--spec',
      spec,
      '--base-url',
      api.baseURL,
      '--rate',
      '20',
      '--duration',
      '2s',
      ...extra,
      '--run-dir',
      join(scratch, run),
    ]);
  const result = (run: string) => JSON.parse(readFileSync(join(scratch, run, 'load.json'), 'utf8'));

  test('fault absent: reads only, every read operation sent, the --gate passes (exit 0)', async () => {
    const total = async () =>
      Number((await fetch(`${clean.baseURL}/v1/albums?limit=1`)).headers.get('x-total-count'));
    const before = await total();
    const r = await load(clean, 'clean', ['--gate', 'latency.p99<2000ms']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const report = result('clean');
    assert.ok(report.totals.requests >= 30, `requests: ${report.totals.requests}`);
    assert.deepEqual(
      report.gates.map((g: { name: string; verdict: string }) => [g.name, g.verdict]),
      [['latency.p99', 'pass']],
    );
    for (const op of ['listAlbums', 'getAlbum', 'listTracks'])
      assert.match(r.stdout, new RegExp(`\\b${op}\\b`));
    for (const write of ['createAlbum', 'updateAlbum', 'deleteAlbum', 'createTrack'])
      assert.doesNotMatch(
        JSON.stringify(report),
        new RegExp(write),
        `${write} is a write: never sent ad hoc`,
      );
    assert.equal(await total(), before, 'the catalogue is left as found');
  });

  test('fault present: getAlbum 300 ms slower fails latency.p99<100ms (exit 1), naming the gate', async () => {
    const r = await load(slow, 'slow', ['--gate', 'latency.p99<100ms']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const gate = result('slow').gates.find((g: { name: string }) => g.name === 'latency.p99');
    assert.equal(gate.verdict, 'fail');
    assert.ok(gate.measured >= 250, `measured ${gate.measured}`);
    assert.match(r.stdout, /FAIL\s+latency\.p99/);
  });

  test('without --gate the run is judged by errors.rate<1%, and says it ran 30 s only when no --duration', async () => {
    const r = await load(clean, 'default', []);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(
      result('default').gates.map((g: { name: string; threshold: string }) => [g.name, g.threshold]),
      [['errors.rate', '<1%']],
    );
    assert.doesNotMatch(r.stderr, /no --duration/);
  });

  test('neither a profile nor a rate: one line naming both ways, exit 2', async () => {
    const r = await runCli(['load', '--spec', spec, '--base-url', clean.baseURL]);
    assert.equal(r.code, 2);
    assert.match(oneLine(r), /load needs a profile or a rate.*--rate <rps>/);
  });

  test('a malformed --gate: one line, exit 2', async () => {
    const r = await load(clean, 'bad-gate', ['--gate', 'latency.p99 fast']);
    assert.equal(r.code, 2);
    assert.match(oneLine(r), /--gate 'latency\.p99 fast' must look like/);
  });
});
