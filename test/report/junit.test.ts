import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { renderJunit } from '../../src/report/junit.ts';
import type { RunModel } from '../../src/run/model.ts';
import { fixtureModel, XSS_BODY } from './fixtures/model.ts';
import { all, parseXml } from './xml.ts';

describe('renderJunit', () => {
  const model = fixtureModel();
  const root = parseXml(renderJunit(model));

  test('testsuites > testsuite > testcase, one testcase per operation × check, gate and stage', () => {
    assert.equal(root.name, 'testsuites');
    const suites = root.children;
    assert.ok(suites.every((s) => s.name === 'testsuite'));
    const checks = Object.keys(model.contract!.perCheck).length;
    const operations = model.contract!.operations.length;
    const expected = operations * checks + model.gates.length + model.stages.length;
    assert.equal(all(root, 'testcase').length, expected);
    assert.equal(Number(root.attributes.tests), expected);
    for (const suite of suites) {
      assert.equal(Number(suite.attributes.tests), suite.children.length, suite.attributes.name);
    }
  });

  test('a failure per failing operation × check and per failing gate, with expected and received', () => {
    const failures = all(root, 'failure');
    const pairs = new Set(model.contract!.findings.map((f) => `${f.operation} ${f.check}`));
    const failedGates = model.gates.filter((g) => g.verdict === 'fail').length;
    const failedStages = model.stages.filter((s) => s.verdict === 'fail').length;
    assert.equal(failures.length, pairs.size + failedGates + failedStages);
    assert.equal(Number(root.attributes.failures), failures.length);

    const status = all(root, 'testcase').find(
      (c) =>
        c.attributes.name === 'status-code-documented' && c.attributes.classname === 'GET /v1/albums/{id}',
    );
    const failure = status?.children.find((c) => c.name === 'failure');
    assert.ok(failure, 'status-code-documented on GET /v1/albums/{id} failed');
    assert.match(failure.attributes.message, /Documented: 200, 404/);
    assert.match(failure.attributes.message, /203/);

    const gate = all(root, 'testcase').find((c) => c.attributes.name === 'errors.rate <0.1%');
    assert.equal(gate?.children[0]?.name, 'failure');
    assert.match(gate!.children[0].attributes.message, /expected <0.1%, received 0.5%/);
  });

  test('passing testcases have no children', () => {
    const pass = all(root, 'testcase').find((c) => c.attributes.name === 'latency.p99 <250ms');
    assert.deepEqual(pass?.children, []);
  });

  test('hostile bodies and control characters survive as text', () => {
    const hostile: RunModel = fixtureModel();
    hostile.contract!.findings[0].title = 'Bad \u0001 title ]]> <x>';
    hostile.contract!.findings[0].curl = `curl '${XSS_BODY}'`;
    const parsed = parseXml(renderJunit(hostile));
    const text = all(parsed, 'failure')
      .map((f) => f.text + f.attributes.message)
      .join('\n');
    assert.ok(text.includes('Bad  title ]]> <x>'));
    assert.ok(text.includes('<script>window.__xss=1</script>'));
  });

  test('no credentials in JUnit', () => {
    const xml = renderJunit(model);
    for (const secret of ['leaked-key', 'sekret-in-query', 'abc123'])
      assert.ok(!xml.includes(secret), secret);
  });

  test('a passing run has no failures', () => {
    const passing = fixtureModel();
    passing.contract!.findings = [];
    passing.gates = passing.gates.map((g) => ({ ...g, verdict: 'pass' as const }));
    passing.stages = passing.stages.map((s) => ({ ...s, verdict: 'pass' as const }));
    const parsed = parseXml(renderJunit(passing));
    assert.equal(all(parsed, 'failure').length, 0);
    assert.equal(parsed.attributes.failures, '0');
  });
});
