import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { CompareResult } from '../../src/run/model.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { oneLine, runCli } from '../support/run-cli.ts';

const spec = new URL('../../specs/albums.openapi.yaml', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'tollgate-compare-on-fail-'));

/** `tollgate compare --on-fail`: the rollback runs on roll back only; its output and exit code are in the run. */
describe('tollgate compare --on-fail', () => {
  let baseline: AlbumsApi;
  let twin: AlbumsApi;
  let slow: AlbumsApi;
  beforeAll(async () => {
    [baseline, twin, slow] = await Promise.all([
      startAlbumsApi(),
      startAlbumsApi(),
      startAlbumsApi({ faults: ['extra-delay-ms'], env: { ALBUMS_EXTRA_DELAY_MS: '40' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([baseline?.stop(), twin?.stop(), slow?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });
  const compare = (candidate: string, runDir: string, onFail: string) =>
    runCli(
      [
        'compare',
        '--spec',
        spec,
        '--baseline',
        baseline.baseURL,
        '--candidate',
        candidate,
        '--duration',
        '5s',
        '--rate',
        '100',
        '--no-contract',
        '--on-fail',
        onFail,
        '--run-dir',
        join(dir, runDir),
      ],
      { cwd: dir },
    );
  const result = (runDir: string): CompareResult =>
    JSON.parse(readFileSync(join(dir, runDir, 'compare.json'), 'utf8'));

  test('roll back runs the command: its output, exit code and trigger are in compare.json and the reports', async () => {
    const r = await compare(slow.baseURL, 'slow', `echo rolling back; touch ${join(dir, 'rolled')}; exit 4`);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.ok(existsSync(join(dir, 'rolled')), 'the rollback ran');
    const c = result('slow');
    assert.equal(c.rollback?.exitCode, 4);
    assert.match(c.rollback?.output ?? '', /^rolling back\n$/);
    assert.match(c.rollback?.trigger ?? '', /^\w+ latency: candidate \+\d/);
    assert.ok(c.notes.includes('the --on-fail command exited 4'), c.notes.join('; '));
    assert.match(r.stdout, /^ {2}rollback: echo rolling back; .* exited 4 \(\w+ latency: candidate/m);
    assert.match(
      readFileSync(join(dir, 'slow', 'summary.md'), 'utf8'),
      /\*\*Rollback: echo rolling back;.* exited 4/,
    );
    assert.match(
      readFileSync(join(dir, 'slow', 'index.html'), 'utf8'),
      /<summary>Rollback output<\/summary><pre>rolling back/,
    );
  });

  test('promote does not run it', async () => {
    const marker = join(dir, 'should-not-exist');
    const r = await compare(twin.baseURL, 'same', `touch ${marker}`);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(existsSync(marker), false);
    assert.equal(result('same').rollback, undefined);
  });

  test('a rollback command that is not there: exit 2 before any traffic, one line', async () => {
    const r = await compare(slow.baseURL, 'missing', './no-such-rollback.sh');
    assert.equal(r.code, 2);
    assert.match(oneLine(r), /^TG_COMMAND_NOT_FOUND: --on-fail: command not found: \.\/no-such-rollback\.sh/);
    assert.equal(existsSync(join(dir, 'missing', 'compare.json')), false);
  });
});
