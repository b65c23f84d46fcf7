import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'vitest';

/** `npm test`'s closing line, and its rule that fixture output stays out of the console. */
const script = resolve(import.meta.dirname, '../../scripts/count-results.mjs');

function count(files: Record<string, string>): Promise<{ code: number; stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tg-count-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return new Promise((done) =>
    execFile('node', [script, dir], (error, stdout) => {
      rmSync(dir, { recursive: true, force: true });
      done({ code: error ? Number(error.code) : 0, stdout });
    }),
  );
}

const browserJson = JSON.stringify({ stats: { expected: 3, unexpected: 0, flaky: 0 }, errors: [] });
const vitestJson = (over: object = {}) =>
  JSON.stringify({
    numPassedTests: 5,
    numFailedTests: 0,
    numFailedTestSuites: 0,
    testResults: [{ status: 'passed', assertionResults: [{ status: 'passed' }] }],
    ...over,
  });
const lineReporter =
  'Running 3 tests using 1 worker\n[1/3] report.spec.ts:90:1 › renders\n  3 passed (12.0s)\n';

test('a Playwright run that printed a tollgate report fails npm test, naming the run', async () => {
  const gateReport =
    'Stages\n  ✗ contract  2 findings\n\nFAIL\nReport: /tmp/tg-browser-x/real/reports/2026-12-02T18-00-00Z-local/index.html\n';
  const result = await count({
    'vitest.json': vitestJson(),
    'browser.json': browserJson,
    'browser.log': lineReporter + gateReport,
  });
  assert.equal(result.code, 1);
  assert.match(
    result.stdout,
    /^browser: a test printed a tollgate report to the console \(Report: \S+index\.html\)/m,
  );
  assert.match(result.stdout, /^8 passed, 1 failed$/m);
});

test('the same run without fixture output on the console passes', async () => {
  const result = await count({
    'vitest.json': vitestJson(),
    'browser.json': browserJson,
    'browser.log': lineReporter,
  });
  assert.equal(result.code, 0, result.stdout);
  assert.match(result.stdout, /^8 passed, 0 failed$/m);
});

test('vitest: a file that failed to load counts as a failure, and a missing report is never a pass', async () => {
  const broken = vitestJson({
    numFailedTestSuites: 1,
    testResults: [
      { status: 'passed', assertionResults: [{ status: 'passed' }] },
      { status: 'failed', assertionResults: [] },
    ],
  });
  const loaded = await count({ 'vitest.json': broken });
  assert.equal(loaded.code, 1);
  assert.match(loaded.stdout, /^5 passed, 1 failed$/m);
  const failedTests = vitestJson({
    numFailedTests: 2,
    numFailedTestSuites: 1,
    testResults: [{ status: 'failed', assertionResults: [{ status: 'failed' }, { status: 'failed' }] }],
  });
  assert.match((await count({ 'vitest.json': failedTests })).stdout, /^5 passed, 2 failed$/m);
  const none = await count({ 'browser.json': browserJson });
  assert.equal(none.code, 1);
  assert.match(none.stdout, /vitest wrote no report/);
});
