import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, test } from 'vitest';
import { planCases } from '../../src/cases/plan-cases.ts';
import type { IsValid, TestCase } from '../../src/cases/types.ts';
import { buildRequest } from '../../src/contract/build-request.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';

const ajv = new Ajv2020.default({ strict: false });
addFormats.default(ajv);
const isValid: IsValid = (schema, value) => ajv.validate(schema, value);
const specPath = resolve(import.meta.dirname, '../fixtures/specs/bodies.openapi.json');

const spec = await loadSpec(specPath);

describe('bodies of every documented kind', () => {
  const { cases, generationProblems } = planCases(spec, { seed: 1, maxCases: 5 }, isValid);
  const of = (id: string) => cases.filter((c) => c.operationId === id);
  const names = (list: TestCase[]) => list.map((c) => `${c.expectation} ${c.description}`);
  const wire = (c: TestCase) =>
    buildRequest(spec, spec.operations.find((o) => o.id === c.operationId)!, c, {
      baseURL: 'http://127.0.0.1:1',
      headers: {},
    });

  test('every operation gets valid cases, none is given up', () => {
    assert.deepEqual(generationProblems, []);
    for (const id of ['upload', 'submitForm', 'postNote', 'putBlob'])
      assert.ok(
        of(id).some((c) => c.expectation === 'valid'),
        `${id}: ${names(of(id))}`,
      );
  });

  test('multipart: the file goes as a file part with a filename; negatives: missing part, plain field, wrong media', () => {
    const valid = of('upload').find((c) => c.phase === 'positive')!;
    const request = wire(valid);
    const boundary = /boundary=(\S+)/.exec(request.headers['content-type'])?.[1];
    assert.ok(boundary, request.headers['content-type']);
    assert.match(
      request.body ?? '',
      /Content-Disposition: form-data; name="file"; filename="tollgate-file\.txt"\r\n/,
    );
    assert.ok(request.body?.endsWith(`--${boundary}--\r\n`));
    const negatives = names(of('upload').filter((c) => c.expectation === 'invalid'));
    for (const want of [
      'invalid body.file missing',
      'invalid body.file sent as a plain field, not a file',
      'invalid body sent as application/json',
      'invalid body sent as application/x-www-form-urlencoded',
      'invalid empty body',
    ])
      assert.ok(negatives.includes(want), `${want} not in ${negatives.join('\n')}`);
  });

  test('urlencoded: values as text; negatives: missing field, wrong type as text, wrong media', () => {
    const valid = of('submitForm').find((c) => c.phase === 'positive')!;
    const form = new URLSearchParams(wire(valid).body ?? '');
    assert.ok((form.get('name') ?? '').length >= 1, wire(valid).body);
    assert.deepEqual(
      [...form.keys()].filter((k) => k !== 'name' && k !== 'age'),
      [],
    );
    if (form.has('age')) assert.match(form.get('age') ?? '', /^\d+$/);
    assert.equal(wire(valid).headers['content-type'], 'application/x-www-form-urlencoded');
    const negatives = names(of('submitForm').filter((c) => c.expectation === 'invalid'));
    for (const want of [
      'invalid body.name missing',
      'invalid body.age as text',
      'invalid body sent as application/json',
    ])
      assert.ok(negatives.includes(want), `${want} not in ${negatives.join('\n')}`);
    // On the wire "1" is a fine integer: no "as a string" negative for a form field.
    assert.ok(!negatives.some((n) => n.includes('as a string')), negatives.join('\n'));
  });

  test('text/plain and octet-stream: the body is the text; negatives: wrong media, empty', () => {
    for (const id of ['postNote', 'putBlob']) {
      const valid = of(id).find((c) => c.phase === 'positive')!;
      assert.equal(wire(valid).body, valid.request.body);
      assert.equal(typeof valid.request.body, 'string');
      const negatives = names(of(id).filter((c) => c.expectation === 'invalid'));
      for (const want of ['invalid body sent as application/json', 'invalid empty body'])
        assert.ok(negatives.includes(want), `${id}: ${want} not in ${negatives.join('\n')}`);
    }
  });
});
