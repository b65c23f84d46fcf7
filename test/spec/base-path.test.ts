import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { basePathOf } from '../../src/spec/base-path.ts';

const cases: [string, { servers: unknown; want: string }][] = [
  ['absolute URL', { servers: [{ url: 'http://x/api/v1' }], want: '/api/v1' }],
  [
    'scheme-relative (swag without schemes)',
    { servers: [{ url: '//localhost:8080/api/v1' }], want: '/api/v1' },
  ],
  ['relative path', { servers: [{ url: '/api' }], want: '/api' }],
  ['host only', { servers: [{ url: 'http://127.0.0.1:8080' }], want: '' }],
  ['trailing slash dropped', { servers: [{ url: 'https://x/api/' }], want: '/api' }],
  [
    'server variable default',
    { servers: [{ url: 'https://x/{base}', variables: { base: { default: 'v2' } } }], want: '/v2' },
  ],
  ['no servers', { servers: undefined, want: '' }],
  ['first server wins', { servers: [{ url: '/a' }, { url: '/b' }], want: '/a' }],
];

describe('basePathOf', () => {
  for (const [name, { servers, want }] of cases) {
    test(name, () => assert.equal(basePathOf({ servers }), want));
  }
});
