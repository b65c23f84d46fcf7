import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { buildRegistry, checkNames, checkRegistry } from '../../src/checks/registry.ts';
import { runChecks } from '../../src/checks/run-checks.ts';
import type { CheckDefinition } from '../../src/checks/types.ts';
import { validateResponse } from '../../src/checks/validate-response.ts';
import { albums31, context, exchange, operation } from './support/spec-fixtures.ts';

const fails: CheckDefinition = {
  name: 'always-fails',
  description: 'test',
  run: () => ({ title: 't', expected: 'Expected: x', received: 'Received: y' }),
};

describe('registry', () => {
  test('a duplicate name throws at load', () => {
    assert.throws(() => buildRegistry([fails, { ...fails }]), /"always-fails" is registered twice/);
  });

  test('a name that is not kebab-case throws', () => {
    assert.throws(() => buildRegistry([{ ...fails, name: 'Always Fails' }]), /kebab-case/);
  });

  test('holds the documented checks', () => {
    assert.equal(checkNames.length, 20);
    for (const name of [
      'not-a-server-error',
      'response-schema',
      'null-collection',
      'undocumented-redirect',
    ]) {
      assert.ok(checkRegistry.has(name), name);
    }
  });
});

describe('runChecks', () => {
  const ctx = context(albums31, 'getAlbum');
  const broken = exchange({ status: 500 });

  test('returns each failure with its check name, in registry order', () => {
    const results = runChecks(ctx, broken);
    assert.deepEqual(
      results.map((r) => r.check),
      ['not-a-server-error', 'status-code-documented'],
    );
  });

  test('skips disabled checks', () => {
    const results = runChecks(ctx, broken, (name) => name !== 'not-a-server-error');
    assert.deepEqual(
      results.map((r) => r.check),
      ['status-code-documented'],
    );
  });

  test('passes per-check options and names a crashing check', () => {
    const seen: unknown[] = [];
    const registry = buildRegistry([
      {
        name: 'reads-options',
        description: 'test',
        run: (c) => {
          seen.push(c.options);
          return undefined;
        },
      },
      {
        name: 'crashes',
        description: 'test',
        run: () => {
          throw new Error('boom');
        },
      },
    ]);
    assert.throws(
      () => runChecks(ctx, broken, undefined, { registry, optionsFor: (name) => ({ name }) }),
      /check "crashes" crashed on GET \/albums\/\{id\}: boom/,
    );
    assert.deepEqual(seen, [{ name: 'reads-options' }]);
  });

  test('a clean exchange gives nothing', () => {
    const ok = exchange({
      status: 200,
      body: { id: 1, title: 't', artist: 'a', price: 1 },
      headers: { 'x-request-id': 'r' },
    });
    assert.deepEqual(runChecks(ctx, ok), []);
  });
});

describe('validateResponse', () => {
  test('composes status, content type, headers and schema', () => {
    const op = operation(albums31, 'listAlbums');
    const bad = exchange({
      url: 'http://127.0.0.1/albums',
      status: 200,
      body: { items: [{ id: 'x' }], total: 1 },
      headers: { 'x-request-id': 'r' },
    });
    const failures = validateResponse(albums31, op, bad);
    assert.deepEqual(
      failures.map((f) => f.check),
      ['response-headers', 'response-schema'],
    );
    const good = exchange({
      url: 'http://127.0.0.1/albums',
      status: 200,
      body: { items: [], total: 0 },
      headers: { 'x-request-id': 'r', 'x-total-count': '0' },
    });
    assert.deepEqual(validateResponse(albums31, op, good), []);
  });
});
