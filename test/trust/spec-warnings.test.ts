import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, test } from 'vitest';
import { renderConsole } from '../../src/report/console.ts';
import { renderHtml } from '../../src/report/html/page.ts';
import { renderJunit } from '../../src/report/junit.ts';
import { renderMarkdown } from '../../src/report/markdown.ts';
import { loadSpec } from '../../src/spec/load-spec.ts';
import { specWarnings } from '../../src/spec/spec-warnings.ts';
import { fixtureModel } from '../report/fixtures/model.ts';
import { specFrom } from './support/tiny-api.ts';

const ok = { '200': { description: 'ok' } };
/** One of each smell item 9 names, the way swag users write them. */
const smelly = {
  openapi: '3.0.3',
  info: { title: 'smelly', version: '1' },
  paths: {
    '/items/{id}': {
      delete: {
        operationId: 'deleteItem',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        security: [{ ApiKeyAuth: [] }],
        responses: {
          '204': { description: 'gone', content: { 'application/json': { schema: { type: 'object' } } } },
        },
      },
    },
    '/items/{name}/parts': {
      get: {
        operationId: 'itemParts',
        parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
        security: [{ ApiKeyAuth: [] }],
        responses: ok,
      },
      post: {
        operationId: 'addPart',
        parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['title', 'sku'],
                properties: { title: { type: 'string' } },
              },
            },
          },
        },
        responses: ok,
      },
    },
    '/items/{id}/owner': {
      get: {
        operationId: 'itemOwner',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: ok,
      },
    },
  },
};

/** The same API without the smells: no warnings at all. */
const clean = {
  openapi: '3.0.3',
  info: { title: 'clean', version: '1' },
  components: { securitySchemes: { ApiKeyAuth: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } },
  paths: {
    '/items/{id}': {
      delete: {
        operationId: 'deleteItem',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        security: [{ ApiKeyAuth: [] }],
        responses: { '204': { description: 'gone' } },
      },
      get: {
        operationId: 'getItem',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
              },
            },
          },
        },
      },
    },
    '/items/{id}/parts': {
      get: {
        operationId: 'itemParts',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: ok,
      },
    },
    '/items/chunk': { get: { operationId: 'chunk', responses: ok } },
  },
};

describe('item 9: spec warnings, computed once per spec', () => {
  test('fault present: each smell is one warning, with the operations it concerns', async () => {
    const spec = await specFrom(smelly);
    const warnings = specWarnings(spec);
    assert.equal(specWarnings(spec), warnings, 'computed once: the same list on the second call');
    const byCode = (code: string) => warnings.filter((w) => w.code === code);
    assert.deepEqual(
      byCode('body-on-bodiless-status').map((w) => w.operations),
      [['DELETE /items/{id}']],
    );
    const scheme = byCode('undefined-security-scheme');
    assert.equal(scheme.length, 1, 'one warning per scheme name, not per operation');
    assert.match(scheme[0].message, /"ApiKeyAuth".*2 operations/);
    assert.deepEqual(scheme[0].operations, ['DELETE /items/{id}', 'GET /items/{name}/parts']);
    // Gin panics on :name where another GET route has :id at the same position.
    const unroutable = byCode('unroutable-route');
    assert.deepEqual(
      unroutable.map((w) => w.operations),
      [['GET /items/{id}/owner', 'GET /items/{name}/parts']],
      JSON.stringify(unroutable),
    );
    const required = byCode('required-not-in-properties');
    assert.equal(required.length, 1);
    assert.match(required[0].message, /requires "sku", not in its properties/);
    assert.equal(
      required[0].pointer,
      '#/paths/~1items~1{name}~1parts/post/requestBody/content/application~1json/schema',
    );
    assert.equal(warnings.length, 4, JSON.stringify(warnings, null, 1));
  });

  test('fault absent: a spec without the smells (static and param siblings included) has none', async () => {
    assert.deepEqual(specWarnings(await specFrom(clean)), []);
    for (const file of ['albums.openapi.yaml', 'albums.swagger.yaml', 'albums.swagger.json']) {
      const spec = await loadSpec(resolve(import.meta.dirname, '../../specs', file));
      assert.deepEqual(specWarnings(spec), [], file);
    }
  });

  test('console, Markdown, HTML and JUnit show each warning once, apart from the findings', () => {
    const model = fixtureModel();
    const message = 'DELETE /items/{id} documents a body schema for 204, which never has a body';
    assert.ok(model.contract);
    model.contract.specWarnings = [
      { code: 'body-on-bodiless-status', message, operations: ['DELETE /items/{id}'] },
    ];
    const findingsBefore = model.contract.findings.length;
    for (const [name, out] of [
      ['console', renderConsole(model)],
      ['markdown', renderMarkdown(model)],
      ['html', renderHtml(model)],
      ['junit', renderJunit(model)],
    ] as const) {
      assert.equal(
        out.split(message).length - 1,
        1,
        `${name} shows the warning ${out.split(message).length - 1} times`,
      );
      assert.match(out, /[Ss]pec warnings/, name);
    }
    assert.match(renderConsole(model), new RegExp(`Findings\\s+${findingsBefore} errors in`));
    assert.doesNotMatch(renderJunit(model), /<testcase[^>]*name="body-on-bodiless-status"/);
  });

  test('fault absent: no spec-warnings section when there are none', () => {
    const model = fixtureModel();
    for (const out of [renderConsole(model), renderMarkdown(model), renderHtml(model), renderJunit(model)])
      assert.doesNotMatch(out, /[Ss]pec warnings/);
  });

  test('inspect lists the warnings (text and --json)', async () => {
    const dir = (await specFrom(smelly)).source;
    const bin = resolve(import.meta.dirname, '../../bin/tollgate.js');
    const run = (args: string[]) =>
      new Promise<string>((done, fail) =>
        execFile('node', [bin, 'inspect', '--spec', dir, ...args], { timeout: 60_000 }, (error, stdout) =>
          error ? fail(error) : done(stdout),
        ),
      );
    const textOut = await run([]);
    assert.match(textOut, /Spec warnings \(4\)/);
    assert.match(textOut, /! security scheme "ApiKeyAuth"/);
    const parsed = JSON.parse(await run(['--json'])) as { specWarnings: { code: string }[] };
    assert.equal(parsed.specWarnings.length, 4);
  });
});
