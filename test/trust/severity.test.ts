import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'vitest';
import { runContract } from '../../src/contract/run-contract.ts';
import type { ContractOptions, ContractRun } from '../../src/contract/types.ts';
import { renderConsole } from '../../src/report/console.ts';
import { renderHtml } from '../../src/report/html/page.ts';
import { renderJunit } from '../../src/report/junit.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import type { RunModel } from '../../src/run/model.ts';
import { contractOutcome } from '../../src/run/stages/contract-stage.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { fixtureModel } from '../report/fixtures/model.ts';
import { startRulesApi } from './rules-server.ts';

/**
 * Business-rule rejections: a valid request answered with a 4xx the spec
 * documents is the spec being incomplete: one warning per operation and
 * status, with the server's message, and no failed gate. An undocumented
 * status stays an error. Assertions are about which checks fire where,
 * never about case counts.
 */
async function run(
  api: { baseURL: string; specPath: string },
  options: ContractOptions = {},
): Promise<ContractRun> {
  return runContract({
    spec: await loadSpec(api.specPath),
    baseURL: api.baseURL,
    headers: {},
    secrets: [],
    options: { maxCases: 5, workers: 2, timeoutMs: 30_000, ...options },
  });
}

const positive = (r: ContractRun) => r.findings.filter((f) => f.check === 'positive-data-accepted');

describe('severity of business-rule rejections', () => {
  test('a documented 400 on valid input is ONE warning per operation and status, with the message; the gate passes', async () => {
    const api = await startRulesApi();
    try {
      const result = await run(api);
      const found = positive(result);
      assert.deepEqual(
        found.map((f) => [f.operation, f.severity, f.response.status]),
        [['POST /users', 'warning', 400]],
      );
      assert.match(found[0].received, /captcha required/);
      assert.deepEqual(
        result.findings.filter((f) => f.severity === 'error').map((f) => `${f.check} ${f.operation}`),
        [],
      );
      assert.equal(contractOutcome(result).verdict, 'pass');
      assert.equal(contractOutcome(result, 'warning').verdict, 'fail');
    } finally {
      await api.stop();
    }
  });

  test('an undocumented 422 on valid input stays an error and fails the gate', async () => {
    const api = await startRulesApi({ undocumentedRejection: true });
    try {
      const result = await run(api);
      const errors = positive(result).filter((f) => f.severity === 'error');
      assert.deepEqual([...new Set(errors.map((f) => f.operation))], ['POST /codes']);
      assert.ok(errors.every((f) => f.response.status === 422));
      assert.equal(contractOutcome(result).verdict, 'fail');
    } finally {
      await api.stop();
    }
  });
});

const bin = resolve(import.meta.dirname, '../../bin/tollgate.js');
function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('node', [bin, ...args], { cwd, timeout: 120_000 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('tollgate contract exit code by severity', () => {
  test('warnings only: exit 0 and shown; --fail-on warning: exit 1', async () => {
    const api = await startRulesApi();
    const cwd = mkdtempSync(join(tmpdir(), 'tollgate-severity-'));
    try {
      const base = ['contract', '--spec', api.specPath, '--base-url', api.baseURL, '--max-cases', '3'];
      const plain = await cli(base, cwd);
      assert.equal(plain.code, 0, plain.stdout + plain.stderr);
      assert.match(plain.stdout, /contract PASSED: 0 findings, 1 warnings/);
      assert.match(plain.stdout, /! warning: POST \/users {2}API rejected schema-compliant request/);
      const strict = await cli([...base, '--fail-on', 'warning'], cwd);
      assert.equal(strict.code, 1, strict.stdout + strict.stderr);
      assert.match(strict.stdout, /contract FAILED/);
      const bad = await cli([...base, '--fail-on', 'warnings'], cwd);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--fail-on must be "error" or "warning", got "warnings"/);
    } finally {
      await api.stop();
    }
  });
});

describe('severity in every report', () => {
  const model = (): RunModel => {
    const m = fixtureModel();
    const contract = m.contract!;
    const first = contract.findings[0];
    const warning = {
      ...first,
      severity: 'warning' as const,
      check: 'positive-data-accepted',
      title: 'Rule said no',
    };
    contract.findings = [...contract.findings, warning];
    contract.groups = [
      ...contract.groups,
      {
        key: 'w',
        check: 'positive-data-accepted',
        severity: 'warning',
        operation: first.operation,
        title: 'Rule said no',
        count: 1,
        first: contract.findings.length - 1,
      },
    ];
    contract.perCheck['positive-data-accepted'] = { cases: 3, failures: 1 };
    contract.notices = ['Most 2xx answers look like an envelope'];
    return m;
  };

  test('console, Markdown, HTML, JUnit and JSON show the warning as a warning', () => {
    const m = model();
    const text = renderConsole(m, { color: false });
    assert.match(text, /! warning: .*Rule said no/);
    assert.match(text, /Most 2xx answers look like an envelope/);
    const md = renderMarkdown(m);
    assert.match(md, /\| Severity \| Check \|/);
    assert.match(md, /\| warning \| positive-data-accepted \|/);
    assert.match(md, /\| error \| /);
    const page = renderHtml(m);
    assert.match(page, /badge warn severity">warning</);
    assert.match(page, /badge fail severity">error</);
    const xml = renderJunit(m);
    const warned = xml
      .split('<testcase ')
      .find((t) => t.startsWith('name="positive-data-accepted"') && !/^[^>]*\/>/.test(t));
    assert.ok(warned, xml.slice(0, 2000));
    assert.doesNotMatch(warned.split('</testcase>')[0], /<failure/);
    assert.match(warned, /<system-out>warning: Rule said no/);
    assert.match(xml, /<failure/, 'the errors of the fixture still fail');
    assert.match(JSON.stringify(m), /"severity":"warning"/);
  });
});
