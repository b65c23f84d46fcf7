import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { escapeHtml, jsonForScript } from '../../src/report/escape-html.ts';
import { contentSecurityPolicy, renderHtml } from '../../src/report/html/page.ts';
import type { RunModel } from '../../src/run/model.ts';
import { fixtureModel, XSS_BODY } from './fixtures/model.ts';

const SECRETS = ['leaked-key', 'sekret-in-query', 'abc123', 'session=abc'];

describe('renderHtml', () => {
  const page = renderHtml(fixtureModel());

  test('verdict, gate table, operations, findings and load sections in that order', () => {
    const at = (marker: string) => {
      const i = page.indexOf(marker);
      assert.ok(i >= 0, `missing ${marker}`);
      return i;
    };
    assert.match(page, /data-verdict="fail">FAIL</);
    const order = [
      'id="summary"',
      'id="gate-table"',
      'id="trends"',
      'id="operation-table"',
      'id="findings"',
      'id="load"',
    ];
    const positions = order.map(at);
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
    );
  });

  test('one self-contained file: CSP, inline uPlot, no remote or external resources', () => {
    const csp =
      /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1]?.replaceAll('&#39;', "'") ??
      '';
    assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]{44}' 'sha256-[A-Za-z0-9+/=]{44}';/);
    assert.doesNotMatch(csp.match(/script-src[^;]*/)?.[0] ?? '', /unsafe-inline|nonce/);
    // Every executable inline script is one of the hashed ones (JSON data blocks do not run).
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    assert.equal(scripts.length, 2);
    assert.equal(csp, contentSecurityPolicy(scripts));
    assert.ok(page.includes('uPlot'), 'uPlot inlined');
    assert.doesNotMatch(page, /<link\b/i);
    assert.doesNotMatch(page, /<script[^>]+src=/i);
    assert.doesNotMatch(page, /\b(src|href)="(https?:)?\/\//i);
  });

  test('the hostile response body is escaped text, never markup', () => {
    assert.ok(!page.includes('<script>window.__xss'));
    assert.ok(!page.includes('<img src=x'));
    assert.ok(page.includes(escapeHtml(XSS_BODY)));
    // spec title from the spec is escaped too
    assert.ok(page.includes('Albums &lt;API&gt;'));
  });

  test('chart data cannot close its script element', () => {
    const model: RunModel = fixtureModel();
    model.load![0].perOperation[0].operation = 'GET /</script><script>window.__xss=3</script>';
    const hostile = renderHtml(model);
    const scripts = hostile.match(/<script\b/g)?.length ?? 0;
    const closes = hostile.match(/<\/script>/gi)?.length ?? 0;
    assert.equal(scripts, 3, 'chart data, uPlot, client');
    assert.equal(closes, 3);
    const json = hostile.match(
      /<script type="application\/json" id="tollgate-charts">([\s\S]*?)<\/script>/,
    )![1];
    assert.equal(
      JSON.parse(json)[0].perOperation[0].operation,
      'GET /</script><script>window.__xss=3</script>',
    );
  });

  test('credentials are redacted even when a finding carries them', () => {
    for (const secret of SECRETS) assert.ok(!page.includes(secret), `leaked ${secret}`);
    assert.ok(page.includes('x-api-key: [redacted]'));
    assert.ok(page.includes('api_key=[redacted]'));
    assert.ok(page.includes('$TOLLGATE_TOKEN'), 'repro keeps the variable name');
  });

  test('status codes never seen and undocumented ones are flagged', () => {
    assert.match(page, /class="status undocumented"[^>]*>203×10</);
    assert.match(page, /class="status never"[^>]*>400</);
    assert.match(page, /class="status ok"[^>]*>200×100</);
  });

  test('links the Playwright report when suites ran', () => {
    assert.ok(page.includes('href="playwright/index.html"'));
    const without = fixtureModel();
    delete without.playwrightReport;
    assert.ok(!renderHtml(without).includes('Playwright report'));
  });

  test('a contract-only passing run renders without load or trends', () => {
    const model = fixtureModel();
    model.verdict = 'pass';
    delete model.load;
    delete model.trends;
    model.contract!.findings = [];
    model.contract!.groups = [];
    const out = renderHtml(model);
    assert.match(out, /data-verdict="pass">PASS</);
    assert.ok(!out.includes('id="load"'));
    assert.ok(!out.includes('id="trends"'));
    assert.ok(out.includes('No findings in 412 cases.'));
  });
});

describe('escapeHtml and jsonForScript', () => {
  const cases: [string, string, string][] = [
    ['markup', '<b a="1">', '&lt;b a=&quot;1&quot;&gt;'],
    ['ampersand first', '&lt;', '&amp;lt;'],
    ['single quote', "it's", 'it&#39;s'],
  ];
  for (const [name, given, want] of cases) test(name, () => assert.equal(escapeHtml(given), want));

  test('jsonForScript has no < > & and round-trips', () => {
    const value = { a: '</script><!-- & \u2028' };
    const out = jsonForScript(value);
    assert.doesNotMatch(out, /[<>&\u2028]/);
    assert.deepEqual(JSON.parse(out), value);
  });
});

describe('operations table', () => {
  test('load metrics named by operationId join the contract row of that operation', () => {
    const model = fixtureModel();
    model.load![0].perOperation[1].operation = 'getAlbum';
    const page = renderHtml(model);
    const table = page.slice(
      page.indexOf('id="operation-table"'),
      page.indexOf('</table>', page.indexOf('id="operation-table"')),
    );
    const rows = table.split('<tr').filter((r) => r.includes('getAlbum'));
    assert.equal(rows.length, 1, 'one row for getAlbum');
    assert.match(rows[0], /GET \/v1\/albums\/\{id\}/);
    assert.match(rows[0], />80\.0</, 'rps from load');
  });
});

describe('stage errors', () => {
  test('a one-line error stays inline; a stack trace is folded', () => {
    const model = fixtureModel();
    model.stages[0] = { ...model.stages[0], verdict: 'error', error: 'TG_UNREACHABLE: connection refused' };
    model.stages[1] = {
      ...model.stages[1],
      verdict: 'error',
      error: 'TypeError: boom\n    at x (/a.ts:1:1)',
    };
    const page = renderHtml(model);
    assert.match(page, /<span class="stage-error mono">TG_UNREACHABLE: connection refused<\/span>/);
    assert.match(
      page,
      /<details class="stage-error"><summary class="mono">TypeError: boom<\/summary><pre> {4}at x \(\/a\.ts:1:1\)<\/pre><\/details>/,
    );
  });
});
