import { defineProfile } from 'tollgate';
import type { paths } from '../specs/generated/albums.ts';

/** A modest rate held for a long time: leaks, slow drift, connection churn. Bounded at 10 minutes. */
export default defineProfile<paths>({
  description: 'open model, 100 rps for 10 min (override with --duration)',
  model: 'open',
  stages: [
    { kind: 'warmup', duration: '5s', rate: 100 },
    { kind: 'steady', duration: '10m', rate: 100 },
  ],
  requests: [
    {
      weight: 3,
      path: '/v1/albums/{id}',
      method: 'get',
      params: (ctx) => ({ path: { id: 1 + (ctx.iteration % 3) } }),
    },
    { weight: 1, path: '/v1/albums', method: 'get', params: { query: { limit: 10 } } },
  ],
  abortOnFail: { graceSec: 30, afterSec: 10 },
  gates: {
    local: { 'latency.p99': '<250ms', 'errors.rate': '<0.1%' },
    staging: { 'latency.p99': '<500ms', 'errors.rate': '<0.5%' },
  },
});
