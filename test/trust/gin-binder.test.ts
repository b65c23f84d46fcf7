import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { planCases } from '../../src/cases/plan-cases.ts';
import { negativeDataRejected } from '../../src/checks/negative-data-rejected.ts';
import type { BinderLeniency } from '../../src/checks/types.ts';
import type { ContractRun } from '../../src/contract/types.ts';
import { schemaValidatorFor } from '../../src/schema/create-schema-validator.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { albums31, context, exchange } from '../checks/support/spec-fixtures.ts';
import { runAgainstAdmin } from '../contract/run-against-admin.ts';
import { adminSpecPath } from '../support/admin-server.ts';

/**
 * Gin's `ShouldBindJSON` ignores the request's Content-Type and decodes only
 * the first JSON value: a JSON body sent as text/plain, or followed by
 * `tollgate`, is bound and accepted. That is the framework's documented
 * behaviour: at most a warning per operation naming the idiom, never an
 * error. A schema-violating JSON body that is accepted (the `required-empty`
 * fault: `roleName: ""`) stays an error on the same operation. Go's json
 * takes a `null` for a non-pointer field as "not present": an optional field
 * sent as null and accepted is the same kind of warning; a required one (the
 * `unenforced-required` fault: `username: null`) stays an error.
 */
const binderTitle = "API accepted a body Gin's JSON binder reads by design";
const leniencyCase = (r: { headers: Record<string, string>; body?: string }) =>
  r.headers['content-type'] === 'text/plain' ||
  /\} tollgate$/.test(r.body ?? '') ||
  /:null\b/.test(r.body ?? '');

function negatives(run: ContractRun) {
  return run.findings.filter((f) => f.check === 'negative-data-rejected');
}

describe("negative-data-rejected on Gin's binder idioms (unit)", () => {
  const rows: [string, BinderLeniency | undefined, RegExp | undefined][] = [
    ['text/plain accepted', 'ignored-content-type', /ShouldBindJSON decodes the body as JSON whatever/],
    ['trailing bytes accepted', 'trailing-bytes', /reads the first JSON value and ignores what follows/],
    ['an optional field as null accepted', 'null-as-absent', /zero value for a JSON null/],
    ['a missing required field accepted', undefined, undefined],
  ];
  for (const [name, leniency, idiom] of rows) {
    test(name, () => {
      const ctx = context(albums31, 'createAlbum', 'invalid');
      ctx.case = { ...ctx.case, ...(leniency ? { leniency } : {}) };
      const failure = negativeDataRejected.run(ctx, exchange({ status: 201, body: { id: 1 } }));
      assert.ok(failure);
      if (idiom) {
        assert.equal(failure.severity, 'warning');
        assert.equal(failure.title, binderTitle);
        assert.match(failure.expected, idiom);
        assert.equal(failure.onceKey, leniency);
      } else {
        assert.equal(failure.severity, undefined, 'an error');
        assert.equal(failure.title, 'API accepted schema-violating request');
      }
      // Rejected: nothing to say, idiom or not.
      assert.equal(negativeDataRejected.run(ctx, exchange({ status: 400, body: {} })), undefined);
    });
  }
});

describe("Gin's binder idioms on admin-api", () => {
  test('clean: text/plain and trailing-bytes bodies accepted are warnings naming the idiom, once per operation; no error', async () => {
    const { run } = await runAgainstAdmin([], { seed: 20260101 });
    const found = negatives(run);
    const operations = [...new Set(found.map((f) => f.operation))].sort();
    assert.ok(operations.includes('POST /roles') && operations.includes('POST /users'), operations.join());
    for (const f of found) {
      assert.ok(leniencyCase(f.request), `${f.operation}: ${f.request.body}`);
      assert.equal(f.severity, 'warning');
      assert.equal(f.title, binderTitle);
      assert.match(f.expected, /Gin's ShouldBindJSON|Go's encoding\/json/);
    }
    const groups = run.groups.filter((g) => g.check === 'negative-data-rejected');
    assert.deepEqual(groups.map((g) => g.operation).sort(), operations, 'one group per operation');
  });

  test('required-empty: the accepted `roleName: ""` is an error on POST /roles; the idioms stay warnings', async () => {
    const { run } = await runAgainstAdmin(['required-empty'], { seed: 20260101 });
    const onRoles = negatives(run).filter((f) => f.operation === 'POST /roles');
    const errors = onRoles.filter((f) => f.severity === 'error');
    assert.ok(errors.length > 0, 'the real fault is not reported');
    for (const f of errors) {
      assert.equal(f.title, 'API accepted schema-violating request');
      assert.ok(!leniencyCase(f.request), `an idiom case as error: ${f.request.body}`);
    }
    assert.ok(errors.some((f) => /"roleName":""/.test(f.request.body ?? '')));
    const idioms = onRoles.filter((f) => leniencyCase(f.request));
    assert.ok(idioms.length > 0 && idioms.every((f) => f.severity === 'warning'));
  });

  test('clean: an optional `email: null` accepted on PUT /users/{id} is the null-as-absent warning, not an error', async () => {
    const { run } = await runAgainstAdmin([], { seed: 1 });
    const nulls = negatives(run).filter(
      (f) => f.operation === 'PUT /users/{id}' && /"email":null/.test(f.request.body ?? ''),
    );
    assert.ok(nulls.length > 0, 'the null case was not sent or not accepted');
    for (const f of nulls) {
      assert.equal(f.severity, 'warning');
      assert.match(f.expected, /zero value for a JSON null/);
    }
  });

  test('planned on POST /users: the optional email as null carries the idiom, the required username as null does not', async () => {
    const spec = await loadSpec(adminSpecPath);
    const validator = schemaValidatorFor(spec);
    const { cases } = planCases(
      spec,
      { seed: 1, maxCases: 25 },
      (schema, value) => validator.validate(schema, value, 'request').valid,
      { operations: ['POST /users'] },
    );
    const leniencyOf = (description: string) => {
      const found = cases.find((c) => c.description === description);
      assert.ok(found, `no case "${description}"`);
      return found.leniency;
    };
    assert.equal(leniencyOf('body.email as null'), 'null-as-absent');
    assert.equal(leniencyOf('body.username as null'), undefined, 'a required null accepted stays an error');
  });
});
