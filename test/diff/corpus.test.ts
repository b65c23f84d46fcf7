import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, test } from 'vitest';
import { runDiff } from '../../src/diff/run-diff.ts';
import { corpus, writeCorpus } from './corpus.ts';

const dir = mkdtempSync(join(tmpdir(), 'tollgate-diff-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files = writeCorpus(dir);

describe('diff corpus: each pair gives its verdict and exactly its checks', () => {
  test('the corpus has at least 40 pairs and every check family', () => {
    assert.ok(corpus.length >= 40, `${corpus.length} pairs`);
  });
  for (const { pair, base, revision } of files) {
    test(`${pair.name}: ${pair.about}`, async () => {
      const diff = await runDiff({ base, revision, cwd: dir, today: '2026-12-01' });
      const ids = [...new Set(diff.findings.map((f) => f.id))].sort();
      assert.deepEqual(
        ids,
        pair.checks,
        JSON.stringify(
          diff.findings.map((f) => `${f.id}: ${f.operation}: ${f.text}`),
          null,
          1,
        ),
      );
      assert.equal(diff.failed ? 'fail' : 'pass', pair.verdict);
    });
  }
});
