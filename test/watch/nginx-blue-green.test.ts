import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { parseGateSet } from '../../src/gates/parse-gates.ts';
import type { LoadedProfile } from '../../src/load/types.ts';
import type { WatchResult } from '../../src/run/model.ts';
import { runWatch, type WatchOptions } from '../../src/watch/run-watch.ts';
import { type AlbumsApi, albumsBinary, startAlbumsApi } from '../support/albums-server.ts';
import { freePort, type Nginx, startNginx } from '../support/nginx.ts';
import { runCli } from '../support/run-cli.ts';

/**
 * Blue-green behind the real nginx from Debian, upstreams real albums-api
 * processes, every switch a real reload (new config, SIGHUP). Each watch is
 * 100 rps for about 3 s.
 */
const profile: LoadedProfile = {
  name: 'reads',
  source: 'test',
  options: {
    model: 'open',
    requests: [
      { path: '/v1/albums', method: 'get' },
      { path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } } },
    ],
  },
};

const hostOf = (api: AlbumsApi) => new URL(api.baseURL).host;
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bluegreen-'));
const pidFiles: string[] = [];

function watch(nginx: Nginx, command: string, extra: Partial<WatchOptions> = {}): Promise<WatchResult> {
  return runWatch({
    profile,
    baseURL: nginx.baseURL,
    rate: 100,
    command: { shell: command },
    beforeMs: 1000,
    settleMs: 1500,
    timeoutMs: 20_000,
    gates: parseGateSet({ 'errors.count': '==0', 'latency.p99': '<500ms' }, 'test'),
    cwd: dir,
    scrub: (text) => text,
    ...extra,
  });
}

/** A shell line that starts a green albums-api on `port` in the background and returns once it is ready. */
function startGreen(port: number): string {
  const pidFile = join(dir, `green-${port}.pid`);
  pidFiles.push(pidFile);
  return `ALBUMS_ADDR=127.0.0.1:${port} ${albumsBinary} >/dev/null 2>&1 </dev/null & echo $! > ${pidFile}; until curl -sf -o /dev/null http://127.0.0.1:${port}/readyz; do sleep 0.02; done`;
}

/** `echo <name> <epoch ms>` in the command's output: when the script did what. */
const mark = (name: string) => `echo "${name} $(date +%s%3N)"`;

/** The mark's time in ms since the watch's load started. */
function markMs(result: WatchResult, name: string): number {
  const at = new RegExp(`${name} (\\d+)`).exec(result.command?.output ?? '');
  assert.ok(at, `no "${name}" mark in the command output: ${result.command?.output}`);
  return Number(at[1]) - Date.parse(result.startedAt);
}

function gate(result: WatchResult, name: string) {
  return result.gates.find((g) => g.name === name);
}

