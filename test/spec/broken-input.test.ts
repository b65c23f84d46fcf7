import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { beforeAll, describe, test } from 'vitest';
import type { ErrorCode } from '../../src/errors/codes.ts';
import { TollgateError } from '../../src/errors/tollgate-error.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';

const broken = resolve(import.meta.dirname, '../fixtures/specs/broken');

/** Files with syntax errors are written at test time: committed, they would break the repo's linter. */
const syntaxErrors: Record<string, string> = {
  'bad-syntax.yaml':
    "openapi: 3.0.3\ninfo:\n  title: Broken\n  version: '1'\npaths:\n  /albums:\n    get:\n      responses: { '200': { description: ok }\n",
  'bad-syntax.json':
    '{\n  "openapi": "3.0.3",\n  "info": { "title": "x", "version": "1" },\n  "paths": { "/a": { "get": { "responses": {} } }, }\n',
};
const jsonPointer = '#/paths/~1albums/get/responses/200/content/application~1json/schema';

/** Each broken input, the error code it must give and the parts its one-line message must name. */
const cases: [string, { file: string; code: ErrorCode; parts: string[] }][] = [
  [
    'YAML syntax error',
    { file: 'bad-syntax.yaml', code: 'TG_SPEC_SYNTAX', parts: ['bad-syntax.yaml:9:1', 'Flow map'] },
  ],
  ['JSON syntax error', { file: 'bad-syntax.json', code: 'TG_SPEC_SYNTAX', parts: ['bad-syntax.json:5:1'] }],
  [
    'internal $ref to a missing schema',
    {
      file: 'bad-ref-internal.yaml',
      code: 'TG_SPEC_REF',
      parts: [`bad-ref-internal.yaml${jsonPointer}`, '(line 12)', '"#/components/schemas/Albun"'],
    },
  ],
  [
    '$ref to a missing file',
    {
      file: 'bad-ref-file.yaml',
      code: 'TG_SPEC_REF',
      parts: [
        `bad-ref-file.yaml${jsonPointer}`,
        '(line 12)',
        '"missing.yaml#/components/schemas/Album"',
        'no such file',
      ],
    },
  ],
  [
    '$ref to a missing pointer in another file',
    {
      file: 'bad-ref-pointer.yaml',
      code: 'TG_SPEC_REF',
      parts: [
        `bad-ref-pointer.yaml${jsonPointer}`,
        '(line 12)',
        'common.yaml has nothing at #/components/schemas/Nope',
      ],
    },
  ],
  [
    'openapi: 4.0.0',
    {
      file: 'bad-version-4.yaml',
      code: 'TG_SPEC_VERSION',
      parts: ['bad-version-4.yaml#/openapi', '(line 1)', '"4.0.0"'],
    },
  ],
  [
    'swagger: "1.2"',
    {
      file: 'bad-swagger-12.yaml',
      code: 'TG_SPEC_VERSION',
      parts: ['bad-swagger-12.yaml#/swagger', '(line 1)', '"1.2"'],
    },
  ],
  [
    'openapi: 3.0 (a YAML number)',
    {
      file: 'bad-version-number.yaml',
      code: 'TG_SPEC_VERSION',
      parts: ['bad-version-number.yaml#/openapi', '(line 1)', 'the number 3', 'quote it'],
    },
  ],
  [
    'not an API description',
    { file: 'bad-not-api.yaml', code: 'TG_SPEC_NOT_API', parts: ['bad-not-api.yaml', 'name, version'] },
  ],
  [
    '3.0 without paths',
    { file: 'bad-no-paths.yaml', code: 'TG_SPEC_INVALID', parts: ['bad-no-paths.yaml#/paths', 'missing'] },
  ],
  [
    'missing file',
    { file: 'no-such-spec.yaml', code: 'TG_SPEC_NOT_FOUND', parts: ['no-such-spec.yaml', 'no such file'] },
  ],
];

async function failure(source: string, cwd = broken): Promise<TollgateError> {
  try {
    await loadSpec(source, { cwd });
  } catch (error) {
    assert.ok(error instanceof TollgateError, `expected a TollgateError, got ${String(error)}`);
    return error;
  }
  assert.fail(`${source} loaded without an error`);
}

describe('broken specs give one-line TollgateErrors that name the place and the fix', () => {
  let scratch = '';
  beforeAll(async () => {
    scratch = await mkdtemp(resolve(tmpdir(), 'tollgate-spec-'));
    for (const [name, text] of Object.entries(syntaxErrors)) await writeFile(resolve(scratch, name), text);
  });

  for (const [name, { file, code, parts }] of cases) {
    test(name, async () => {
      const error = await failure(file, file in syntaxErrors ? scratch : broken);
      assert.equal(error.code, code, error.message);
      assert.equal(error.exitCode, 2);
      const line = error.format();
      assert.ok(!line.includes('\n'), `message spans lines: ${line}`);
      for (const part of parts) assert.ok(line.includes(part), `"${part}" missing from: ${line}`);
      assert.ok(error.hint.length > 0);
    });
  }

  test('a syntax error in a referenced file names that file', async () => {
    const dir = await mkdtemp(resolve(tmpdir(), 'tollgate-spec-'));
    await writeFile(
      resolve(dir, 'root.yaml'),
      "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    $ref: 'item.yaml'\n",
    );
    await writeFile(resolve(dir, 'item.yaml'), 'get:\n  responses: [\n');
    const error = await failure('root.yaml', dir);
    assert.equal(error.code, 'TG_SPEC_SYNTAX');
    assert.match(error.message, /item\.yaml:3:1/);
  });

  test('a valid neighbour of each broken case loads (the errors are not raised for everything)', async () => {
    const spec = await loadSpec('../petstore-3.0.yaml', { cwd: broken });
    assert.ok(spec.operations.length > 0);
  });
});

describe('errors found while indexing operations name the file, pointer and line', () => {
  const cases: [string, { yaml: string; code: ErrorCode; parts: string[] }][] = [
    [
      'parameter without "in"',
      {
        yaml: "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get:\n      parameters:\n        - name: q\n      responses: { '200': { description: ok } }\n",
        code: 'TG_SPEC_INVALID',
        parts: ['spec.yaml#/paths/~1a/get/parameters/0', '(line 7)', 'needs "name" and "in"'],
      },
    ],
    [
      'duplicate operationId',
      {
        yaml: "openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths:\n  /a:\n    get: { operationId: x, responses: {} }\n  /b:\n    get: { operationId: x, responses: {} }\n",
        code: 'TG_SPEC_INVALID',
        parts: ['spec.yaml#/paths/~1b/get', '(line 7)', 'operationId "x" is also used at #/paths/~1a/get'],
      },
    ],
  ];
  for (const [name, { yaml, code, parts }] of cases) {
    test(name, async () => {
      const dir = await mkdtemp(resolve(tmpdir(), 'tollgate-spec-'));
      await writeFile(resolve(dir, 'spec.yaml'), yaml);
      const error = await failure('spec.yaml', dir);
      assert.equal(error.code, code);
      for (const part of parts)
        assert.ok(error.message.includes(part), `"${part}" missing from: ${error.message}`);
    });
  }
});
