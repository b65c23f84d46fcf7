import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { fromGinPath, toGinPath } from '../../src/spec/gin-path.ts';

const cases: [string, { openApi: string; gin: string }][] = [
  ['no parameters', { openApi: '/v1/albums', gin: '/v1/albums' }],
  ['one parameter', { openApi: '/v1/albums/{id}', gin: '/v1/albums/:id' }],
  ['two parameters', { openApi: '/v1/albums/{id}/tracks/{trackId}', gin: '/v1/albums/:id/tracks/:trackId' }],
  ['root', { openApi: '/', gin: '/' }],
  ['trailing slash kept', { openApi: '/v1/albums/{id}/', gin: '/v1/albums/:id/' }],
];

describe('gin path mapping', () => {
  for (const [name, { openApi, gin }] of cases) {
    test(`${name}: ${openApi} <-> ${gin}`, () => {
      assert.equal(toGinPath(openApi), gin);
      assert.equal(fromGinPath(gin), openApi);
    });
  }

  test('a partial-segment template has no Gin form and is kept as written', () => {
    assert.equal(toGinPath('/files/{name}.json'), '/files/{name}.json');
  });

  test("Gin's catch-all *filepath maps to a template parameter", () => {
    assert.equal(fromGinPath('/static/*filepath'), '/static/{filepath}');
  });
});
