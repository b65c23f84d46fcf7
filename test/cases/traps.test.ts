import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, test } from 'vitest';
import { planCases } from '../../src/cases/plan-cases.ts';
import type { IsValid, TestCase } from '../../src/cases/types.ts';
import type { LoadedSpec, Operation, Parameter, SchemaObject } from '../../src/spec/types.ts';

const ajv = new Ajv2020.default({ strict: false });
addFormats.default(ajv);
const isValid: IsValid = (schema, value) => ajv.validate(schema, value);

function operation(extra: Partial<Operation>): Operation {
  return {
    id: 'op',
    key: 'POST /things',
    method: 'post',
    path: '/things',
    ginPath: '/things',
    tags: [],
    parameters: [],
    responses: { '200': { description: 'ok', content: {}, headers: {}, links: {} } },
    security: [],
    pointer: '#/paths/~1things/post',
    extensions: {},
    ...extra,
  };
}

function spec(...operations: Operation[]): LoadedSpec {
  return {
    source: 'test',
    version: '3.1',
    dialect: '3.1',
    title: 't',
    apiVersion: '1',
    document: {},
    basePath: '',
    operations,
  };
}

const body = (schema: SchemaObject): Operation['requestBody'] => ({
  required: true,
  content: { 'application/json': { schema } },
});

const thing: SchemaObject = {
  type: 'object',
  required: ['name', 'count'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 40 },
    note: { type: 'string' },
    count: { type: 'integer', minimum: 0 },
  },
};

function query(name: string, schema: SchemaObject, extra: Partial<Parameter> = {}): Parameter {
  return { name, in: 'query', required: false, schema, explode: true, ...extra } as Parameter;
}

const described = (cases: TestCase[], pattern: RegExp) => cases.filter((c) => pattern.test(c.description));

describe('values Gin handlers trip on', () => {
  const create = operation({ requestBody: body(thing) });
  for (const seed of [1, 2, 99]) {
    test(`seed ${seed}, maxCases 1: every trap kind is tried on an operation with a body`, () => {
      const { cases } = planCases(spec(create), { seed, maxCases: 1 }, isValid);
      const kinds: [RegExp, TestCase['expectation'][]][] = [
        [/JSON syntax error at the start/, ['invalid']],
        [/JSON syntax error in the middle/, ['invalid']],
        [/JSON with trailing garbage/, ['invalid']],
        [/JSON in UTF-16/, ['invalid']],
        [/JSON truncated/, ['invalid']],
        [/body is true, not an object/, ['invalid']],
        [/body is \[\], not an object/, ['invalid']],
        [/body is "x", not an object/, ['invalid']],
        [/body\.count = 9223372036854775808/, ['any']],
        [/body\.count = -9223372036854775809/, ['invalid']],
        [/body\.count = 1e400/, ['any', 'invalid']],
        [/with combining marks/, ['any', 'invalid']],
        [/with emoji/, ['any', 'invalid']],
        [/with right-to-left override/, ['any', 'invalid']],
        [/with NUL/, ['any', 'invalid']],
        [/very long/, ['any', 'invalid']],
        [/^empty string in body\.note/, ['valid']],
        [/^whitespace-only body\.name/, ['valid']],
        [/large value 1000000/, ['valid']],
        [/large value 2147483647/, ['valid']],
      ];
      for (const [pattern, expectations] of kinds) {
        const found = described(cases, pattern);
        assert.ok(found.length >= 1, `no case for ${pattern}`);
        for (const c of found)
          assert.ok(expectations.includes(c.expectation), `${c.description}: ${c.expectation}`);
      }
      const again = planCases(spec(create), { seed, maxCases: 1 }, isValid).cases;
      assert.deepEqual(again, cases, 'not deterministic per seed');
    });
  }

  test('numbers beyond int64 go out as raw JSON text, not as a rounded or null JS number', () => {
    const { cases } = planCases(spec(create), { seed: 1, maxCases: 1 }, isValid);
    const [overflow] = described(cases, /body\.count = 9223372036854775808/);
    assert.match(overflow.request.rawBody ?? '', /"count":9223372036854775808[,}]/);
    const [inf] = described(cases, /body\.count = 1e400/);
    assert.match(inf.request.rawBody ?? '', /"count":1e400[,}]/);
  });

  test('the UTF-16 body is bytes with a BOM, sent as such', () => {
    const { cases } = planCases(spec(create), { seed: 1, maxCases: 1 }, isValid);
    const [utf16] = described(cases, /JSON in UTF-16/);
    assert.equal(utf16.request.rawEncoding, 'latin1');
    const bytes = Buffer.from(utf16.request.rawBody ?? '', 'latin1');
    assert.deepEqual([...bytes.subarray(0, 4)], [0xff, 0xfe, 0x7b, 0x00]);
  });

  test('the schema decides blank strings: "" is invalid under minLength 1, whitespace valid; enums get none', () => {
    const list = operation({
      method: 'get',
      key: 'GET /things',
      requestBody: undefined,
      parameters: [
        query('artist', { type: 'string' }),
        query('code', { type: 'string', minLength: 1 }),
        query('kind', { type: 'string', enum: ['a', 'b'] }),
        query('offset', { type: 'integer', minimum: 0 }),
      ],
    });
    const { cases } = planCases(spec(list), { seed: 1, maxCases: 1 }, isValid);
    const empty = described(cases, /^empty string in/);
    assert.deepEqual(
      empty.map((c) => [c.description, c.expectation]),
      [['empty string in query.artist (no minLength)', 'valid']],
    );
    assert.deepEqual(
      described(cases, /^whitespace-only/).map((c) => [c.description, c.expectation]),
      [
        ['whitespace-only query.artist (3 spaces)', 'valid'],
        ['whitespace-only query.code (3 spaces)', 'valid'],
      ],
    );
    const offsets = cases
      .filter((c) => c.phase === 'boundary' && c.description.startsWith('query.offset'))
      .map((c) => c.request.query.offset);
    for (const large of [1000, 1_000_000, 2 ** 31 - 1]) assert.ok(offsets.includes(large), `offset ${large}`);
  });

  test('long valid values for strings without maxLength; none past a maxLength', () => {
    const list = operation({
      method: 'get',
      key: 'GET /things',
      parameters: [query('q', { type: 'string' }), query('short', { type: 'string', maxLength: 8 })],
    });
    const { cases } = planCases(spec(list), { seed: 1, maxCases: 1 }, isValid);
    const long = described(cases, /long value, no maxLength/);
    assert.deepEqual(
      long.map((c) => [c.description, String(c.request.query.q).length, c.expectation]),
      [
        ['query.q long value, no maxLength: length 1000', 1000, 'valid'],
        ['query.q long value, no maxLength: length 10000', 10000, 'valid'],
      ],
    );
  });
});

