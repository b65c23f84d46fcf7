import { defineProfile } from 'tollgate';
import type { paths } from '../specs/generated/albums.ts';

let key = 0;
const token = () => `baseline-${process.pid}-${++key}`;

/**
 * A realistic mix at a steady arrival rate (open model): mostly reads, some
 * creates followed by a read of what was created.
 */
export default defineProfile<paths>({
  description: 'steady 200 rps mixed reads and create-then-read, 30 s',
  model: 'open',
  rate: 200,
  stages: [
    { kind: 'warmup', duration: '3s', rate: 50 },
    { kind: 'ramp', duration: '5s', rate: 200 },
    { kind: 'steady', duration: '22s', rate: 200 },
  ],
  gateWindow: 'steady',
  requests: [
    {
      weight: 6,
      path: '/v1/albums/{id}',
      method: 'get',
      params: (ctx) => ({ path: { id: 1 + (ctx.iteration % 3) } }),
    },
    {
      weight: 3,
      path: '/v1/albums',
      method: 'get',
      params: (ctx) => ({ query: { limit: 1 + Math.floor(ctx.random() * 50) } }),
    },
    {
      weight: 1,
      name: 'create-then-read',
      steps: [
        {
          path: '/v1/albums',
          method: 'post',
          params: () => ({ header: { 'Idempotency-Key': token() } }),
          body: (ctx) => ({ title: `Load ${ctx.iteration}`, artist: 'tollgate', price: 9.99, year: 2024 }),
          capture: (res) => ({ id: (res.json as { id?: number } | undefined)?.id }),
        },
        { path: '/v1/albums/{id}', method: 'get', params: (ctx) => ({ path: { id: Number(ctx.vars.id) } }) },
      ],
    },
  ],
  gates: {
    local: {
      'latency.p99': '<250ms',
      'latency{op:getAlbum}.p95': '<50ms',
      'errors.rate': '<1%',
      rps: '>=190',
      'contract.violations': '==0',
    },
    staging: { 'latency.p99': '<500ms', 'latency{op:getAlbum}.p95': '<150ms', 'errors.rate': '<1%' },
    production: { 'latency.p99': '<500ms', 'errors.rate': '<0.5%' },
  },
});
