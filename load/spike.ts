import { defineProfile } from 'tollgate';
import type { paths } from '../specs/generated/albums.ts';

/** Open model: a sudden 10x burst of arrivals and back. Does the API recover? */
export default defineProfile<paths>({
  description: 'open model, 100 rps with a 1000 rps spike, 17 s',
  model: 'open',
  stages: [
    { kind: 'warmup', duration: '2s', rate: 100 },
    { kind: 'steady', duration: '5s', rate: 100 },
    { kind: 'spike', duration: '3s', rate: 1000 },
    { kind: 'steady', duration: '5s', rate: 100 },
    { kind: 'rampdown', duration: '2s', rate: 10 },
  ],
  requests: [
    { path: '/v1/albums/{id}', method: 'get', params: (ctx) => ({ path: { id: 1 + (ctx.iteration % 3) } }) },
  ],
  gates: {
    local: { 'latency.p99': '<250ms', 'errors.rate': '<1%' },
    staging: { 'latency.p99': '<1s', 'errors.rate': '<2%' },
  },
});