describe('spec defaults and examples', () => {
  test('boundary and negative cases vary one field of a request built from the defaults', () => {
    const list = operation({
      method: 'get',
      key: 'GET /things',
      parameters: [
        query('pageSize', { type: 'integer', minimum: 1, maximum: 1000, default: 7 }),
        query('page', { type: 'integer', minimum: 1, default: 1 }),
      ],
    });
    const { cases } = planCases(spec(list), { seed: 5, maxCases: 5 }, isValid);
    const others = cases.filter(
      (c) => (c.phase === 'boundary' || c.phase === 'negative') && c.description.startsWith('query.page '),
    );
    assert.ok(others.length > 0);
    for (const c of others) assert.equal(c.request.query.pageSize, 7, c.description);
    const positive = cases.filter((c) => c.phase === 'positive');
    assert.ok(
      positive.some((c) => c.description.includes('spec defaults') && c.request.query.pageSize === 7),
      JSON.stringify(positive.map((c) => [c.description, c.request.query])),
    );
  });
});

describe('no hidden caps; impossible cases name the keyword and its limit', () => {
  const one = (schema: SchemaObject) =>
    planCases(spec(operation({ requestBody: body(schema) })), { seed: 1, maxCases: 3 }, isValid);

  test('format uuid without maxLength is generated (36 characters), as is a long pattern', () => {
    const plan = one({
      type: 'object',
      required: ['id', 'code'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        code: { type: 'string', pattern: '^[a-z]+$', minLength: 40 },
      },
    });
    assert.deepEqual(plan.generationProblems, []);
    const positive = plan.cases.filter((c) => c.phase === 'positive');
    assert.ok(positive.length > 0);
    for (const c of positive) {
      const b = c.request.body as { id: string; code: string };
      assert.match(b.id, /^[0-9a-f-]{36}$/);
      assert.ok(b.code.length >= 40, b.code);
    }
  });

  for (const [name, schema, reason] of [
    [
      'format above maxLength',
      { type: 'string', format: 'uuid', maxLength: 20 },
      /format uuid needs 36 characters, above maxLength 20/,
    ],
    [
      'minLength above maxLength',
      { type: 'string', minLength: 5, maxLength: 3 },
      /minLength 5 is above maxLength 3/,
    ],
    ['integer range', { type: 'integer', minimum: 10, maximum: 5 }, /no integer fits minimum 10, maximum 5/],
    [
      'pattern and maxLength',
      { type: 'string', pattern: '^[a-z]{10}$', maxLength: 4 },
      /pattern \^\[a-z\]\{10\}\$ within maxLength 4/,
    ],
  ] as [string, SchemaObject, RegExp][]) {
    test(`${name}: the reason names the keyword and its limit`, () => {
      const plan = one({ type: 'object', required: ['x'], properties: { x: schema } });
      assert.ok(
        plan.generationProblems.some((p) => reason.test(p.reason)),
        JSON.stringify(plan.generationProblems),
      );
    });
  }

  test('boundary descriptions name the limit, then what was sent', () => {
    const plan = one({
      type: 'object',
      required: ['x', 'n'],
      properties: { x: { type: 'string', minLength: 4, maxLength: 6 }, n: { type: 'integer', minimum: 1 } },
    });
    const names = plan.cases.filter((c) => c.phase === 'boundary').map((c) => c.description);
    assert.ok(names.includes('body.x below minLength (4): length 3'), names.join('\n'));
    assert.ok(names.includes('body.x above maxLength (6): length 7'), names.join('\n'));
    assert.ok(names.includes('body.n below minimum (1): 0'), names.join('\n'));
  });
});
