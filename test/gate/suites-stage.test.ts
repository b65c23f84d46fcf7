import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'vitest';
import type { RunModel } from '../../src/run/model.ts';

/**
 * The suites stage as `npm run demo` runs it: this repo's config starts the
 * reference API once, Playwright runs the suites against it through
 * TOLLGATE_BASE_URL, and the run model carries the counts and the link to
 * Playwright's own report.
 */
const root = resolve(import.meta.dirname, '../..');

function gateSuites(faults: string): Promise<{ code: number; model: RunModel; dir: string }> {
  // a folder of its own inside a fresh temp folder: its history goes beside it, there
  const dir = join(mkdtempSync(join(tmpdir(), 'tollgate-suites-')), 'run');
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      ['bin/tollgate.js', 'gate', '--env', 'local', '--stages', 'suites', '--run-dir', dir],
      {
        cwd: root,
        env: { ...process.env, ALBUMS_FAULTS: faults, GITHUB_STEP_SUMMARY: '' },
        timeout: 240_000,
      },
      (error, _stdout, stderr) => {
        const file = join(dir, 'run.json');
        if (!existsSync(file)) return fail(new Error(`no run.json: ${stderr}`));
        done({
          code: error ? (error.code as number) : 0,
          model: JSON.parse(readFileSync(file, 'utf8')),
          dir,
        });
      },
    );
  });
}

test('suites stage: a clean API passes every suite and the report links Playwright’s', async () => {
  const { code, model, dir } = await gateSuites('');
  assert.equal(code, 0);
  assert.ok(model.suites && model.suites.passed > 20, `passed: ${model.suites?.passed}`);
  assert.equal(model.suites.failed, 0);
  assert.ok(
    model.playwrightReport && existsSync(join(dir, model.playwrightReport)),
    'Playwright report written',
  );
});

test('suites stage: a response that breaks the spec fails the functional suite, exit 1', async () => {
  const { code, model } = await gateSuites('wrong-type');
  assert.equal(code, 1);
  assert.ok(model.suites && model.suites.failed > 0);
  const failed = model.suites.tests.filter((t) => t.status !== 'passed' && t.status !== 'skipped');
  assert.ok(
    failed.some((t) => /response-schema|price/.test(t.error ?? '')),
    'the failure names the violation',
  );
});
