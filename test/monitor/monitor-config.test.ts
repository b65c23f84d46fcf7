import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { metricLines, startMonitor } from '../support/monitor-process.ts';
import { freePort } from '../support/nginx.ts';
import { oneLine, runCli } from '../support/run-cli.ts';

const spec = join(new URL('../..', import.meta.url).pathname, 'specs/albums.openapi.yaml');

/** Polls the monitor's cycle counter until it passes `n` (or 15 s go by). */
async function cycles(url: string, n: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const lines = await metricLines(url, 'tollgate_monitor_cycles_total');
    if (lines.reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0) >= n) return;
    if (Date.now() > deadline) throw new Error(`fewer than ${n} cycles in 15 s: ${lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the environment's monitor block: interval, port, rate and the operations probed", () => {
  let faulty: AlbumsApi;
  let dir: string;
  let port: number;
  beforeAll(async () => {
    faulty = await startAlbumsApi({ faults: ['wrong-type'] });
    port = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'tollgate-monitor-config-'));
    const base = JSON.stringify(faulty.baseURL);
    const monitor = (extra: string) => `monitor: { interval: '300ms', rate: 50, ${extra} }`;
    writeFileSync(
      join(dir, 'tollgate.config.mjs'),
      `export default { specs: { albums: ${JSON.stringify(spec)} }, environments: {
  album: { baseURL: ${base}, ${monitor(`port: ${port}, operations: ['getAlbum']`)} },
  list: { baseURL: ${base}, ${monitor(`operations: ['GET /v1/albums']`)} },
  writes: { baseURL: ${base}, ${monitor(`operations: ['listAlbums', 'createAlbum']`)} },
  typo: { baseURL: ${base}, ${monitor(`operations: ['getAlbumz']`)} },
} };\n`,
    );
  });
  afterAll(async () => {
    await faulty?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("getAlbum's wrong-type fault is found when the config names getAlbum, on the config's port and interval", async () => {
    const monitor = await startMonitor(['--env', 'album'], { cwd: dir, port: 'config' });
    try {
      assert.equal(monitor.instance, `127.0.0.1:${port}`);
      assert.match(monitor.stderr(), /serving \S+: 1 requests every 0\.3s/);
      await cycles(monitor.url, 2);
      const violations = await metricLines(monitor.url, 'tollgate_monitor_contract_violations');
      assert.ok(
        violations.some(
          (l) => l.includes('check="response-schema"') && l.includes('operation="GET /v1/albums/{id}"'),
        ),
        violations.join('\n'),
      );
      const requests = await metricLines(monitor.url, 'tollgate_monitor_requests_total');
      assert.ok(requests.length > 0 && requests.every((l) => l.includes('operation="GET /v1/albums/{id}"')));
    } finally {
      assert.equal(await monitor.stop(), 0);
    }
  });

  test('the same faulty API with only GET /v1/albums probed: no violation; --interval overrides the config', async () => {
    const monitor = await startMonitor(['--env', 'list', '--interval', '250ms'], { cwd: dir });
    try {
      assert.match(monitor.stderr(), /serving \S+: 1 requests every 0\.25s/);
      await cycles(monitor.url, 2);
      assert.deepEqual(await metricLines(monitor.url, 'tollgate_monitor_contract_violations'), []);
      assert.deepEqual(await metricLines(monitor.url, 'tollgate_monitor_probe_success'), [
        'tollgate_monitor_probe_success 1',
      ]);
      const requests = await metricLines(monitor.url, 'tollgate_monitor_requests_total');
      assert.ok(requests.length > 0 && requests.every((l) => l.includes('operation="GET /v1/albums"')));
    } finally {
      assert.equal(await monitor.stop(), 0);
    }
  });

  test('an operation that writes, or one the spec does not have: exit 2, one line naming the config path', async () => {
    const writes = await runCli(['monitor', '--env', 'writes', '--port', '0'], { cwd: dir });
    assert.equal(writes.code, 2, writes.stderr);
    assert.match(
      oneLine(writes),
      /^TG_CONFIG_INVALID: environments\.writes\.monitor\.operations\[1\]: POST \/v1\/albums is not a GET or HEAD: the monitor only reads/,
    );
    const typo = await runCli(['monitor', '--env', 'typo', '--port', '0'], { cwd: dir });
    assert.equal(typo.code, 2, typo.stderr);
    assert.match(
      oneLine(typo),
      /^TG_CONFIG_INVALID: environments\.typo\.monitor\.operations\[0\]: no operation "getAlbumz" in /,
    );
  });

  test('a monitor block that is wrong stops every command with one line (exit 2)', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'tollgate-monitor-bad-'));
    try {
      writeFileSync(
        join(bad, 'tollgate.config.mjs'),
        `export default { specs: { albums: ${JSON.stringify(spec)} }, environments: { p: { baseURL: 'http://127.0.0.1:9', monitor: { interval: '30' } } } };\n`,
      );
      const r = await runCli(['monitor', '--env', 'p'], { cwd: bad });
      assert.equal(r.code, 2, r.stderr);
      assert.match(oneLine(r), /environments\.p\.monitor\.interval must look like '30s', '1m' or '500ms'/);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
