import assert from 'node:assert/strict';
import { test } from 'vitest';
import { matchOperation } from '../../src/spec/match-operation.ts';
import type { LoadedSpec, Operation } from '../../src/spec/types.ts';

const op = (method: Operation['method'], path: string) =>
  ({ id: `${method} ${path}`, method, path }) as Operation;
const spec = {
  basePath: '/api',
  operations: [
    op('get', '/albums'),
    op('get', '/albums/{id}'),
    op('get', '/albums/search'),
    op('delete', '/albums/{id}'),
    op('get', '/albums/{id}/tracks/{trackId}'),
  ],
} as LoadedSpec;

const cases: [string, string, string, string | undefined][] = [
  ['list', 'GET', '/api/albums', 'get /albums'],
  ['parameter', 'GET', '/api/albums/7', 'get /albums/{id}'],
  ['literal beats parameter', 'GET', '/api/albums/search', 'get /albums/search'],
  ['method matters', 'DELETE', '/api/albums/7', 'delete /albums/{id}'],
  ['undeclared method', 'PUT', '/api/albums/7', undefined],
  ['nested parameters', 'get', '/api/albums/1/tracks/2', 'get /albums/{id}/tracks/{trackId}'],
  ['trailing slash is another route in Gin', 'GET', '/api/albums/', undefined],
  ['outside the base path', 'GET', '/albums', undefined],
  ['encoded segment', 'GET', '/api/albums/a%20b', 'get /albums/{id}'],
];
for (const [name, method, path, want] of cases) {
  test(`matchOperation: ${name}`, () => {
    assert.equal(matchOperation(spec, method, path)?.id, want);
  });
}
