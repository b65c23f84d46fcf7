import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

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
const lineReporter =
  'Running 3 tests using 1 worker\n[1/3] report.spec.ts:90:1 › renders\n  3 passed (12.0s)\n';

test('a Playwright run that printed a tollgate report fails npm test, naming the run', async () => {
  const gateReport =
    'Stages\n  ✗ contract  2 findings\n\nFAIL\nReport: /tmp/tg-browser-x/real/reports/2026-12-02T18-00-00Z-local/index.html\n';
  const result = await count({ 'browser.json': browserJson, 'browser.log': lineReporter + gateReport });
  assert.equal(result.code, 1);
  assert.match(
    result.stdout,
    /^browser: a test printed a tollgate report to the console \(Report: \S+index\.html\)/m,
  );
  assert.match(result.stdout, /^3 passed, 1 failed$/m);
});

test('the same run without fixture output on the console passes', async () => {
  const result = await count({ 'browser.json': browserJson, 'browser.log': lineReporter });
  assert.equal(result.code, 0, result.stdout);
  assert.match(result.stdout, /^3 passed, 0 failed$/m);
});
