import type { paths } from '../specs/generated/albums.ts';
import { defineProfile } from '../src/load/define-profile.ts';

/** A few seconds of light, mixed reads: does the API answer, fast and without errors? */
export default defineProfile<paths>({
  description: 'light mixed reads, ~5 s',
  model: 'closed',
  connections: 4,
  stages: [
    { kind: 'warmup', duration: '1s', connections: 2 },
    { kind: 'steady', duration: '4s', connections: 4 },
  ],
  requests: [
    {
      weight: 3,
      path: '/v1/albums/{id}',
      method: 'get',
      params: (ctx) => ({ path: { id: 1 + (ctx.iteration % 3) } }),
    },
    { weight: 2, path: '/v1/albums', method: 'get', params: { query: { limit: 10 } } },
    { weight: 1, path: '/healthz', method: 'get' },
  ],
  contractSample: 0.05,
  gates: {
    local: { 'latency.p99': '<250ms', 'errors.rate': '<1%', 'contract.violations': '==0' },
    staging: { 'latency.p99': '<500ms', 'errors.rate': '<1%' },
    production: { 'latency.p99': '<500ms', 'errors.rate': '<0.5%' },
  },
});
