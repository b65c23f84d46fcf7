import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { RunModel } from '../../src/run/model.ts';
import { type AlbumsApi, startAlbumsApi } from '../support/albums-server.ts';

/**
 * `tollgate gate` as a user runs it: the real CLI (once as a child process
 * through bin/, then in-process for speed), a config in a temp folder, the
 * real Gin API with and without a fault.
 */
const bin = resolve(import.meta.dirname, '../../bin/tollgate.js');
const spec = resolve(import.meta.dirname, '../../specs/albums.openapi.yaml');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function tollgate(args: string[], cwd: string, env: Record<string, string>): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => done({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

/** Runs the CLI in this process (fast: modules are loaded once) and captures what it prints. */
async function quiet(run: () => Promise<number>): Promise<{ code: number; output: string }> {
  let output = '';
  const write = (chunk: string | Uint8Array) => {
    output += chunk.toString();
    return true;
  };
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = write as typeof process.stdout.write;
  process.stderr.write = write as typeof process.stderr.write;
  try {
    return { code: await run(), output };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

function writeConfig(dir: string, baseURL: string): void {
  writeFileSync(
    join(dir, 'tollgate.config.mjs'),
    `export default {
  specs: { albums: ${JSON.stringify(spec)} },
  reportsDir: 'reports',
  contract: { maxCases: 4, workers: 2 },
  environments: {
    t: { baseURL: ${JSON.stringify(baseURL)}, auth: { bearer: { env: 'TG_TEST_TOKEN' } }, stages: ['contract'] },
  },
};
`,
  );
}

function latestRun(dir: string): { model: RunModel; runDir: string } {
  const id = readFileSync(join(dir, 'reports', 'latest.txt'), 'utf8').trim();
  const runDir = join(dir, 'reports', id);
  return { model: JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')), runDir };
}

describe('tollgate gate against the albums API', () => {
  let clean: AlbumsApi;
  let xss: AlbumsApi;
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-gate-cli-'));
    dirs.push(dir);
    return dir;
  };
  beforeAll(async () => {
    [clean, xss] = await Promise.all([startAlbumsApi(), startAlbumsApi({ faults: ['xss'] })]);
  });
  afterAll(async () => {
    await Promise.all([clean?.stop(), xss?.stop()]);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test('fault absent: exit 0, PASS, reports written, no secrets anywhere', async () => {
    const dir = tempDir();
    writeConfig(dir, clean.baseURL);
    const run = await tollgate(['gate', '--env', 't'], dir, { TG_TEST_TOKEN: clean.token });
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.match(run.stdout, /\nPASS\nReport: reports\/.+-t\/index\.html\n$/);
    const { model, runDir } = latestRun(dir);
    assert.equal(model.verdict, 'pass');
    assert.equal(model.contract?.findings.length, 0);
    for (const file of ['run.json', 'index.html', 'junit.xml', 'summary.md', 'contract.json']) {
      const text = readFileSync(join(runDir, file), 'utf8');
      assert.ok(!text.includes(clean.token), `${file} leaks the token`);
    }
  });

  test('xss fault present: exit 1, the finding is reported, the body is escaped, trends on the second run', async () => {
    const dir = tempDir();
    writeConfig(dir, xss.baseURL);
    process.env.TG_TEST_TOKEN = xss.token;
    const first = await quiet(() => main(['gate', '--env', 't'], dir));
    assert.equal(first.code, 1, first.output);
    const { model, runDir } = latestRun(dir);
    assert.equal(model.verdict, 'fail');
    const serverError = model.contract?.findings.find((f) => f.check === 'not-a-server-error');
    assert.equal(serverError?.operation, 'GET /v1/albums/{id}');
    assert.match(serverError?.response.body ?? '', /<script>window.__xss=1<\/script>/);
    const html = readFileSync(join(runDir, 'index.html'), 'utf8');
    assert.ok(!html.includes('<script>window.__xss'));
    assert.ok(html.includes('&lt;script&gt;window.__xss=1&lt;/script&gt;'));
    assert.match(first.output, /✗ contract contract\.findings\s+==0/);

    const second = await quiet(() => main(['gate', '--env', 't'], dir));
    assert.equal(second.code, 1);
    const again = latestRun(dir).model;
    assert.equal(again.trends?.previous.id, model.id);
    assert.equal(again.trends?.findings.new.length, 0, 'same faults: nothing new');
    assert.ok((again.trends?.findings.unchanged ?? 0) > 0);

    // `tollgate report latest` renders the same run again from run.json
    rmSync(join(runDir.replace(model.id, again.id), 'index.html'));
    const report = await quiet(() => main(['report', 'latest'], dir));
    assert.equal(report.code, 0, report.output);
    assert.ok(existsSync(join(dir, 'reports', again.id, 'index.html')));
  });

  test('unreachable target: exit 3 with one line naming the URL', async () => {
    const dir = tempDir();
    writeConfig(dir, 'http://127.0.0.1:9');
    const run = await quiet(() => main(['gate', '--env', 't'], dir));
    assert.equal(run.code, 3, run.output);
    assert.match(run.output, /TG_UNREACHABLE: .*127\.0\.0\.1:9/);
  });
});
