/**
 * Type-level tests for defineProfile: compiled by `npm run typecheck`, never
 * run. Each @ts-expect-error must be needed, or tsc fails.
 */
import type { paths } from '../../specs/generated/albums.ts';
import { defineProfile } from '../../src/load/profile/define-profile.ts';

defineProfile<paths>({
  model: 'closed',
  requests: [
    { weight: 3, path: '/v1/albums/{id}', method: 'get', params: { path: { id: 1 } } },
    { path: '/v1/albums', method: 'get', params: { query: { limit: 10 } } },
    { path: '/v1/albums', method: 'get' },
    {
      path: '/v1/albums',
      method: 'post',
      params: (ctx) => ({ header: { 'Idempotency-Key': `k-${ctx.iteration}` } }),
      body: { title: 'x', artist: 'y', price: 1, year: 1999 },
    },
    {
      name: 'create-then-read',
      steps: [
        { path: '/v1/albums/{id}', method: 'get', params: (ctx) => ({ path: { id: Number(ctx.vars.id) } }) },
      ],
    },
  ],
});

defineProfile<paths>({
  model: 'closed',
  // @ts-expect-error: no such path
  requests: [{ path: '/v1/albumz/{id}', method: 'get', params: { path: { id: 1 } } }],
});
defineProfile<paths>({
  model: 'closed',
  // @ts-expect-error: id must be a number
  requests: [{ path: '/v1/albums/{id}', method: 'get', params: { path: { id: 'one' } } }],
});
defineProfile<paths>({
  model: 'closed',
  // @ts-expect-error: path params are required
  requests: [{ path: '/v1/albums/{id}', method: 'get' }],
});
defineProfile<paths>({
  model: 'closed',
  requests: [
    // @ts-expect-error: body must be an AlbumInput (title a string; artist and price required)
    {
      path: '/v1/albums',
      method: 'post',
      params: { header: { 'Idempotency-Key': 'k' } },
      body: { title: 1 },
    },
  ],
});
defineProfile<paths>({
  model: 'closed',
  // @ts-expect-error: /healthz has no POST
  requests: [{ path: '/healthz', method: 'post' }],
});
