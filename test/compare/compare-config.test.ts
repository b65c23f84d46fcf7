import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { CompareResult } from '../../src/run/model.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { oneLine, runCli } from '../support/run-cli.ts';

const spec = new URL('../../specs/albums.openapi.yaml', import.meta.url).pathname;

/** A project folder whose config names the environment's baseline and candidate. */
function project(environments: Record<string, unknown>): string {
  const cwd = mkdtempSync(join(tmpdir(), 'tollgate-compare-config-'));
  mkdirSync(join(cwd, 'specs'));
  writeFileSync(join(cwd, 'specs', 'albums.openapi.yaml'), readFileSync(spec));
  writeFileSync(
    join(cwd, 'tollgate.config.ts'),
    `export default ${JSON.stringify({ specs: { albums: 'specs/albums.openapi.yaml' }, environments })};\n`,
  );
  return cwd;
}

describe('tollgate compare --env: baseline and candidate from the config', () => {
  let baseline: AlbumsApi;
  let slow: AlbumsApi;
  const dirs: string[] = [];
  beforeAll(async () => {
    [baseline, slow] = await Promise.all([
      startAlbumsApi(),
      startAlbumsApi({ faults: ['extra-delay-ms'], env: { ALBUMS_EXTRA_DELAY_MS: '40' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([baseline.stop(), slow.stop()]);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test('the configured candidate (with its own header) 40 ms slower: roll back, on latency', async () => {
    const cwd = project({
      canary: {
        baseURL: baseline.baseURL,
        baseline: { baseURL: baseline.baseURL },
        candidate: { baseURL: slow.baseURL, headers: { 'X-Canary': '1' } },
      },
    });
    dirs.push(cwd);
    const r = await runCli(
      ['compare', '--env', 'canary', '--duration', '6s', '--rate', '50', '--run-dir', join(cwd, 'run')],
      { cwd },
    );
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const c: CompareResult = JSON.parse(readFileSync(join(cwd, 'run', 'compare.json'), 'utf8'));
    assert.equal(c.candidate.url, slow.baseURL);
    assert.equal(c.baseline.url, baseline.baseURL);
    assert.equal(c.metrics.find((m) => m.op === 'listAlbums' && m.metric === 'latency')?.class, 'high');
  });

  test('a candidate without baseURL exits 2 naming the path; an environment without sides says how to name them', async () => {
    const cwd = project({
      bad: { baseURL: baseline.baseURL, baseline: { baseURL: baseline.baseURL }, candidate: {} },
    });
    const other = project({ plain: { baseURL: baseline.baseURL } });
    dirs.push(cwd, other);
    const bad = await runCli(['compare', '--env', 'bad'], { cwd });
    assert.equal(bad.code, 2);
    assert.match(oneLine(bad), /environments\.bad\.candidate\.baseURL/);
    const plain = await runCli(['compare', '--env', 'plain'], { cwd: other });
    assert.equal(plain.code, 2);
    assert.match(oneLine(plain), /^TG_CONFIG_INVALID: environments\.plain\.baseline is not set/);
  });
});
