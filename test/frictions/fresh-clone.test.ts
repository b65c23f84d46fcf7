import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { test } from 'vitest';

/**
 * What a newcomer meets on a fresh clone before any tollgate code runs
 * (issue 14, section 2): the first build says what it does, npm installs
 * without warnings, CI logs carry no terminal colour codes.
 */
const repo = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

test('a first build says what it is doing before it starts, and a second run says nothing', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tg-fresh-'));
  try {
    mkdirSync(join(root, 'scripts'));
    mkdirSync(join(root, 'node_modules'));
    cpSync(join(repo, 'scripts/ensure-deps.sh'), join(root, 'scripts/ensure-deps.sh'));
    cpSync(join(repo, 'examples/albums-api'), join(root, 'examples/albums-api'), {
      recursive: true,
      filter: (src) => !src.includes('/bin'),
    });
    const first = await run('bash', ['scripts/ensure-deps.sh'], { cwd: root, timeout: 240_000 });
    const lines = first.stderr.trim().split('\n');
    assert.match(
      lines[0],
      /^tollgate: building examples\/albums-api \(go build; the first build downloads Gin/,
    );
    assert.match(lines.at(-1) ?? '', /^tollgate: built examples\/albums-api\/bin\/albums-api in \d+s$/);
    assert.ok(existsSync(join(root, 'examples/albums-api/bin/albums-api')));

    const second = await run('bash', ['scripts/ensure-deps.sh'], { cwd: root, timeout: 60_000 });
    assert.equal(second.stderr, '', 'nothing to do, nothing said');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('every dependency with an install script is reviewed in allowScripts (npm warns on install otherwise)', () => {
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { hasInstallScript?: boolean; dev?: boolean }>;
  };
  const allowed = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).allowScripts ?? {};
  const withScripts = Object.entries(lock.packages)
    .filter(([path, p]) => path !== '' && p.hasInstallScript)
    .map(([path]) => path.replace(/^.*node_modules\//, ''));
  assert.ok(withScripts.includes('esbuild'), 'esbuild (under tsx) has a postinstall script');
  const unreviewed = withScripts.filter((name) => !(name in allowed));
  assert.deepEqual(unreviewed, [], 'run `npm install-scripts approve <pkg>` after reviewing its script');
});

test('the CI lint step prints no ANSI colour codes into the log', async () => {
  const ci = readFileSync(join(repo, '.ci/run'), 'utf8');
  assert.match(ci, /npm run -s lint:ci/, '.ci/run lints through the lint:ci script');
  // Not a TTY, as in a CI log; the lint verdict itself is land's and CI's business.
  const lint = await run('npm', ['run', '-s', 'lint:ci'], { cwd: repo, timeout: 120_000 }).catch(
    (error: { stdout: string; stderr: string }) => error,
  );
  const output = lint.stdout + lint.stderr;
  assert.match(output, /Checked \d+ files/);
  assert.ok(!output.includes('\u001b['), `ANSI codes in: ${JSON.stringify(output.slice(0, 200))}`);
});
