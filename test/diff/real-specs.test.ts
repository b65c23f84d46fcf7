import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { describe, test } from 'vitest';
import { runDiff } from '../../src/diff/run-diff.ts';

/**
 * Real published specs (test/fixtures/diff/real, copied from open-source Gin
 * projects): each against itself is no change; each against its `.breaking`
 * copy finds exactly the edits made, by the right check, on the right
 * operation, at a line of each file.
 */
const root = resolve(import.meta.dirname, '../..');
const real = (file: string) => join('test/fixtures/diff/real', file);

const cases: [string, { base: string; revision: string; want: string[] }][] = [
  [
    'oapi-codegen petstore-expanded (OpenAPI 3.0, allOf Pet)',
    {
      base: 'oapi-codegen-petstore-expanded.yaml',
      revision: 'oapi-codegen-petstore-expanded.breaking.yaml',
      want: [
        'ERR api-removed-without-deprecation DELETE /pets/{id}',
        'ERR request-parameter-became-required GET /pets',
        'ERR request-property-became-required POST /pets',
        'INFO response-property-became-required GET /pets',
        'INFO response-property-became-required GET /pets/{id}',
        'INFO response-property-became-required POST /pets',
      ],
    },
  ],
  [
    'swag celler (Swagger 2.0)',
    {
      base: 'swag-celler.swagger.yaml',
      revision: 'swag-celler.breaking.swagger.yaml',
      want: [
        'ERR request-parameter-enum-value-removed GET /examples/attribute',
        'ERR request-parameter-type-changed DELETE /accounts/{id}',
        'ERR response-success-status-removed DELETE /accounts/{id}',
        'INFO response-success-status-added DELETE /accounts/{id}',
      ],
    },
  ],
  [
    "gin-admin (Swagger 2.0, allOf envelopes): a property removed from the envelope's data",
    {
      base: 'gin-admin.swagger.json',
      revision: 'gin-admin.breaking.swagger.json',
      want: [
        'INFO response-optional-property-removed GET /api/v1/current/user',
        'INFO response-optional-property-removed GET /api/v1/users',
        'INFO response-optional-property-removed GET /api/v1/users/{id}',
        'INFO response-optional-property-removed POST /api/v1/users',
      ],
    },
  ],
];

describe('diff on real specs', () => {
  for (const [name, { base, revision, want }] of cases) {
    test(`${name}: no change against itself`, async () => {
      const diff = await runDiff({ base: real(base), revision: real(base), cwd: root });
      assert.deepEqual(diff.findings, []);
    });
    test(`${name}: the edits and nothing else, with lines in both files`, async () => {
      const diff = await runDiff({ base: real(base), revision: real(revision), cwd: root });
      const got = diff.findings.map((f) => `${f.level} ${f.id} ${f.operation}`).sort();
      assert.deepEqual(got, [...want].sort());
      for (const f of diff.findings) {
        assert.equal(f.base?.source, real(base));
        assert.equal(f.revision?.source, real(revision));
        assert.ok((f.base?.line ?? 0) > 0 && (f.revision?.line ?? 0) > 0, JSON.stringify(f));
      }
    });
  }
});
