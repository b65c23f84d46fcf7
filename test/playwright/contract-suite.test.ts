import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

interface Suite {
  title: string;
  suites?: Suite[];
  specs?: { title: string; tests: { status: string }[] }[];
}

// The fault-absent half is `npm test` itself: the same suite runs there against
// the clean reference API and every test must pass.
test('the Playwright contract suite fails exactly the tests of the operation that breaks its contract', async () => {
  const report = await new Promise<string>((done, fail) => {
    execFile(
      'npx',
      ['playwright', 'test', '--project=local', 'suites/contract', '--reporter=json'],
      {
        cwd: root,
        env: { ...process.env, ALBUMS_FAULTS: 'wrong-type' },
        maxBuffer: 64 << 20,
        timeout: 240_000,
      },
      (error, stdout) => (stdout ? done(stdout) : fail(error)),
    );
  });
  const failed: string[] = [];
  let passed = 0;
  const walk = (suite: Suite, path: string[]) => {
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status === 'expected') passed++;
        else failed.push([...path, spec.title].join(' > '));
      }
    }
  };
  for (const suite of JSON.parse(report).suites as Suite[]) walk(suite, []);
  assert.ok(failed.length > 0, 'wrong-type must fail some contract tests');
  for (const title of failed) assert.match(title, /GET \/v1\/albums\/\{id\} > /);
  assert.ok(passed > 40, `the other operations' tests pass (${passed})`);
});
