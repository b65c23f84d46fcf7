import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { RunModel } from '../../src/run/model.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { runCli } from '../support/run-cli.ts';

const spec = new URL('../../specs/albums.openapi.yaml', import.meta.url).pathname;
const token = 'compare-stage-token';

/**
 * The `compare` stage of `tollgate gate` (the real CLI) between real
 * albums-api processes: a candidate with the `extra-delay-ms` fault fails the
 * gate naming the operation and the metric; two identical builds pass; too
 * little data never passes and is named, metric by metric, as a warning.
 */
describe('the compare stage of tollgate gate', () => {
  let baseline: AlbumsApi;
  let twin: AlbumsApi;
  let slow: AlbumsApi;
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-compare-stage-'));

  beforeAll(async () => {
    const env = { ALBUMS_TOKEN: token };
    [baseline, twin, slow] = await Promise.all([
      startAlbumsApi({ env }),
      startAlbumsApi({ env }),
      startAlbumsApi({ faults: ['extra-delay-ms'], env: { ...env, ALBUMS_EXTRA_DELAY_MS: '40' } }),
    ]);
    const environment = (candidate: string, compare: Record<string, unknown> = {}) => ({
      baseURL: baseline.baseURL,
      auth: { bearer: { env: 'TG_TEST_TOKEN' } },
      stages: ['compare'],
      baseline: { baseURL: baseline.baseURL },
      candidate: { baseURL: candidate },
      compare: { durationSec: 6, rate: 50, ...compare },
    });
    const config = {
      specs: { albums: spec },
      reportsDir: 'reports',
      environments: {
        slow: environment(slow.baseURL),
        same: environment(twin.baseURL),
        starved: environment(twin.baseURL, { durationSec: 2, minSamples: 1000, contract: false }),
      },
    };
    writeFileSync(join(dir, 'tollgate.config.mjs'), `export default ${JSON.stringify(config, null, 2)};\n`);
  });
  afterAll(async () => {
    await Promise.all([baseline?.stop(), twin?.stop(), slow?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const gate = (env: string) =>
    runCli(['gate', '--env', env, '--run-dir', join(dir, 'runs', env)], {
      cwd: dir,
      env: { TG_TEST_TOKEN: token },
    });
  const model = (env: string): RunModel =>
    JSON.parse(readFileSync(join(dir, 'runs', env, 'run.json'), 'utf8'));

  test('a candidate 40 ms slower: the stage fails (exit 1) naming the operation and the metric', async () => {
    const r = await gate('slow');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(
      r.stderr + r.stdout,
      /✗ compare: roll back: fail, score [\d.]+; \d+ of \d+ metrics pass; \w+ latency: candidate \+\d/,
    );
    const m = model('slow');
    assert.equal(m.stages[0].kind, 'compare');
    assert.equal(m.stages[0].verdict, 'fail');
    assert.equal(m.compare?.verdict.decision, 'rollback');
    const high = m.compare?.metrics.filter((x) => x.class === 'high') ?? [];
    assert.ok(
      high.length > 0 && high.every((x) => x.metric === 'latency'),
      JSON.stringify(high.map((x) => x.reason)),
    );
    const contract = m.compare?.metrics.find((x) => x.metric === 'contract');
    assert.equal(contract?.class, 'pass', contract?.reason);
    assert.ok(
      readFileSync(join(dir, 'runs', 'slow', 'compare.json'), 'utf8').includes('"decision": "rollback"'),
    );
  });

  test('two identical builds: the stage passes (exit 0), contract runs against both found nothing new', async () => {
    const r = await gate('same');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const m = model('same');
    assert.equal(m.stages[0].verdict, 'pass');
    assert.equal(m.compare?.verdict.decision, 'promote');
    assert.deepEqual(m.compare?.contract?.regressions, []);
    assert.deepEqual(m.compare?.warnings, []);
  });

  test('too little data never passes: the stage fails and each starved metric is a warning in every report', async () => {
    const r = await gate('starved');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const m = model('starved');
    assert.equal(m.stages[0].verdict, 'fail');
    const nodata = m.compare?.metrics.filter((x) => x.class === 'nodata') ?? [];
    assert.equal(nodata.length, m.compare?.metrics.length);
    assert.equal(m.compare?.warnings.length, nodata.length);
    assert.match(
      m.compare?.warnings[0] ?? '',
      /^\w+ latency: too little data \(\d+ baseline and \d+ candidate samples; needs 1000 each\)$/,
    );
    const md = readFileSync(join(dir, 'runs', 'starved', 'summary.md'), 'utf8');
    const html = readFileSync(join(dir, 'runs', 'starved', 'index.html'), 'utf8');
    for (const warning of m.compare?.warnings ?? []) {
      assert.ok(md.includes(`> **Warning**: ${warning}`), warning);
      assert.ok(
        html.includes(`<strong>Warning</strong>: ${warning.replaceAll("'", '&#39;')}`) ||
          html.includes(warning),
        warning,
      );
    }
  });
});
