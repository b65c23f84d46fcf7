import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { type Daemon, startPushgateway } from '../support/prometheus.ts';
import { runCli } from '../support/run-cli.ts';

const spec = new URL('../../specs/albums.openapi.yaml', import.meta.url).pathname;

/** The value of one series line of an OpenMetrics text, by name and labels. */
function value(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text
    .split('\n')
    .find(
      (l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
    );
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('tollgate watch writes metrics.prom in its run folder and pushes it with --push', () => {
  let clean: AlbumsApi;
  let flaky: AlbumsApi;
  let gateway: Daemon;
  let dir: string;
  beforeAll(async () => {
    [clean, flaky, gateway] = await Promise.all([
      startAlbumsApi(),
      startAlbumsApi({ faults: ['flaky-5xx'] }),
      startPushgateway(),
    ]);
    dir = mkdtempSync(join(tmpdir(), 'tollgate-watch-metrics-'));
    // getAlbum only: flaky-5xx answers every 20th getAlbum with a 503
    writeFileSync(
      join(dir, 'get-album.mts'),
      `export default { model: 'open', rate: 60, requests: [{ path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } } }] };\n`,
    );
  });
  afterAll(async () => {
    await Promise.all([clean?.stop(), flaky?.stop(), gateway?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const watch = (api: AlbumsApi, runDir: string) =>
    runCli(
      [
        'watch',
        join(dir, 'get-album.mts'),
        '--spec',
        spec,
        '--base-url',
        api.baseURL,
        '--before',
        '0.3s',
        '--settle',
        '1.5s',
        '--gate',
        'errors.count==0',
        '--run-dir',
        join(dir, runDir),
        '--push',
        gateway.url,
        '--',
        'true',
      ],
      { cwd: dir },
    );

  test('the flaky-5xx fault: 5xx in the switch window, the gate failed, in the file and on the Pushgateway', async () => {
    const r = await watch(flaky, 'flaky');
    assert.equal(r.code, 1, r.stderr + r.stdout);
    const text = readFileSync(join(dir, 'flaky', 'metrics.prom'), 'utf8');
    assert.match(text, /# EOF\n$/);
    assert.ok((value(text, 'tollgate_watch_window_errors', { kind: '5xx' }) ?? 0) > 0, text);
    assert.equal(value(text, 'tollgate_watch_window_errors', { kind: 'refused' }), 0);
    assert.ok((value(text, 'tollgate_watch_window_requests', {}) ?? 0) > 30, text);
    assert.equal(value(text, 'tollgate_gate_verdict', { gate: 'errors.count', verdict: 'fail' }), 1);
    assert.equal(value(text, 'tollgate_run_verdict', { verdict: 'fail' }), 1);
    assert.equal(value(text, 'tollgate_watch_command_exit_code', {}), 0);
    const pushed = await (await fetch(`${gateway.url}/metrics`)).text();
    assert.ok(
      (value(pushed, 'tollgate_watch_window_errors', { command: 'watch', kind: '5xx' }) ?? 0) > 0,
      'pushed under command="watch"',
    );
  });

  test('a clean API: no failure of any kind, the gate passed', async () => {
    const r = await watch(clean, 'clean');
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const text = readFileSync(join(dir, 'clean', 'metrics.prom'), 'utf8');
    for (const kind of ['5xx', '4xx', 'timeout', 'refused', 'reset'])
      assert.equal(value(text, 'tollgate_watch_window_errors', { kind }), 0, kind);
    assert.equal(value(text, 'tollgate_watch_error_window_seconds', {}), 0);
    assert.equal(value(text, 'tollgate_gate_verdict', { gate: 'errors.count', verdict: 'pass' }), 1);
    assert.equal(value(text, 'tollgate_watch_rolled_back', {}), 0);
    const pushed = await (await fetch(`${gateway.url}/metrics`)).text();
    assert.equal(value(pushed, 'tollgate_watch_window_errors', { command: 'watch', kind: '5xx' }), 0);
  });
});
