import { defineProfile } from 'tollgate';
import type { paths } from '../specs/generated/albums.ts';

/**
 * A few seconds of light, mixed reads at a gentle fixed rate (open model, so
 * the generator idles between arrivals): does the API answer, fast and without
 * errors, and do its answers match the spec?
 */
export default defineProfile<paths>({
  description: 'light mixed reads at 100 rps, ~5 s',
  model: 'open',
  stages: [
    { kind: 'warmup', duration: '1s', rate: 20 },
    { kind: 'steady', duration: '4s', rate: 100 },
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
