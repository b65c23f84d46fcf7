import assert from 'node:assert/strict';
import { test } from 'vitest';
import { progressText } from '../../src/contract/progress-text.ts';

test('the progress line names the phase in words and never shows an unknown total as /0', () => {
  const setup = progressText({ phase: 'fixtures', done: 1, total: 0, findings: 0 });
  assert.equal(setup, 'contract: creating test data, 1 case so far, no findings yet');
  assert.doesNotMatch(setup, /\/0|fixtures/);
  assert.equal(
    progressText({ phase: 'cases', done: 120, total: 480, findings: 3 }),
    'contract: running test cases, 120 of 480 cases done, 3 findings so far',
  );
  assert.equal(
    progressText({ phase: 'stateful', done: 4, total: 0, findings: 1 }),
    'contract: create-read-delete sequences, 4 cases so far, 1 finding so far',
  );
  assert.match(progressText({ phase: 'cleanup', done: 9, total: 9, findings: 0 }), /^contract: cleaning up/);
});
