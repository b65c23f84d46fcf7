import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'vitest';
import { startAlbumsApi } from '../support/albums-server.ts';
import { oneLine, runCli } from '../support/run-cli.ts';

/** `--max-response-time 250ms`: a slow path is a finding without a config file. */
const spec = resolve(import.meta.dirname, '../../specs/albums.openapi.yaml');

async function contract(faults: string[], extra: string[]) {
  const api = await startAlbumsApi({ faults, env: { ALBUMS_SLOW_MS: '600' } });
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-mrt-'));
  try {
    const args = ['contract', '--spec', spec, '--base-url', api.baseURL, '--operations', 'getAlbum'];
    return await runCli([...args, '--max-cases', '2', '--run-dir', join(dir, 'run'), '--json', ...extra]);
  } finally {
    await api.stop();
  }
}

const slowFindings = (stdout: string) =>
  (JSON.parse(stdout) as { findings: { check: string; operation: string }[] }).findings.filter(
    (f) => f.check === 'response-time',
  );

test('fault present: getAlbum sleeping 600 ms is over --max-response-time 250ms', async () => {
  const result = await contract(['slow'], ['--max-response-time', '250ms']);
  const slow = slowFindings(result.stdout);
  assert.ok(slow.length > 0, result.stderr);
  assert.ok(slow.every((f) => f.operation === 'GET /v1/albums/{id}'));
});

test('fault absent: a fast getAlbum under a 2s budget gives no response-time finding', async () => {
  const result = await contract([], ['--max-response-time', '2s']);
  assert.deepEqual(slowFindings(result.stdout), []);
});

test('a budget that is not a time is one line, exit 2', async () => {
  const result = await contract([], ['--max-response-time', 'fast']);
  assert.equal(result.code, 2);
  assert.match(oneLine(result), /--max-response-time must look like 250ms or 2s, got "fast"/);
});