describe('tollgate watch: blue-green behind nginx', () => {
  let blue: AlbumsApi;
  let green: AlbumsApi;
  let nginx: Nginx;
  beforeAll(async () => {
    [blue, green] = await Promise.all([startAlbumsApi(), startAlbumsApi()]);
    nginx = await startNginx([hostOf(blue)]);
  });
  afterAll(async () => {
    await nginx?.stop();
    await Promise.all([blue?.stop(), green?.stop()]);
    for (const file of pidFiles) {
      try {
        process.kill(Number(readFileSync(file, 'utf8')), 'SIGTERM');
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('a switch by reload after green is ready loses no request', async () => {
    nginx.switchTo([hostOf(blue)]);
    const r = await watch(nginx, nginx.switchCommand([hostOf(green)]));
    assert.equal(r.command?.exitCode, 0, r.command?.output);
    assert.ok(r.window.requests > 100, `only ${r.window.requests} requests in the window`);
    assert.equal(r.window.errors.count, 0, JSON.stringify(r.window.errors));
    assert.equal(r.before.errors.count, 0);
    assert.equal(gate(r, 'errors.count')?.verdict, 'pass');
    assert.equal(r.rollback, undefined);
    // green answers now
    assert.match(readFileSync(nginx.conf, 'utf8'), new RegExp(`server ${hostOf(green)};`));
  });

  test('a switch to a green that is not listening yet is caught, with the window it lasted', async () => {
    nginx.switchTo([hostOf(blue)]);
    const port = await freePort();
    const r = await watch(
      nginx,
      `${nginx.switchCommand([`127.0.0.1:${port}`])} && ${mark('switched')}; sleep 1; ${startGreen(port)}; ${mark('ready')}`,
    );
    assert.equal(r.command?.exitCode, 0, r.command?.output);
    assert.ok(r.window.errors.http5xx > 20, JSON.stringify(r.window.errors));
    assert.equal(gate(r, 'errors.count')?.verdict, 'fail');
    const switched = markMs(r, 'switched');
    const ready = markMs(r, 'ready');
    // nginx answers 502 from the reload until green listens: the first and last failure frame that window
    assert.ok(
      Math.abs(r.window.firstErrorMs! - switched) < 500,
      `first ${r.window.firstErrorMs} vs switched ${switched}`,
    );
    assert.ok(
      Math.abs(r.window.lastErrorMs! - ready) < 500,
      `last ${r.window.lastErrorMs} vs ready ${ready}`,
    );
    const failing = r.timeline.filter((s) => s.errors > 0).map((s) => s.t);
    assert.ok(failing.length >= 1 && failing.length <= 3, `seconds with failures: ${failing}`);
    assert.equal(r.timeline.at(-1)?.errors, 0, 'the last second is clean again');
  });

  test('stopping blue before green is ready is caught, from the stop to the switch', async () => {
    const oldBlue = await startAlbumsApi();
    nginx.switchTo([hostOf(oldBlue)]);
    const port = await freePort();
    const r = await watch(
      nginx,
      `kill -TERM ${oldBlue.process.pid}; ${mark('stopped')}; sleep 0.8; ${startGreen(port)}; ${nginx.switchCommand([`127.0.0.1:${port}`])} && ${mark('switched')}`,
    );
    await oldBlue.exited;
    assert.equal(r.command?.exitCode, 0, r.command?.output);
    assert.ok(r.window.errors.count > 20, JSON.stringify(r.window.errors));
    const stopped = markMs(r, 'stopped');
    const switched = markMs(r, 'switched');
    assert.ok(
      Math.abs(r.window.firstErrorMs! - stopped) < 500,
      `first ${r.window.firstErrorMs} vs stopped ${stopped}`,
    );
    assert.ok(
      Math.abs(r.window.lastErrorMs! - switched) < 500,
      `last ${r.window.lastErrorMs} vs switched ${switched}`,
    );
  });

  for (const [name, nextUpstream, clean] of [
    ['with failover to the other upstream: zero errors', true, true],
    ['without failover (proxy_next_upstream off): the restart is caught', false, false],
  ] as const) {
    test(`a rolling restart of one of two upstreams with graceful shutdown, ${name}`, async () => {
      const one = await startAlbumsApi();
      const port = Number(new URL(one.baseURL).port);
      nginx.switchTo([hostOf(one), hostOf(green)], { nextUpstream });
      const r = await watch(
        nginx,
        `kill -TERM ${one.process.pid}; while kill -0 ${one.process.pid} 2>/dev/null; do sleep 0.02; done; sleep 0.5; ${startGreen(port)}`,
      );
      await one.exited;
      assert.equal(r.command?.exitCode, 0, r.command?.output);
      assert.ok(r.window.requests > 100);
      if (clean) {
        assert.equal(r.window.errors.count, 0, JSON.stringify(r.window.errors));
        assert.equal(gate(r, 'errors.count')?.verdict, 'pass');
      } else {
        // nginx marks the stopped upstream failed after its first refusal (max_fails 1): that one request is lost
        assert.ok(r.window.errors.http5xx >= 1, JSON.stringify(r.window.errors));
        assert.ok(
          r.window.firstErrorMs! >= r.command!.startMs && r.window.firstErrorMs! <= r.command!.endMs + 200,
        );
        assert.equal(gate(r, 'errors.count')?.verdict, 'fail');
      }
    });
  }

  test('a bad switch is rolled back by --on-fail while the load goes on: the error window is bounded', async () => {
    nginx.switchTo([hostOf(blue)]);
    const dead = await freePort();
    const r = await watch(nginx, nginx.switchCommand([`127.0.0.1:${dead}`]), {
      onFail: { shell: nginx.switchCommand([hostOf(blue)]) },
      abortAfterMs: 0,
    });
    assert.ok(r.rollback, 'the rollback ran');
    assert.match(r.rollback.trigger, /errors\.count/);
    assert.equal(r.rollback.exitCode, 0, r.rollback.output);
    assert.equal(r.rollback.recovered, true);
    assert.ok(r.window.errors.count > 0);
    const span = r.window.lastErrorMs! - r.window.firstErrorMs!;
    assert.ok(span < 1500, `errors lasted ${span} ms`);
    assert.ok(r.window.lastErrorMs! < r.rollback.endMs + 1000, 'no failure a second after the rollback');
    assert.ok(
      r.timeline.some((s) => s.phase === 'after' && s.answered > 0),
      'load ran after the rollback',
    );
    assert.equal(gate(r, 'errors.count')?.verdict, 'fail');
  });

  test('tollgate watch --abort-on-fail --on-fail rolls a bad switch back (exit 1, recovered, marked in the report)', async () => {
    nginx.switchTo([hostOf(blue)]);
    const dead = await freePort();
    const runDir = join(dir, 'cli-rollback');
    const r = await runCli(
      [
        'watch',
        '--spec',
        new URL('../../specs/albums.openapi.yaml', import.meta.url).pathname,
        '--base-url',
        nginx.baseURL,
        '--rate',
        '60',
        '--before',
        '1s',
        '--settle',
        '1.5s',
        '--run-dir',
        runDir,
        '--abort-on-fail',
        '--on-fail',
        nginx.switchCommand([hostOf(blue)]),
        '--',
        nginx.switchCommand([`127.0.0.1:${dead}`]),
      ],
      { cwd: dir },
    );
    assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /rollback .*traffic recovered/);
    const w: WatchResult = JSON.parse(readFileSync(join(runDir, 'watch.json'), 'utf8'));
    assert.equal(w.rollback?.recovered, true);
    assert.ok(w.window.errors.http5xx > 0);
    assert.match(readFileSync(join(runDir, 'index.html'), 'utf8'), /▶ rollback/);
  });

  test('a good switch with --on-fail does not roll back', async () => {
    nginx.switchTo([hostOf(blue)]);
    const r = await watch(nginx, nginx.switchCommand([hostOf(green)]), {
      onFail: { shell: nginx.switchCommand([hostOf(blue)]) },
      abortAfterMs: 0,
    });
    assert.equal(r.window.errors.count, 0, JSON.stringify(r.window.errors));
    assert.equal(r.rollback, undefined);
    assert.match(readFileSync(nginx.conf, 'utf8'), new RegExp(`server ${hostOf(green)};`));
  });
});
