import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { RunModel, WatchResult } from '../../src/run/model.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';
import { freePort } from '../support/nginx.ts';
import { oneLine, runCli } from '../support/run-cli.ts';

const spec = new URL('../../specs/albums.openapi.yaml', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'tollgate-watch-cli-'));

/** Ad hoc watch at 40 rps: half a second before, half a second after. */
function adhoc(baseURL: string, runDir: string, extra: string[], command: string[]) {
  return runCli(
    [
      'watch',
      '--spec',
      spec,
      '--base-url',
      baseURL,
      '--rate',
      '40',
      '--before',
      '0.5s',
      '--settle',
      '0.5s',
      '--run-dir',
      join(dir, runDir),
      ...extra,
      '--',
      ...command,
    ],
    { cwd: dir },
  );
}

function watchJson(runDir: string): WatchResult & { verdict: string } {
  return JSON.parse(readFileSync(join(dir, runDir, 'watch.json'), 'utf8'));
}

describe('tollgate watch on the command line', () => {
  let api: AlbumsApi;
  beforeAll(async () => {
    api = await startAlbumsApi();
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a command that is not found exits 2 with one line, before any load', async () => {
    const r = await adhoc(api.baseURL, 'missing', [], ['no-such-deploy-tool', '--now']);
    assert.equal(r.code, 2);
    assert.match(oneLine(r), /^TG_COMMAND_NOT_FOUND: .*command not found: no-such-deploy-tool/);
    assert.equal(existsSync(join(dir, 'missing')), false, 'nothing ran, nothing written');
    const rollback = await adhoc(api.baseURL, 'missing2', ['--on-fail', './rollback-missing.sh'], ['true']);
    assert.equal(rollback.code, 2);
    assert.match(oneLine(rollback), /--on-fail: command not found: \.\/rollback-missing\.sh/);
  });

  test('no command after -- is a usage error', async () => {
    const r = await runCli(['watch', '--spec', spec, '--base-url', api.baseURL, '--rate', '10'], {
      cwd: dir,
    });
    assert.equal(r.code, 2);
    assert.match(oneLine(r), /needs the deploy command after --/);
  });

  test('a command that fails fails the run; its output (secrets redacted) and exit code are in the run', async () => {
    const r = await adhoc(
      api.baseURL,
      'failing',
      ['--header', `Authorization: Bearer ${api.token}`],
      ['sh', '-c', `echo "deploying with ${api.token}"; echo oops >&2; exit 3`],
    );
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /FAIL: the command exited 3/);
    const w = watchJson('failing');
    assert.equal(w.verdict, 'fail');
    assert.equal(w.command?.exitCode, 3);
    assert.match(w.command!.output, /deploying with \[REDACTED\]/);
    assert.match(w.command!.output, /oops/);
    assert.ok(!readFileSync(join(dir, 'failing', 'watch.json'), 'utf8').includes(api.token));
    const model: RunModel = JSON.parse(readFileSync(join(dir, 'failing', 'run.json'), 'utf8'));
    assert.equal(model.verdict, 'fail');
    assert.equal(model.watch?.command?.exitCode, 3);
    const page = readFileSync(join(dir, 'failing', 'index.html'), 'utf8');
    assert.ok(!page.includes(api.token));
    assert.match(page, /<section id="watch">/);
    assert.match(page, /data-watch-timeline/);
    assert.match(page, /▶ command/);
    assert.match(page, /exited 3/);
    const junit = readFileSync(join(dir, 'failing', 'junit.xml'), 'utf8');
    assert.match(
      junit,
      /<testcase name="command" classname="watch adhoc"[^>]*>\s*<failure message="[^"]*exited 3/,
    );
    const summary = readFileSync(join(dir, 'failing', 'summary.md'), 'utf8');
    assert.match(summary, /### Watch: adhoc/);
    assert.match(summary, /\| s \| phase \| sent \|/);
    assert.match(summary, /▶ command/);
  });

  test('a command that succeeds on a healthy target passes (exit 0)', async () => {
    const r = await adhoc(
      api.baseURL,
      'passing',
      ['--gate', 'errors.count==0', '--gate', 'latency.p99<2s'],
      ['sh', '-c', 'sleep 0.3'],
    );
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const w = watchJson('passing');
    assert.equal(w.verdict, 'pass');
    assert.deepEqual(
      w.gates.map((g) => [g.name, g.verdict]),
      [
        ['errors.count', 'pass'],
        ['latency.p99', 'pass'],
      ],
    );
    assert.ok(w.window.requests > 10);
    const junit = readFileSync(join(dir, 'passing', 'junit.xml'), 'utf8');
    assert.match(
      junit,
      /<testcase name="command" classname="watch adhoc" time="0"\/>/,
      'a passing command has no failure',
    );
    assert.doesNotMatch(junit, /<failure message="[^"]*exited/);
    assert.ok(w.timeline.some((s) => s.phase === 'before') && w.timeline.some((s) => s.phase !== 'before'));
  });

  test("a profile's rate and its gates for the environment judge the window (a gate no API meets fails it)", async () => {
    const file = join(dir, 'switch-profile.mts');
    writeFileSync(
      file,
      `export default { model: 'open', rate: 30, requests: [{ path: '/v1/albums', method: 'get' }], gates: { local: { 'latency.p99': '<1us', 'errors.count': '==0' } } };\n`,
    );
    const r = await runCli(
      [
        'watch',
        file,
        '--spec',
        spec,
        '--base-url',
        api.baseURL,
        '--before',
        '0.5s',
        '--settle',
        '0.5s',
        '--run-dir',
        join(dir, 'profiled'),
        '--',
        'true',
      ],
      { cwd: dir },
    );
    assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
    const w = watchJson('profiled');
    assert.equal(w.rate, 30);
    assert.deepEqual(
      w.gates.map((g) => [g.name, g.scope, g.verdict]),
      [
        ['latency.p99', 'watch:switch-profile', 'fail'],
        ['errors.count', 'watch:switch-profile', 'pass'],
      ],
    );
    assert.equal(w.command?.exitCode, 0);
  });

  test('Ctrl-C stops the load and the command, writes what ran and exits 130', async () => {
    const bin = new URL('../../bin/tollgate.js', import.meta.url).pathname;
    const runDir = join(dir, 'interrupted');
    const child = spawn(
      'node',
      [
        bin,
        'watch',
        '--spec',
        spec,
        '--base-url',
        api.baseURL,
        '--rate',
        '30',
        '--before',
        '0.5s',
        '--run-dir',
        runDir,
        '--',
        'sleep',
        '30',
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      // once: a second Ctrl-C forces the exit without writing
      if (!sent && stderr.includes('command started')) sent = child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
    assert.equal(code, 130, stderr);
    const w = watchJson('interrupted');
    assert.deepEqual(w.aborted, { reason: 'interrupted' });
    assert.equal(w.command?.signal, 'SIGTERM');
    assert.ok(w.command!.endMs - w.command!.startMs < 10_000, 'the 30 s command was stopped');
  });

  test('a target that answers nothing exits 3 and the command is not run', async () => {
    const port = await freePort();
    const marker = join(dir, 'ran');
    const r = await adhoc(`http://127.0.0.1:${port}`, 'down', [], ['touch', marker]);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(existsSync(marker), false, 'the deploy command did not run');
  });
});
