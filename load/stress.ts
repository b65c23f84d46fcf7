import { defineProfile } from 'tollgate';
import type { paths } from '../specs/generated/albums.ts';

/** Closed model, connections ramped up until the API saturates: where does latency bend? */
export default defineProfile<paths>({
  description: 'closed model, 8 -> 64 connections over 20 s',
  model: 'closed',
  stages: [
    { kind: 'warmup', duration: '2s', connections: 4 },
    { kind: 'ramp', duration: '10s', connections: 64 },
    { kind: 'steady', duration: '8s', connections: 64 },
    { kind: 'rampdown', duration: '2s', connections: 4 },
  ],
  requests: [
    {
      weight: 4,
      path: '/v1/albums/{id}',
      method: 'get',
      params: (ctx) => ({ path: { id: 1 + (ctx.iteration % 3) } }),
    },
    { weight: 1, path: '/v1/albums', method: 'get', params: { query: { limit: 20 } } },
  ],
  gates: {
    local: { 'latency.p99': '<500ms', 'errors.rate': '<1%' },
    staging: { 'latency.p99': '<1s', 'errors.rate': '<2%' },
  },
});
