import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'vitest';
import type { ContractRun } from '../../src/contract/types.ts';
import { startAlbumsApi } from '../support/albums-server.ts';
import { oneLine, runCli } from '../support/run-cli.ts';
import { albumsSpec, albumsState, runOnAlbums } from './albums-state.ts';

/**
 * However a run ends, it leaves the server exactly as it found it: after
 * Ctrl-C mid-run (the real CLI, a real SIGINT) and after the request cap,
 * on an albums API whose create answers an undocumented 200. The cap is
 * said, not silent: how many cases and operations did not run, and the
 * run is incomplete, not a pass.
 */
const bin = resolve(import.meta.dirname, '../../bin/tollgate.js');

describe('the request cap', () => {
  test('cuts the run, says what it cut, marks it incomplete, and cleanup still leaves nothing', async () => {
    const api = await startAlbumsApi({ faults: ['create-200'] });
    try {
      const before = await albumsState(api);
      const run = await runOnAlbums(api, { maxRequests: 80 });
      assert.ok(run.incomplete, 'a capped run is marked incomplete');
      assert.match(
        run.incomplete.reason,
        /request cap \(maxRequests 80\) reached: \d+ cases on \d+ operations not run/,
      );
      assert.ok(run.budget && run.budget.notRun.cases > 0 && run.budget.notRun.operations.length > 0);
      assert.ok(run.cleanup.created > 0, 'the run created nothing before the cap');
      assert.deepEqual(run.cleanup.leftover, []);
      assert.deepEqual(await albumsState(api), before);
    } finally {
      await api.stop();
    }
  });

  test('a run under the cap is not incomplete', async () => {
    const api = await startAlbumsApi();
    try {
      const run = await runOnAlbums(api, { operations: ['getAlbum', 'listAlbums'] });
      assert.equal(run.incomplete, undefined);
      assert.equal(run.budget?.notRun.cases, 0);
    } finally {
      await api.stop();
    }
  });

  test('--max-requests on the CLI: exit 1, INCOMPLETE on the console; a bad value is one line, exit 2', async () => {
    const api = await startAlbumsApi();
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-cap-'));
    try {
      const target = [
        '--spec',
        albumsSpec,
        '--base-url',
        api.baseURL,
        '-H',
        `Authorization: Bearer ${api.token}`,
      ];
      const capped = await runCli([
        'contract',
        ...target,
        '--max-cases',
        '3',
        '--max-requests',
        '30',
        '--run-dir',
        join(dir, 'a'),
      ]);
      assert.equal(capped.code, 1, capped.stdout + capped.stderr);
      assert.match(capped.stdout, /Incomplete: request cap \(maxRequests 30\) reached/);
      assert.match(capped.stdout, /raise --max-requests or contract\.maxRequests/);
      const bad = await runCli(['contract', ...target, '--max-requests', '0', '--run-dir', join(dir, 'b')]);
      assert.equal(bad.code, 2);
      assert.match(oneLine(bad), /--max-requests must be an integer >= 1, got "0"/);
    } finally {
      await api.stop();
    }
  });
});

describe('--max-cases says what it left out', () => {
  /** `tollgate contract` on listAlbums only, with this --max-cases; the console and the run folder's files. */
  async function listAlbums(maxCases: string) {
    const api = await startAlbumsApi();
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-max-cases-'));
    try {
      const args = ['--spec', albumsSpec, '--base-url', api.baseURL, '--operations', 'listAlbums'];
      const cli = await runCli(['contract', ...args, '--max-cases', maxCases, '--run-dir', join(dir, 'run')]);
      const file = (name: string) => readFileSync(join(dir, 'run', name), 'utf8');
      const run = JSON.parse(file('contract.json')) as ContractRun;
      return { cli, run, html: file('index.html'), markdown: file('summary.md') };
    } finally {
      await api.stop();
    }
  }

  test('cut: console, contract.json, HTML and Markdown say how many generated cases on how many operations', async () => {
    const { cli, run, html, markdown } = await listAlbums('1');
    const cut = run.budget?.cutByMaxCases;
    assert.ok(cut && cut.cases > 0 && cut.operations === 1, JSON.stringify(run.budget));
    const line = `--max-cases 1 left out ${cut.cases} generated cases on 1 operations`;
    assert.ok(cli.stdout.includes(line), cli.stdout);
    assert.ok(html.includes(line), 'the HTML report says it');
    assert.ok(markdown.includes(line), 'the Markdown summary says it');
    assert.equal(run.incomplete, undefined, 'every operation still ran: a sample, not a cut run');
  });

  test('no cut: nothing left out, nothing said', async () => {
    const { cli, run, html, markdown } = await listAlbums('500');
    assert.equal(run.budget?.cutByMaxCases.cases, 0);
    for (const text of [cli.stdout, html, markdown])
      assert.doesNotMatch(text, /left out \d+ generated cases/);
  });
});

describe('Ctrl-C mid-run', () => {
  test('SIGINT to the CLI: exit 130, cleanup runs, the server is left exactly as found', async () => {
    const api = await startAlbumsApi({ faults: ['create-200'] });
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-sigint-'));
    try {
      const before = (await albumsState(api)) as { albums: unknown[] };
      const child = spawn(
        'node',
        [
          bin,
          'contract',
          '--spec',
          albumsSpec,
          '--base-url',
          api.baseURL,
          '-H',
          `Authorization: Bearer ${api.token}`,
          '--max-cases',
          '5',
          '--run-dir',
          join(dir, 'run'),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
      );
      let stdout = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      // Mid-run: once the run's own albums are on the server.
      let seen = 0;
      for (let i = 0; i < 600 && seen <= before.albums.length && child.exitCode === null; i++) {
        await new Promise((r) => setTimeout(r, 50));
        seen = ((await albumsState(api)) as { albums: unknown[] }).albums.length;
      }
      assert.ok(seen > before.albums.length, 'the run never created an album to interrupt');
      child.kill('SIGINT');
      const code = await exited;
      assert.equal(code, 130, stdout);
      assert.match(stdout, /ABORTED \(interrupted\)/);
      assert.match(stdout, /Cleanup: (\d+)\/\1 created resources deleted/);
      assert.deepEqual(await albumsState(api), before);
    } finally {
      await api.stop();
    }
  });
});
