import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { renderConsole } from '../../src/report/console.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { reporters, writeReports } from '../../src/report/write-reports.ts';
import { fixtureModel } from './fixtures/model.ts';

const golden = new URL('./fixtures/summary.golden.txt', import.meta.url);

describe('markdown summary', () => {
  const md = renderMarkdown(fixtureModel());

  test('matches the golden file (UPDATE_GOLDEN=1 to rewrite)', () => {
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, md);
    assert.equal(md, readFileSync(golden, 'utf8'));
  });

  test('gates, findings, load and trends; no raw HTML from the spec; no credentials', () => {
    assert.match(md, /^## ❌ tollgate FAIL: `local`/);
    assert.match(md, /\| ❌ \| errors\.rate \| load:baseline \| &lt;0\.1% \| 0\.5% \|/);
    assert.match(md, /Documented status codes never seen: `GET \/v1\/albums\/\{id\}` 400/);
    assert.match(md, /3\.52ms \(\+21%\)/);
    assert.match(md, /1 new, 1 fixed, 3 unchanged/);
    assert.ok(md.includes('Albums &lt;API&gt;'));
    for (const secret of ['leaked-key', 'sekret-in-query', 'abc123']) assert.ok(!md.includes(secret));
  });

  test('a pipe in a value does not break the table', () => {
    const model = fixtureModel();
    model.gates[0].note = 'a | b';
    assert.ok(renderMarkdown(model).includes('a \\| b'));
  });
});

describe('console summary', () => {
  test('plain text without colour; verdict last, report path printed', () => {
    const out = renderConsole(fixtureModel(), { reportPath: 'reports/x/index.html' });
    assert.doesNotMatch(out, /\u001b\[/);
    assert.match(out, /✗ load:baseline errors\.rate\s+<0\.1%\s+0\.5%/);
    assert.match(out, /GET \/v1\/albums\/\{id\}\s+Server error ×2/);
    assert.match(out, /findings: 1 new, 1 fixed, 3 unchanged/);
    assert.match(out, /\nFAIL\nReport: reports\/x\/index\.html\n$/);
  });
  test('colour on request', () => {
    assert.match(renderConsole(fixtureModel(), { color: true }), /\u001b\[31m/);
  });
});

describe('writeReports', () => {
  test('writes index.html, junit.xml, summary.md and appends to GITHUB_STEP_SUMMARY', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-reports-'));
    try {
      const summary = join(dir, 'step-summary.md');
      writeFileSync(summary, 'earlier step\n');
      const outcomes = writeReports(dir, fixtureModel(), undefined, { GITHUB_STEP_SUMMARY: summary });
      assert.deepEqual(
        outcomes.map((o) => [o.reporter, o.error]),
        [
          ['html', undefined],
          ['junit', undefined],
          ['markdown', undefined],
        ],
      );
      assert.match(readFileSync(join(dir, 'index.html'), 'utf8'), /^<!doctype html>/);
      assert.match(readFileSync(join(dir, 'junit.xml'), 'utf8'), /<testsuites/);
      assert.match(readFileSync(summary, 'utf8'), /^earlier step\n## ❌ tollgate FAIL/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("one reporter's crash is reported and does not stop the others", () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-reports-'));
    const original = reporters.junit.render;
    try {
      reporters.junit.render = () => {
        throw new Error('junit exploded');
      };
      const outcomes = writeReports(dir, fixtureModel(), ['html', 'junit', 'markdown'], {});
      assert.match(outcomes[1].error ?? '', /junit exploded/);
      assert.ok(outcomes[0].file && outcomes[2].file);
      assert.match(readFileSync(join(dir, 'summary.md'), 'utf8'), /tollgate FAIL/);
    } finally {
      reporters.junit.render = original;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('console safety', () => {
  test('terminal escapes from a server are neutralised; our colours stay', () => {
    const model = fixtureModel();
    model.contract!.findings[0].received = 'Received: 500, \u001b]0;pwned\u0007\u001b[2J';
    const out = renderConsole(model, { color: true });
    assert.ok(!out.includes('\u001b]0;'));
    assert.ok(!out.includes('\u001b[2J'));
    assert.match(out, /Received: 500, \?\]0;pwned\?\?\[2J/);
    assert.match(out, /\u001b\[31m/);
  });
});

describe('markdown trends', () => {
  test('load rows always; contract rows only when they moved by half or more', () => {
    const model = fixtureModel();
    const row = (operation: string, before: number, now: number) => ({
      operation,
      source: 'contract',
      p95: { now, before },
      p99: { now, before },
      errorRate: { now: 0, before: 0 },
    });
    model.trends!.operations.push(row('GET /steady', 20, 24), row('GET /slower', 20, 80));
    const md = renderMarkdown(model);
    assert.ok(md.includes('`GET /slower` | contract'));
    assert.ok(!md.includes('GET /steady'));
    assert.match(md, /1 more operations not shown/);
    assert.ok(md.includes('`GET /v1/albums/{id}` | load:baseline'));
  });
});
