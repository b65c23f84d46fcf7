import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, test } from 'vitest';
import { boundaryValues } from '../../src/cases/boundaries.ts';
import { classify } from '../../src/cases/classify.ts';
import { requestFields } from '../../src/cases/fields.ts';
import { planCases } from '../../src/cases/plan-cases.ts';
import { createRng } from '../../src/cases/prng.ts';
import type { GenerationContext, IsValid } from '../../src/cases/types.ts';
import type { LoadedSpec, Operation, SchemaObject } from '../../src/spec/types.ts';

const ajv = new Ajv2020.default({ strict: false });
addFormats.default(ajv);
const isValid: IsValid = (schema, value) => ajv.validate(schema, value);

function specWith(body: SchemaObject, extra: Partial<Operation> = {}): LoadedSpec {
  const operation: Operation = {
    id: 'createThing',
    key: 'POST /things',
    method: 'post',
    path: '/things',
    ginPath: '/things',
    tags: [],
    parameters: [],
    requestBody: { required: true, content: { 'application/json': { schema: body } } },
    responses: { '201': { description: 'ok', content: {}, headers: {}, links: {} } },
    security: [],
    pointer: '#/paths/~1things/post',
    extensions: {},
    ...extra,
  };
  return {
    source: 'test',
    version: '3.1',
    dialect: '3.1',
    title: 't',
    apiVersion: '1',
    document: {},
    basePath: '',
    operations: [operation],
  };
}

const thing: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'count'],
  properties: {
    name: { type: 'string', minLength: 2, maxLength: 10 },
    count: { type: 'integer', minimum: 1, maximum: 5 },
    kind: { type: 'string', enum: ['a', 'b'] },
    email: { type: 'string', format: 'email' },
    code: { type: 'string', pattern: '^[A-Z]{3}-\\d{2}$' },
  },
};

describe('case generation', () => {
  test('same seed gives the same cases; another seed gives others', () => {
    const spec = specWith(thing);
    const one = JSON.stringify(planCases(spec, { seed: 7, maxCases: 10 }, isValid).cases);
    const again = JSON.stringify(planCases(spec, { seed: 7, maxCases: 10 }, isValid).cases);
    const other = JSON.stringify(planCases(spec, { seed: 8, maxCases: 10 }, isValid).cases);
    assert.equal(one, again);
    assert.notEqual(one, other);
  });

  test('every positive case validates, every invalid case does not', () => {
    const spec = specWith(thing);
    const schema = thing;
    for (const c of planCases(spec, { seed: 3, maxCases: 25 }, isValid).cases) {
      if (
        c.request.body === undefined ||
        c.request.rawBody !== undefined ||
        c.request.contentType !== 'application/json'
      )
        continue;
      if (c.expectation === 'valid')
        assert.ok(isValid(schema, c.request.body), `${c.phase} ${c.description}`);
      if (c.expectation === 'invalid')
        assert.ok(!isValid(schema, c.request.body), `${c.phase} ${c.description}`);
    }
  });

  test('minLength 2 / maxLength 10 boundaries are lengths 1, 2, 3, 9, 10, 11 with the right expectations', () => {
    const spec = specWith(thing);
    const ctx: GenerationContext = {
      spec,
      operation: spec.operations[0],
      options: { seed: 1, maxCases: 25 },
      isValid,
    };
    const name = requestFields(ctx).find((f) => f.label === 'body.name')!;
    const values = boundaryValues(name, {}, createRng(1)).map((v) => [
      [...(v.value as string)].length,
      v.valid,
    ]);
    assert.deepEqual(values, [
      [1, false],
      [2, true],
      [3, true],
      [9, true],
      [10, true],
      [11, false],
    ]);
    const cases = planCases(spec, { seed: 1, maxCases: 25 }, isValid).cases.filter(
      (c) => c.phase === 'boundary' && c.description.startsWith('body.name'),
    );
    assert.deepEqual(
      cases.map((c) => [(c.request.body as { name: string }).name.length, c.expectation]),
      [
        [1, 'invalid'],
        [2, 'valid'],
        [3, 'valid'],
        [9, 'valid'],
        [10, 'valid'],
        [11, 'invalid'],
      ],
    );
  });

  test('a "negative" case that is in fact valid is dropped and counted', () => {
    const loose: SchemaObject = { type: 'object', properties: { note: {} } };
    const spec = specWith(loose);
    const ctx: GenerationContext = {
      spec,
      operation: spec.operations[0],
      options: { seed: 1, maxCases: 25 },
      isValid,
    };
    const request = {
      pathParams: {},
      query: {},
      headers: {},
      body: { note: 12345 },
      contentType: 'application/json',
    };
    const out = classify(ctx, 'negative', [
      { expectation: 'invalid', description: 'note as a number', request },
    ]);
    assert.equal(out.cases.length, 0);
    assert.equal(out.dropped, 1);
    const kept = classify(ctx, 'negative', [
      { expectation: 'invalid', description: 'body as array', request: { ...request, body: [] } },
    ]);
    assert.equal(kept.cases.length, 1);
  });

  test('an unsatisfiable schema lands in generationProblems', () => {
    const impossible: SchemaObject = {
      type: 'object',
      required: ['n'],
      properties: { n: { type: 'integer', minimum: 10, maximum: 5 } },
    };
    const plan = planCases(specWith(impossible), { seed: 1, maxCases: 5 }, isValid);
    assert.ok(
      plan.generationProblems.some((p) => p.operation === 'POST /things' && /no integer fits/.test(p.reason)),
      JSON.stringify(plan.generationProblems),
    );
  });

  test('formats and patterns produce values the validator accepts', () => {
    const plan = planCases(specWith(thing), { seed: 11, maxCases: 25 }, isValid);
    const bodies = plan.cases
      .filter((c) => c.phase === 'positive')
      .map((c) => c.request.body as Record<string, string>);
    assert.ok(bodies.some((b) => b.email?.includes('@')));
    assert.ok(bodies.some((b) => /^[A-Z]{3}-\d{2}$/.test(b.code ?? '')));
    assert.deepEqual(plan.generationProblems, []);
  });

  test('secured operations get no-credential and bad-credential cases; undeclared methods are listed', () => {
    const spec = specWith(thing, { security: [{ bearer: [] }] });
    spec.document = { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } };
    const cases = planCases(spec, { seed: 1, maxCases: 5 }, isValid).cases;
    assert.deepEqual(
      cases.filter((c) => c.phase === 'auth').map((c) => c.request.auth),
      ['none', 'invalid'],
    );
    assert.deepEqual(
      cases.filter((c) => c.phase === 'methods').map((c) => c.request.method),
      ['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'],
    );
  });
});
