import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, test } from 'vitest';
import { writeCorpus } from './corpus.ts';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/tollgate.js');
const dir = mkdtempSync(join(tmpdir(), 'tollgate-diff-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files = new Map(writeCorpus(dir).map((f) => [f.pair.name, f]));
const pairOf = (name: string) => {
  const f = files.get(name);
  if (!f) throw new Error(`no corpus pair ${name}`);
  return f;
};

function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      'node',
      [bin, 'diff', ...args],
      {
        cwd: root,
        timeout: 120_000,
        env: { ...process.env, GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', ...env },
      },
      (error, stdout, stderr) => {
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

function oneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0], pattern);
}

describe('tollgate diff', () => {
  test('a breaking change: exit 1, the check, the operation and the line in both specs', async () => {
    const p = pairOf('parameter-became-required');
    const { code, stdout } = await run([p.base, p.revision, '--json']);
    assert.equal(code, 1);
    const diff = JSON.parse(stdout);
    assert.equal(diff.findings.length, 1);
    const [f] = diff.findings;
    assert.equal(f.id, 'request-parameter-became-required');
    assert.equal(f.level, 'ERR');
    assert.equal(f.operation, 'GET /albums');
    assert.match(f.base.pointer, /^#\/paths\/~1albums\/get\/parameters\/0$/);
    assert.ok(f.base.line > 0 && f.revision.line > 0, JSON.stringify(f));
  });

  test('no change: exit 0 and no findings', async () => {
    const p = pairOf('same-openapi30');
    const { code, stdout } = await run([p.base, p.revision]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /PASS: 0 ERR, 0 WARN, 0 INFO/);
  });

  test('--fail-on WARN fails on a WARN that ERR lets through', async () => {
    const p = pairOf('parameter-removed');
    assert.equal((await run([p.base, p.revision])).code, 0);
    const warn = await run([p.base, p.revision, '--fail-on', 'WARN']);
    assert.equal(warn.code, 1);
    assert.match(
      warn.stdout,
      /WARN\s+request-parameter-removed\s+GET \/albums: query parameter q was removed/,
    );
  });

  test('an ignore file accepts a change with its reason; without a reason it is a usage error', async () => {
    const p = pairOf('path-removed');
    const ignore = join(dir, 'ignore.yaml');
    writeFileSync(
      ignore,
      '- check: api-path-removed-without-deprecation\n  operation: GET /healthz\n  reason: the load balancer probes /readyz now\n',
    );
    const accepted = await run([p.base, p.revision, '--ignore', ignore]);
    assert.equal(accepted.code, 0, accepted.stdout);
    assert.match(
      accepted.stdout,
      /ERR ignored api-path-removed-without-deprecation .*the load balancer probes/s,
    );
    writeFileSync(ignore, '- check: api-path-removed-without-deprecation\n');
    const bad = await run([p.base, p.revision, '--ignore', ignore]);
    assert.equal(bad.code, 2);
    oneLine(bad.stderr, /TG_DIFF_IGNORE_INVALID: .*ignore\.yaml\[0\]\.reason: must say why/);
  });

  test('GitHub: annotations on stderr and the Markdown section in $GITHUB_STEP_SUMMARY', async () => {
    const p = pairOf('response-media-type-removed');
    const summary = join(dir, 'step-summary.md');
    const { code, stderr } = await run([p.base, p.revision], {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    assert.equal(code, 1);
    assert.match(
      stderr,
      /^::error file=.*revision\.yaml,line=\d+,title=response-media-type-removed::GET \/albums\/\{id\}/m,
    );
    assert.match(
      readFileSync(summary, 'utf8'),
      /\| ERR \| response-media-type-removed \| `GET \/albums\/\{id\}` \|/,
    );
  });

  test('git:<ref>:<path> reads the committed file; a ref that does not exist is exit 2', async () => {
    const ok = await run(['git:HEAD:specs/albums.openapi.yaml', 'specs/albums.openapi.yaml']);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /^git:HEAD:specs\/albums\.openapi\.yaml \(openapi-3\.1\)/);
    const bad = await run(['git:no-such-ref-here:specs/albums.openapi.yaml', 'specs/albums.openapi.yaml']);
    assert.equal(bad.code, 2);
    oneLine(
      bad.stderr,
      /^TG_GIT_REF: base spec git:no-such-ref-here:specs\/albums\.openapi\.yaml: "no-such-ref-here" is not a commit/,
    );
  });

  test('a broken spec is exit 2 and names which side', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'openapi: 3.0.3\ninfo: {title: x, version: "1"\npaths: {}\n');
    const p = pairOf('same-openapi30');
    const rev = await run([p.base, broken]);
    assert.equal(rev.code, 2);
    oneLine(rev.stderr, /^TG_SPEC_SYNTAX: revision spec: .*broken\.yaml:3:1/);
    const base = await run([broken, p.revision]);
    assert.equal(base.code, 2);
    oneLine(base.stderr, /^TG_SPEC_SYNTAX: base spec: /);
  });

  test('an unreachable URL is exit 3; a URL that answers is diffed', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/yaml' });
      res.end(readFileSync(pairOf('same-openapi30').base, 'utf8'));
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const { port } = server.address() as AddressInfo;
    try {
      const p = pairOf('same-openapi30');
      const ok = await run([`http://127.0.0.1:${port}/swagger/doc.yaml`, p.revision]);
      assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    } finally {
      await new Promise((closed) => server.close(closed));
    }
    const gone = await run([`http://127.0.0.1:${port}/swagger/doc.yaml`, pairOf('same-openapi30').revision]);
    assert.equal(gone.code, 3);
    oneLine(
      gone.stderr,
      /^TG_UNREACHABLE: base spec: cannot fetch spec http:\/\/127\.0\.0\.1:\d+\/swagger\/doc\.yaml/,
    );
  });
});
